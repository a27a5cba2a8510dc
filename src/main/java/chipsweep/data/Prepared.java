package chipsweep.data;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The data one cell trains and tests on (the numpy reference's {@code prepare}): the training subset and
 * the test set, min-max normalised by a {@link MinMax} fitted on the training subset alone, so no test
 * statistic leaks into the inputs; plus the row indices both came from, for provenance.
 *
 * <p>Example:
 * <pre>{@code
 * Split s = Split.stratified(d, 0.7, splitRng);
 * Prepared p = Prepared.of(d, s, s.nestedSubset(d, 64, subsetRng));
 * double[][] x = p.xTrain();   // 64 x 30, every value in [0, 1]
 * }</pre>
 *
 * <p>The arrays are deep-copied on construction and by every accessor, so hoist accessor calls out of
 * loops. Like any record holding arrays, {@code equals} and {@code hashCode} compare the arrays by
 * reference (two instances are equal only if they are the same); compare contents with
 * {@link Arrays#deepEquals} on the accessors. Thread-safety: immutable.
 */
public record Prepared(double[][] xTrain, int[] yTrain, double[][] xTest, int[] yTest, int[] trainRows,
        int[] testRows) {

    /** Deep-copies the arrays and checks that rows, labels and indices have matching lengths. */
    public Prepared {
        if (xTrain.length != yTrain.length || xTrain.length != trainRows.length) {
            throw new IllegalArgumentException("training rows, labels and indices differ in length: "
                    + xTrain.length + ", " + yTrain.length + ", " + trainRows.length);
        }
        if (xTest.length != yTest.length || xTest.length != testRows.length) {
            throw new IllegalArgumentException("test rows, labels and indices differ in length: "
                    + xTest.length + ", " + yTest.length + ", " + testRows.length);
        }
        xTrain = deepCopy(xTrain);
        yTrain = yTrain.clone();
        xTest = deepCopy(xTest);
        yTest = yTest.clone();
        trainRows = trainRows.clone();
        testRows = testRows.clone();
    }

    /**
     * Normalises {@code trainRows} (which must be distinct members of the split's pool) and the split's
     * test rows with a {@link MinMax} fitted on the training rows only.
     *
     * @throws IllegalArgumentException if {@code trainRows} is empty, repeats a row or leaves the pool
     */
    public static Prepared of(Dataset d, Split split, int[] trainRows) {
        if (trainRows.length == 0) {
            throw new IllegalArgumentException("the training subset is empty");
        }
        BitSet pool = new BitSet();
        for (int r : split.pool()) {
            pool.set(r);
        }
        BitSet seen = new BitSet();
        for (int r : trainRows) {
            if (r < 0 || !pool.get(r) || seen.get(r)) {
                throw new IllegalArgumentException("training rows must be distinct members of the train pool,"
                        + " but found row " + r);
            }
            seen.set(r);
        }
        int[] testRows = split.test();
        double[][] train = d.rows(trainRows);
        MinMax m = MinMax.fit(train);
        return new Prepared(m.apply(train), d.labels(trainRows), m.apply(d.rows(testRows)), d.labels(testRows),
                trainRows, testRows);
    }

    @Override
    public double[][] xTrain() {
        return deepCopy(xTrain);
    }

    @Override
    public int[] yTrain() {
        return yTrain.clone();
    }

    @Override
    public double[][] xTest() {
        return deepCopy(xTest);
    }

    @Override
    public int[] yTest() {
        return yTest.clone();
    }

    @Override
    public int[] trainRows() {
        return trainRows.clone();
    }

    @Override
    public int[] testRows() {
        return testRows.clone();
    }

    @Override
    public String toString() {
        return "Prepared[train=" + trainRows.length + " rows, test=" + testRows.length + " rows]";
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}
