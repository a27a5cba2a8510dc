package chipsweep.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chipsweep.InputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DatasetTest {
    private static final double[][] X = {{1.5, -2}, {3, 4}, {5, 6}};
    private static final int[] Y = {1, 0, 0};

    @Test
    void ofCopiesAndExposesTheData() {
        double[][] x = {{1.5, -2}, {3, 4}, {5, 6}};
        int[] y = Y.clone();
        Dataset d = Dataset.of("mem", x, y);
        x[0][0] = 99;
        y[0] = 0;
        assertEquals("mem", d.source());
        assertEquals(3, d.size());
        assertEquals(2, d.features());
        assertEquals(1.5, d.value(0, 0));
        assertEquals(6, d.value(2, 1));
        assertEquals(1, d.label(0));
        assertEquals(1, d.count(1));
        assertEquals(2, d.count(0));
        assertArrayEquals(new double[] {5, 6}, d.rows(new int[] {2, 0})[0]);
        assertArrayEquals(new int[] {0, 1, 0}, d.labels(new int[] {2, 0, 1}));
    }

    @Test
    void rowsAreFreshCopies() {
        Dataset d = Dataset.of("mem", X, Y);
        double[][] r = d.rows(new int[] {1});
        r[0][0] = -1;
        assertEquals(3, d.value(1, 0));
    }

    @Test
    void indicesAreChecked() {
        Dataset d = Dataset.of("mem", X, Y);
        assertThrows(IndexOutOfBoundsException.class, () -> d.value(3, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> d.value(0, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> d.label(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> d.rows(new int[] {3}));
        assertThrows(IllegalArgumentException.class, () -> d.count(2));
    }

    @Test
    void contentHashDependsOnContentOnly() {
        String h = Dataset.of("a", X, Y).sha256();
        assertEquals(64, h.length());
        assertEquals(h, Dataset.of("b", X, Y).sha256());
        assertNotEquals(h, Dataset.of("a", new double[][] {{1.5, -2}, {3, 4}, {5, 6.000001}}, Y).sha256());
        assertNotEquals(h, Dataset.of("a", X, new int[] {0, 1, 0}).sha256());
    }

    static Stream<Arguments> badData() {
        return Stream.of(
                Arguments.of(new double[][] {{1, 2}, {3, 4}}, new int[] {1, 2}, List.of("y[1]", "0 (benign) or 1", "2")),
                Arguments.of(new double[][] {{1, 2}, {3}}, new int[] {1, 0}, List.of("x[1]", "2 features", "1")),
                Arguments.of(new double[][] {{1, Double.NaN}, {3, 4}}, new int[] {1, 0}, List.of("x[0][1]", "NaN")),
                Arguments.of(new double[][] {{1, 2}, {Double.POSITIVE_INFINITY, 4}}, new int[] {1, 0},
                        List.of("x[1][0]", "Infinity")),
                Arguments.of(new double[][] {{1, 2}, {3, 4}}, new int[] {1, 1}, List.of("malignant", "both classes")),
                Arguments.of(new double[][] {{1, 2}, {3, 4}}, new int[] {0}, List.of("one label per row", "1")),
                Arguments.of(new double[][] {{}, {}}, new int[] {1, 0}, List.of("x[0]", "at least one feature")),
                Arguments.of(new double[0][], new int[0], List.of("at least one row")));
    }

    @ParameterizedTest
    @MethodSource("badData")
    void ofRejectsBadData(double[][] x, int[] y, List<String> fragments) {
        InputException e = assertThrows(InputException.class, () -> Dataset.of("mem:bad", x, y));
        assertTrue(e.getMessage().startsWith("mem:bad: "), e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "lacks '" + f + "': " + e.getMessage());
        }
    }

    @Test
    void survivesJavaSerialization() throws IOException, ClassNotFoundException {
        Dataset d = Wdbc.dataset();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(d);
        }
        Dataset e;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            e = (Dataset) in.readObject();
        }
        assertEquals(d.source(), e.source());
        assertEquals(d.sha256(), e.sha256());
        assertEquals(d.count(1), e.count(1));
        int[] all = java.util.stream.IntStream.range(0, d.size()).toArray();
        assertTrue(java.util.Arrays.deepEquals(d.rows(all), e.rows(all)));
        assertArrayEquals(d.labels(all), e.labels(all));
    }
}
