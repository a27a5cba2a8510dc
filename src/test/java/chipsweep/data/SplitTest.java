package chipsweep.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chipsweep.InputException;
import chipsweep.rng.Streams;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SplitTest {
    private static final int[] SIZES = {8, 16, 32, 64, 128, 398};

    private static Split split(long seed) {
        return Split.stratified(Wdbc.dataset(), 0.7, Streams.generator(seed));
    }

    private static int[] subset(Split s, int n, long seed) {
        return s.nestedSubset(Wdbc.dataset(), n, Streams.generator(seed));
    }

    private static int ones(int[] rows) {
        return Arrays.stream(Wdbc.dataset().labels(rows)).sum();
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2, 12345, -7})
    void wdbcSplitSizesAreStratified(long seed) {
        Split s = split(seed);
        assertEquals(398, s.pool().length);
        assertEquals(171, s.test().length);
        assertEquals(148, ones(s.pool()));
        assertEquals(64, ones(s.test()));
        assertEquals(398, s.poolSize());
        assertEquals(171, s.testSize());
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 3})
    void poolHoldsBenignThenMalignantAndTestIsSorted(long seed) {
        Split s = split(seed);
        int[] labels = Wdbc.dataset().labels(s.pool());
        for (int i = 0; i < labels.length; i++) {
            assertEquals(i < 250 ? 0 : 1, labels[i], "pool position " + i);
        }
        int[] t = s.test();
        int[] sorted = t.clone();
        Arrays.sort(sorted);
        assertArrayEquals(sorted, t);
    }

    @Test
    void poolAndTestAreDisjointAndCoverTheData() {
        Split s = split(5);
        int[] all = IntStream.concat(Arrays.stream(s.pool()), Arrays.stream(s.test())).sorted().toArray();
        assertArrayEquals(IntStream.range(0, 569).toArray(), all);
    }

    @Test
    void drawsExactlyAsTheReference() {
        Dataset d = Wdbc.dataset();
        RandomGenerator rng = Streams.generator(42);
        int[] expectedPool = new int[398];
        int k = 0;
        for (int c = 0; c <= 1; c++) {
            int cls = c;
            int[] members = IntStream.range(0, d.size()).filter(r -> d.label(r) == cls).toArray();
            int[] p = Streams.permutation(members.length, rng);
            int take = (int) Math.floor(0.7 * members.length + 0.5);
            for (int i = 0; i < take; i++) {
                expectedPool[k++] = members[p[i]];
            }
        }
        assertEquals(398, k);
        assertArrayEquals(expectedPool, split(42).pool());
    }

    @Test
    void subsetDrawsExactlyAsTheReference() {
        Dataset d = Wdbc.dataset();
        int[] pool = split(42).pool();
        RandomGenerator rng = Streams.generator(43);
        int[][] perms = new int[2][];
        for (int c = 0; c <= 1; c++) {
            int cls = c;
            int[] members = Arrays.stream(pool).filter(r -> d.label(r) == cls).toArray();
            int[] p = Streams.permutation(members.length, rng);
            perms[c] = Arrays.stream(p).map(i -> members[i]).toArray();
        }
        int n = 32;
        int n1 = 12; // floor(32 * 148 / 398 + 0.5)
        int[] expected = IntStream.concat(Arrays.stream(perms[0], 0, n - n1), Arrays.stream(perms[1], 0, n1)).toArray();
        assertArrayEquals(expected, split(42).nestedSubset(d, n, Streams.generator(43)));
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        assertEquals(split(7), split(7));
        assertArrayEquals(split(7).pool(), split(7).pool());
        assertNotEquals(split(7), split(8));
        assertTrue(!Arrays.equals(split(7).test(), split(8).test()));
    }

    @Test
    void eachRowIsInThePoolAboutSeventyPercentOfTheTime() {
        // row 0 is malignant: in the pool with probability 148/212; 2000 fixed seeds, so never flaky
        int hits = 0;
        int runs = 2000;
        for (int seed = 0; seed < runs; seed++) {
            if (Arrays.stream(split(seed).pool()).anyMatch(r -> r == 0)) {
                hits++;
            }
        }
        double p = 148.0 / 212;
        double sd = Math.sqrt(p * (1 - p) / runs);
        assertEquals(p, (double) hits / runs, 4 * sd);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 1, -0.5, 1.5, Double.NaN})
    void rejectsATrainFractionOutsideTheOpenUnitInterval(double f) {
        InputException e = assertThrows(InputException.class,
                () -> Split.stratified(Wdbc.dataset(), f, Streams.generator(0)));
        assertTrue(e.getMessage().contains("train_fraction"), e.getMessage());
        assertTrue(e.getMessage().contains(String.valueOf(f)), e.getMessage());
    }

    @Test
    void rejectsATrainFractionThatLeavesNoTestRows() {
        Dataset tiny = Dataset.of("tiny", new double[][] {{1}, {2}}, new int[] {0, 1});
        InputException e = assertThrows(InputException.class,
                () -> Split.stratified(tiny, 0.9, Streams.generator(0)));
        assertTrue(e.getMessage().contains("train_fraction") && e.getMessage().contains("0.9"), e.getMessage());
    }

    @CsvSource({"249.9, 250", "148.4, 148", "2.5, 3", "0.5, 1", "0.49, 0", "3.0, 3"})
    @ParameterizedTest
    void roundsHalfUp(double x, int expected) {
        assertEquals(expected, Split.roundHalfUp(x));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
    void subsetsAreNestedStratifiedAndInThePool(long seed) {
        Split s = split(seed);
        Set<Integer> pool = new HashSet<>();
        Arrays.stream(s.pool()).forEach(pool::add);
        int[] expectedMalignant = {3, 6, 12, 24, 48, 148};
        Set<Integer> previous = Set.of();
        for (int i = 0; i < SIZES.length; i++) {
            int n = SIZES[i];
            int[] sub = subset(s, n, 1000 + seed);
            Set<Integer> set = new HashSet<>();
            Arrays.stream(sub).forEach(set::add);
            assertEquals(n, set.size(), "distinct rows");
            assertTrue(pool.containsAll(set), "subset within the pool");
            assertTrue(set.containsAll(previous), "subset(" + n + ") contains the previous subset");
            assertEquals(expectedMalignant[i], ones(sub), "malignant rows at n = " + n);
            previous = set;
        }
        assertEquals(pool, previous, "the largest subset is the whole pool");
    }

    @Test
    void everySubsetHoldsBothClasses() {
        Split s = split(0);
        for (int n = 2; n <= 398; n++) {
            int m = ones(subset(s, n, 11));
            assertTrue(m >= 1 && m <= n - 1, "n = " + n + ": " + m + " malignant");
        }
    }

    @Test
    void subsetIsAPrefixOfEachClassPermutation() {
        Split s = split(0);
        int[] big = subset(s, 398, 3);
        int[] small = subset(s, 8, 3);
        assertArrayEquals(Arrays.copyOfRange(big, 0, 5), Arrays.copyOfRange(small, 0, 5));
        assertArrayEquals(Arrays.copyOfRange(big, 250, 253), Arrays.copyOfRange(small, 5, 8));
    }

    @Test
    void subsetIsDeterministicPerSeed() {
        Split s = split(0);
        assertArrayEquals(subset(s, 64, 9), subset(s, 64, 9));
        assertTrue(!Arrays.equals(subset(s, 64, 9), subset(s, 64, 10)));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 1, 399, 1000})
    void rejectsATrainSizeOutsideTwoToPoolSize(int n) {
        InputException e = assertThrows(InputException.class, () -> subset(split(0), n, 0));
        assertTrue(e.getMessage().contains("train_size"), e.getMessage());
        assertTrue(e.getMessage().endsWith("but was " + n), e.getMessage());
    }

    @Test
    void rejectsAPoolWithoutBothClasses() {
        Dataset d = Dataset.of("tiny", new double[][] {{1}, {2}, {3}, {4}}, new int[] {0, 0, 1, 0});
        Split s = new Split(new int[] {0, 1, 3}, new int[] {2});
        InputException e = assertThrows(InputException.class, () -> s.nestedSubset(d, 2, Streams.generator(0)));
        for (String f : List.of("tiny", "train_size", "no malignant", "but was 2")) {
            assertTrue(e.getMessage().contains(f), () -> "lacks '" + f + "': " + e.getMessage());
        }
    }

    @Test
    void copiesItsArrays() {
        int[] pool = {3, 1};
        Split s = new Split(pool, new int[] {0, 2});
        pool[0] = 9;
        s.pool()[1] = 7;
        assertArrayEquals(new int[] {3, 1}, s.pool());
        assertEquals(new Split(new int[] {3, 1}, new int[] {0, 2}), s);
        assertEquals(new Split(new int[] {3, 1}, new int[] {0, 2}).hashCode(), s.hashCode());
    }

    @Test
    void rejectsRepeatedOrNegativeRows() {
        assertThrows(IllegalArgumentException.class, () -> new Split(new int[] {1, 2}, new int[] {2}));
        assertThrows(IllegalArgumentException.class, () -> new Split(new int[] {1, 1}, new int[] {0}));
        assertThrows(IllegalArgumentException.class, () -> new Split(new int[] {-1}, new int[] {0}));
    }
}
