package chipsweep.data;

import static chipsweep.data.IdxFixture.TEST;
import static chipsweep.data.IdxFixture.TRAIN;
import static chipsweep.data.IdxFixture.gzip;
import static chipsweep.data.IdxFixture.idx1;
import static chipsweep.data.IdxFixture.idx3;
import static chipsweep.data.IdxFixture.images;
import static chipsweep.data.IdxFixture.labels;
import static chipsweep.data.IdxFixture.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import chipsweep.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per fault: a valid folder (training files plain, test files gzipped) is written to a temporary
 * directory, one file is broken, and loading must fail with exactly the one-line message given, in which
 * {@code DIR} stands for the folder.
 */
class IdxReaderBadInputTest {
    private static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    private static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    private static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    private static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";

    @TempDir
    Path dir;

    static Stream<Arguments> faults() {
        byte[] trainImages = images(TRAIN);
        byte[] trainFile = idx3(0x803, TRAIN, 28, 28, trainImages);
        byte[] badLabels = labels(TEST);
        badLabels[1] = 10;
        return Stream.of(
                row("wrong magic, images", TRAIN_IMAGES, idx3(0x801, TRAIN, 28, 28, trainImages),
                        "DIR/train-images-idx3-ubyte: magic number 0x00000801, expected 0x00000803 (IDX images of unsigned bytes)"),
                row("wrong magic, labels", TRAIN_LABELS, idx1(0x803, TRAIN, labels(TRAIN)),
                        "DIR/train-labels-idx1-ubyte: magic number 0x00000803, expected 0x00000801 (IDX labels of unsigned bytes)"),
                row("wrong dimensions", TRAIN_IMAGES, idx3(0x803, TRAIN, 32, 28, trainImages),
                        "DIR/train-images-idx3-ubyte: images are 32x28, expected 28x28"),
                row("negative count", TRAIN_IMAGES, idx3(0x803, -1, 28, 28, trainImages),
                        "DIR/train-images-idx3-ubyte: image count 4294967295 in the header is outside 0..2739137"),
                row("truncated", TRAIN_IMAGES, Arrays.copyOf(trainFile, trainFile.length - 10),
                        "DIR/train-images-idx3-ubyte: truncated: the header declares 3 images (2368 bytes uncompressed), the file holds 2358"),
                row("truncated header", TRAIN_IMAGES, Arrays.copyOf(trainFile, 5),
                        "DIR/train-images-idx3-ubyte: truncated: 5 bytes, shorter than the 16-byte header of an IDX image file"),
                row("empty file", TRAIN_LABELS, new byte[0],
                        "DIR/train-labels-idx1-ubyte: truncated: 0 bytes, shorter than the 8-byte header of an IDX label file"),
                row("trailing bytes", TRAIN_IMAGES, Arrays.copyOf(trainFile, trainFile.length + 3),
                        "DIR/train-images-idx3-ubyte: 3 trailing bytes after the 3 images the header declares (2368 bytes uncompressed)"),
                row("trailing bytes, gzipped labels", TEST_LABELS, gzip(idx1(0x801, TEST - 1, labels(TEST))),
                        "DIR/t10k-labels-idx1-ubyte.gz: 1 trailing byte after the 1 labels the header declares (9 bytes uncompressed)"),
                row("count mismatch", TRAIN_LABELS, idx1(0x801, TRAIN - 1, labels(TRAIN - 1)),
                        "DIR/train-labels-idx1-ubyte: 2 labels, but train-images-idx3-ubyte holds 3 images"),
                row("label 10", TEST_LABELS, gzip(idx1(0x801, TEST, badLabels)),
                        "DIR/t10k-labels-idx1-ubyte.gz: label 10 at index 1 is outside 0-9"),
                row("label 255", TRAIN_LABELS, idx1(0x801, TRAIN, new byte[] {0, 1, (byte) 255}),
                        "DIR/train-labels-idx1-ubyte: label 255 at index 2 is outside 0-9"),
                row("corrupt gzip", TEST_IMAGES, new byte[] {0x1f, (byte) 0x8b, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10},
                        "DIR/t10k-images-idx3-ubyte.gz: not valid gzip data (Unsupported compression method)"),
                row("truncated gzip", TEST_IMAGES, Arrays.copyOf(gzip(idx3(0x803, TEST, 28, 28, images(TEST))), 40),
                        "DIR/t10k-images-idx3-ubyte.gz: truncated gzip data (Unexpected end of ZLIB input stream)"),
                Arguments.of("missing file", (Consumer<Path>) d -> delete(d.resolve(TEST_LABELS)),
                        "DIR/t10k-labels-idx1-ubyte: file not found (nor t10k-labels-idx1-ubyte.gz)"),
                Arguments.of("plain and gzipped", (Consumer<Path>) d -> write(d.resolve(TRAIN_LABELS + ".gz"),
                        gzip(idx1(0x801, TRAIN, labels(TRAIN)))),
                        "DIR/train-labels-idx1-ubyte: present both plain and gzipped (train-labels-idx1-ubyte.gz); keep one"));
    }

    private static Arguments row(String name, String file, byte[] bytes, String message) {
        return Arguments.of(name, (Consumer<Path>) d -> write(d.resolve(file), bytes), message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void refusesWithOneLineNamingTheFile(String name, Consumer<Path> fault, String message) {
        IdxFixture.writeFolder(dir, false, true);
        fault.accept(dir);
        InputException e = assertThrows(InputException.class, () -> IdxReader.load(dir));
        assertEquals(message.replace("DIR", dir.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void aFolderThatIsNotOneIsRefused() {
        Path file = dir.resolve("plain-file");
        write(file, new byte[1]);
        assertEquals(file + ": not a directory (expected the four MNIST-style IDX files)",
                assertThrows(InputException.class, () -> IdxReader.load(file)).getMessage());
    }

    private static void delete(Path p) {
        try {
            Files.delete(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
