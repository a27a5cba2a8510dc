package chipsweep.data;

import static chipsweep.data.IdxFixture.TEST;
import static chipsweep.data.IdxFixture.TRAIN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IdxReaderTest {
    @TempDir
    Path dir;

    static Stream<Arguments> layouts() {
        return Stream.of(Arguments.of("all plain", false, false), Arguments.of("all gzipped", true, true),
                Arguments.of("train plain, test gzipped", false, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void plainAndGzippedFilesReadIdentically(String layout, boolean gzipTrain, boolean gzipTest) {
        IdxFixture.writeFolder(dir, gzipTrain, gzipTest);
        ImageDataset d = IdxReader.load("fixture", dir);
        ImageDataset expected = ImageDataset.of("fixture", IdxFixture.images(TRAIN), IdxFixture.labels(TRAIN),
                IdxFixture.images(TEST), IdxFixture.labels(TEST));
        assertEquals(expected.sha256(), d.sha256(), "content hash does not depend on compression");
        assertEquals("fixture", d.name());
        assertEquals(TRAIN, d.train().size());
        assertEquals(TEST, d.test().size());
        assertArrayEquals(new int[] {1, 4, 7}, d.train().labels());
        assertArrayEquals(new int[] {1, 4}, d.test().labels());
        for (int i = 0; i < TRAIN; i++) {
            assertArrayEquals(expected.train().inputs(i), d.train().inputs(i));
        }
    }

    @Test
    void gzipIsToldByItsMagicBytesNotByTheName() throws IOException {
        IdxFixture.writeFolder(dir, false, false);
        byte[] plain = Files.readAllBytes(dir.resolve("train-images-idx3-ubyte"));
        // gzipped content under the plain name, plain content under the .gz name
        Files.write(dir.resolve("train-images-idx3-ubyte"), IdxFixture.gzip(plain));
        Files.move(dir.resolve("t10k-labels-idx1-ubyte"), dir.resolve("t10k-labels-idx1-ubyte.gz"));
        ImageDataset d = IdxReader.load(dir);
        assertEquals(dir.getFileName().toString(), d.name());
        assertArrayEquals(IdxFixture.images(TRAIN), IdxReader.readImages(dir.resolve("train-images-idx3-ubyte")));
        assertArrayEquals(IdxFixture.labels(TEST), IdxReader.readLabels(dir.resolve("t10k-labels-idx1-ubyte.gz")));
    }

    @Test
    void contentHashIsThatOfTheConcatenatedUncompressedFiles() throws IOException {
        IdxFixture.writeFolder(dir, false, false);
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (String f : IdxReader.FILES) {
            all.write(Files.readAllBytes(dir.resolve(f)));
        }
        assertEquals(Dataset.sha256Hex(all.toByteArray()), IdxReader.load(dir).sha256());
    }

    @Test
    void emptyFilesAreAValidEmptySet() {
        IdxWriter.writeImages(dir.resolve("train-images-idx3-ubyte"), new byte[0]);
        IdxWriter.writeLabels(dir.resolve("train-labels-idx1-ubyte"), new byte[0]);
        IdxWriter.writeImages(dir.resolve("t10k-images-idx3-ubyte"), new byte[0]);
        IdxWriter.writeLabels(dir.resolve("t10k-labels-idx1-ubyte"), new byte[0]);
        ImageDataset d = IdxReader.load(dir);
        assertEquals(0, d.train().size());
        assertArrayEquals(new int[10], d.test().labelCounts());
    }

    @Test
    void gzipOutputHasAFixedHeader() throws IOException {
        Path f = dir.resolve("x-labels-idx1-ubyte.gz");
        IdxWriter.writeLabels(f, IdxFixture.labels(4));
        byte[] b = Files.readAllBytes(f);
        // magic, deflate, no flags, mtime 0 (4 bytes), xfl 0, OS 255 (unknown) as JDK 17 writes it
        assertEquals("1f8b08000000000000ff", HexFormat.of().formatHex(b, 0, 10));
        byte[] again = Files.readAllBytes(f);
        IdxWriter.writeLabels(f, IdxFixture.labels(4));
        assertArrayEquals(again, Files.readAllBytes(f), "byte-reproducible");
    }
}
