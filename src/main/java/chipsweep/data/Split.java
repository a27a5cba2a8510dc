package chipsweep.data;

import chipsweep.InputException;
import chipsweep.rng.Streams;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A stratified split of a {@link Dataset}'s rows into a train pool and a fixed test set (METHOD.md
 * section 1), and the nested stratified training subsets drawn from the pool. Both follow the numpy
 * reference ({@code split_pool_test}, {@code train_subset}) step by step; the generators differ, so the
 * two agree in distribution, not draw by draw.
 *
 * <p>Example:
 * <pre>{@code
 * Split s = Split.stratified(d, 0.7, Streams.generator(splitSeed));   // WDBC: 398 pool, 171 test
 * int[] rows = s.nestedSubset(d, 32, Streams.generator(subsetSeed));  // contained in the subset of 64
 * }</pre>
 *
 * <p>{@code pool} holds the class-0 (benign) part and then the class-1 (malignant) part, each in random
 * order; {@code test} is sorted ascending. The arrays are copied on the way in and on the way out;
 * {@code equals}, {@code hashCode} and {@code toString} use their content. Thread-safety: immutable.
 */
public record Split(int[] pool, int[] test) {

    /** Copies the arrays; rejects negative or repeated row indices. */
    public Split {
        pool = pool.clone();
        test = test.clone();
        BitSet seen = new BitSet();
        for (int[] part : new int[][] {pool, test}) {
            for (int r : part) {
                if (r < 0 || seen.get(r)) {
                    throw new IllegalArgumentException("row indices must be distinct and >= 0, but found " + r);
                }
                seen.set(r);
            }
        }
    }

    /**
     * The reference split: for class 0, then class 1, that class's rows (in increasing row order) are
     * permuted by {@link Streams#permutation} from {@code rng}, and the first
     * {@code floor(trainFraction * n_c + 0.5)} go to the pool, the rest to the test set.
     *
     * @throws InputException naming {@code train_fraction} if it is not in (0, 1) or leaves the test set empty
     */
    public static Split stratified(Dataset d, double trainFraction, RandomGenerator rng) {
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw InputException.field(d.source(), "train_fraction", "must be in (0, 1)", trainFraction);
        }
        int[][] poolParts = new int[2][];
        int[][] testParts = new int[2][];
        for (int c = 0; c <= 1; c++) {
            int[] members = shuffled(rowsOfClass(d, c), rng);
            int k = roundHalfUp(trainFraction * members.length);
            poolParts[c] = Arrays.copyOfRange(members, 0, k);
            testParts[c] = Arrays.copyOfRange(members, k, members.length);
        }
        int[] test = concat(testParts[0], testParts[0].length, testParts[1], testParts[1].length);
        if (test.length == 0) {
            throw InputException.field(d.source(), "train_fraction",
                    "leaves no test rows among " + d.size() + " rows", trainFraction);
        }
        Arrays.sort(test);
        return new Split(concat(poolParts[0], poolParts[0].length, poolParts[1], poolParts[1].length), test);
    }

    /**
     * The nested stratified training subset of size {@code n} (reference {@code train_subset}): the pool's
     * class-0 and class-1 members (in pool order) are each permuted once from {@code rng}, whatever
     * {@code n}; with {@code n1 = clamp(floor(n * pool_1 / pool_size + 0.5), 1, n - 1)} the subset is the
     * first {@code n - n1} of the class-0 permutation, then the first {@code n1} of the class-1 one. So for
     * generators of the same seed, {@code nestedSubset(d, n, ..)} is contained in
     * {@code nestedSubset(d, m, ..)} for {@code n <= m}, and both classes always appear.
     *
     * @param d the data set this split was made from (for the labels)
     * @throws InputException naming {@code train_size} if {@code n} is below 2 or above the pool size, or
     *     the pool lacks a class
     */
    public int[] nestedSubset(Dataset d, int n, RandomGenerator rng) {
        for (int r : pool) {
            Objects.checkIndex(r, d.size());
        }
        if (n < 2) {
            throw InputException.field(d.source(), "train_size",
                    "must be at least 2 to hold both classes", n);
        }
        if (n > pool.length) {
            throw InputException.field(d.source(), "train_size",
                    "must be at most the train pool size " + pool.length, n);
        }
        int[][] members = new int[2][pool.length];
        int[] counts = new int[2];
        for (int r : pool) {
            int c = d.label(r);
            members[c][counts[c]++] = r;
        }
        for (int c = 0; c <= 1; c++) {
            if (counts[c] == 0) {
                throw InputException.field(d.source(), "train_size", "cannot hold both classes: the train pool"
                        + " has no " + (c == 1 ? "malignant" : "benign") + " rows", n);
            }
        }
        // Both permutations are drawn before n is used, so the draws do not depend on n.
        int[] perm0 = shuffled(Arrays.copyOf(members[0], counts[0]), rng);
        int[] perm1 = shuffled(Arrays.copyOf(members[1], counts[1]), rng);
        int n1 = Math.min(Math.max(roundHalfUp((double) n * counts[1] / pool.length), 1), n - 1);
        // n - n1 <= counts[0] and n1 <= counts[1] follow from n <= pool size and the rounding.
        return concat(perm0, n - n1, perm1, n1);
    }

    @Override
    public int[] pool() {
        return pool.clone();
    }

    @Override
    public int[] test() {
        return test.clone();
    }

    /** Number of rows in the train pool. */
    public int poolSize() {
        return pool.length;
    }

    /** Number of rows in the test set. */
    public int testSize() {
        return test.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Split s && Arrays.equals(pool, s.pool) && Arrays.equals(test, s.test);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(pool) + Arrays.hashCode(test);
    }

    @Override
    public String toString() {
        return "Split[pool=" + pool.length + " rows, test=" + test.length + " rows]";
    }

    /** {@code floor(x + 0.5)}, the reference's rounding (not Java's or numpy's half-even). */
    static int roundHalfUp(double x) {
        return (int) Math.floor(x + 0.5);
    }

    private static int[] rowsOfClass(Dataset d, int c) {
        int[] rows = new int[d.count(c)];
        int k = 0;
        for (int r = 0; r < d.size(); r++) {
            if (d.label(r) == c) {
                rows[k++] = r;
            }
        }
        return rows;
    }

    /** {@code members} reordered by a {@link Streams#permutation} drawn from {@code rng}. */
    private static int[] shuffled(int[] members, RandomGenerator rng) {
        int[] p = Streams.permutation(members.length, rng);
        int[] out = new int[members.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = members[p[i]];
        }
        return out;
    }

    private static int[] concat(int[] a, int na, int[] b, int nb) {
        int[] out = Arrays.copyOf(a, na + nb);
        System.arraycopy(b, 0, out, na, nb);
        return out;
    }
}
