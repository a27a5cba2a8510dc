package chipsweep.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chipsweep.rng.Streams;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PreparedTest {
    // rows 0-3 form the pool, rows 4 and 5 the test set; the test rows lie beyond the pool's range
    private static final double[][] X = {{1, 7}, {3, 7}, {2, 7}, {5, 7}, {9, 8}, {0, 6}};
    private static final int[] Y = {0, 1, 0, 1, 1, 0};
    private static final Split SPLIT = new Split(new int[] {0, 2, 1, 3}, new int[] {4, 5});

    @Test
    void normalisesWithTheTrainingSubsetOnly() {
        Dataset d = Dataset.of("toy", X, Y);
        Prepared p = Prepared.of(d, SPLIT, new int[] {0, 1});
        // train subset: feature 0 in [1, 3], feature 1 constant 7
        assertTrue(Arrays.deepEquals(new double[][] {{0, 0}, {1, 0}}, p.xTrain()), Arrays.deepToString(p.xTrain()));
        assertTrue(Arrays.deepEquals(new double[][] {{1, 1}, {0, 0}}, p.xTest()), "test rows clip to [0, 1]");
        assertArrayEquals(new int[] {0, 1}, p.yTrain());
        assertArrayEquals(new int[] {1, 0}, p.yTest());
        assertArrayEquals(new int[] {0, 1}, p.trainRows());
        assertArrayEquals(new int[] {4, 5}, p.testRows());
    }

    @Test
    void testValuesDoNotLeakIntoTheTrainingInputs() {
        double[][] other = Arrays.stream(X).map(double[]::clone).toArray(double[][]::new);
        other[4] = new double[] {1000, -1000};
        Prepared a = Prepared.of(Dataset.of("a", X, Y), SPLIT, new int[] {0, 1, 3});
        Prepared b = Prepared.of(Dataset.of("b", other, Y), SPLIT, new int[] {0, 1, 3});
        assertTrue(Arrays.deepEquals(a.xTrain(), b.xTrain()));
        assertArrayEquals(a.xTest()[1], b.xTest()[1], "the other test row is unaffected");
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 16, 64, 398})
    void wdbcTrainingRowsSpanExactlyZeroToOne(int n) {
        Dataset d = Wdbc.dataset();
        Split s = Split.stratified(d, 0.7, Streams.generator(1));
        int[] rows = s.nestedSubset(d, n, Streams.generator(2));
        Prepared p = Prepared.of(d, s, rows);
        double[][] raw = d.rows(rows);
        double[][] x = p.xTrain();
        assertEquals(n, x.length);
        assertEquals(171, p.xTest().length);
        assertArrayEquals(d.labels(rows), p.yTrain());
        assertArrayEquals(d.labels(s.test()), p.yTest());
        for (int j = 0; j < d.features(); j++) {
            int f = j;
            double lo = Arrays.stream(raw).mapToDouble(r -> r[f]).min().orElseThrow();
            double hi = Arrays.stream(raw).mapToDouble(r -> r[f]).max().orElseThrow();
            double min = Arrays.stream(x).mapToDouble(r -> r[f]).min().orElseThrow();
            double max = Arrays.stream(x).mapToDouble(r -> r[f]).max().orElseThrow();
            assertEquals(0.0, min, "feature " + j);
            assertEquals(hi > lo ? 1.0 : 0.0, max, "feature " + j);
            for (double[] t : p.xTest()) {
                assertTrue(t[j] >= 0 && t[j] <= 1);
            }
        }
        double[][] expectedTest = MinMax.fit(raw).apply(d.rows(s.test()));
        assertTrue(Arrays.deepEquals(expectedTest, p.xTest()));
    }

    @Test
    void aSmallSubsetClipsSomeTestValues() {
        Dataset d = Wdbc.dataset();
        Split s = Split.stratified(d, 0.7, Streams.generator(1));
        Prepared p = Prepared.of(d, s, s.nestedSubset(d, 8, Streams.generator(2)));
        long ones = Arrays.stream(p.xTest()).flatMapToDouble(Arrays::stream).filter(v -> v == 1.0).count();
        long zeros = Arrays.stream(p.xTest()).flatMapToDouble(Arrays::stream).filter(v -> v == 0.0).count();
        assertTrue(ones > 0 && zeros > 0, ones + " ones, " + zeros + " zeros");
    }

    @Test
    void rejectsTrainingRowsOutsideThePool() {
        Dataset d = Dataset.of("toy", X, Y);
        assertThrows(IllegalArgumentException.class, () -> Prepared.of(d, SPLIT, new int[] {0, 4}));
        assertThrows(IllegalArgumentException.class, () -> Prepared.of(d, SPLIT, new int[] {0, 0}));
        assertThrows(IllegalArgumentException.class, () -> Prepared.of(d, SPLIT, new int[0]));
    }

    @Test
    void isImmutable() {
        double[][] xTrain = {{0.5}};
        int[] yTrain = {1};
        Prepared p = new Prepared(xTrain, yTrain, new double[][] {{0.1}}, new int[] {0}, new int[] {3}, new int[] {4});
        xTrain[0][0] = 9;
        yTrain[0] = 0;
        p.xTrain()[0][0] = 8;
        p.trainRows()[0] = 7;
        assertEquals(0.5, p.xTrain()[0][0]);
        assertEquals(1, p.yTrain()[0]);
        assertEquals(3, p.trainRows()[0]);
        assertThrows(IllegalArgumentException.class,
                () -> new Prepared(xTrain, new int[] {1, 0}, new double[0][], new int[0], new int[] {3}, new int[0]));
    }
}
