package chipsweep.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import chipsweep.InputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The converter on a tiny synthetic package: class c has SIZES[c] digits whose pixels all equal its code. */
class NpmMnistToIdxTest {
    private static final int[] SIZES = {5, 6, 1, 0, 10, 4, 5, 2, 3, 11};

    @TempDir
    Path dir;

    /** Digit k of class c has every pixel {@code (10 * k + c) / 255} written with 3 decimals. */
    private static String json(int c, int count) {
        StringBuilder s = new StringBuilder("{ \"data\": [");
        for (int k = 0; k < count; k++) {
            String v = String.format(java.util.Locale.ROOT, "%.3f", (10 * k + c) / 255.0);
            for (int p = 0; p < 784; p++) {
                s.append(k == 0 && p == 0 ? "" : ",").append(p == 0 ? v : (p % 2 == 0 ? "0" : v));
            }
        }
        return s.append("]}").toString();
    }

    private static byte[] read(int c, String json) throws IOException {
        return NpmMnistToIdx.readDigits(c + ".json", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsBytesAsRintOfValueTimes255() throws IOException {
        byte[] b = read(0, "{\"data\": [" + "0.2,0,1,0.498,".repeat(196).replaceAll(",$", "") + "]}");
        assertEquals(784, b.length);
        assertArrayEquals(new byte[] {51, 0, (byte) 255, 127}, java.util.Arrays.copyOf(b, 4));
    }

    @Test
    void splitsTheLastFifthOfEachClassToTestAndInterleavesTheClasses() throws IOException {
        List<byte[]> perClass = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            perClass.add(SIZES[c] == 0 ? new byte[0] : read(c, json(c, SIZES[c])));
        }
        NpmMnistToIdx.convert(perClass, dir);
        ImageDataset d = IdxReader.load(dir);
        // test: floor(n / 5) per class = 1, 1, 0, 0, 2, 0, 1, 0, 0, 2
        assertArrayEquals(new int[] {0, 1, 4, 6, 9, 4, 9}, d.test().labels());
        // train: 4, 5, 1, 0, 8, 4, 4, 2, 3, 9 digits, round-robin
        int[] train = d.train().labels();
        assertArrayEquals(new int[] {0, 1, 2, 4, 5, 6, 7, 8, 9, 0, 1, 4, 5, 6, 7, 8, 9}, java.util.Arrays.copyOf(train, 17));
        assertArrayEquals(new int[] {4, 5, 1, 0, 8, 4, 4, 2, 3, 9}, d.train().labelCounts());
        assertEquals(40, d.train().size());
        // which digit went where: the pixel value 10 * k + c gives digit k of class c
        byte[] testImages = IdxReader.readImages(dir.resolve("t10k-images-idx3-ubyte.gz"));
        int[] expectedDigit = {4, 5, 8, 4, 9, 9, 10}; // the last ones of their class, in package order
        for (int i = 0; i < expectedDigit.length; i++) {
            int label = d.test().label(i);
            assertEquals(10 * expectedDigit[i] + label, testImages[i * 784] & 0xFF, "test image " + i);
        }
        byte[] trainImages = IdxReader.readImages(dir.resolve("train-images-idx3-ubyte.gz"));
        assertEquals(10 + 1, trainImages[10 * 784] & 0xFF, "training image 10 is digit 1 of class 1");
    }

    @Test
    void reRunningGivesTheSameBytes() throws IOException {
        List<byte[]> perClass = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            perClass.add(read(c, json(c, 2)));
        }
        Path a = Files.createDirectory(dir.resolve("a"));
        Path b = Files.createDirectory(dir.resolve("b"));
        NpmMnistToIdx.convert(perClass, a);
        NpmMnistToIdx.convert(perClass, b);
        for (String f : IdxReader.FILES) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f + ".gz")), Files.readAllBytes(b.resolve(f + ".gz")), f);
        }
    }

    static Stream<Arguments> badJson() {
        String ok = "0,".repeat(783) + "0";
        return Stream.of(
                Arguments.of("[]", "3.json: must start with '{' (line 1, column 1)"),
                Arguments.of("{\"pixels\": []}", "3.json: must have the field 'data' first (line 1, column 2)"),
                Arguments.of("{\"data\": [" + ok + ",1.5]}", "3.json: field 'data[784]': must be in [0, 1], but was 1.5"),
                Arguments.of("{\"data\": [-0.001]}", "3.json: field 'data[0]': must be in [0, 1], but was -0.001"),
                Arguments.of("{\"data\": [\"0\"]}", "3.json: data[0] must be a number (line 1, column 11)"),
                Arguments.of("{\"data\": [" + ok + ",0]}", "3.json: field 'data': must hold a positive multiple of 784 values, but was 785"),
                Arguments.of("{\"data\": []}", "3.json: field 'data': must hold a positive multiple of 784 values, but was 0"),
                Arguments.of("{\"data\": [" + ok + "], \"x\": 1}", "3.json: must have only the field 'data' (line 1, column " + (10 + 2 * 784 + 3) + ")"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badJson")
    void refusesABadDigitsFile(String json, String message) {
        assertEquals(message, assertThrows(InputException.class, () -> read(3, json)).getMessage());
    }
}
