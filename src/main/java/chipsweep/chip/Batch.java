package chipsweep.chip;

import java.io.Serializable;

/**
 * A batch of input vectors for a chip: {@code rows} samples of {@code features} input currents, stored flat
 * and row-major. Under direct-current input (METHOD.md section 2) a sample's vector is the input current at
 * every time step.
 *
 * <p>Example: {@code Batch.of(new double[][] {{0.1, 0.5}, {0.9, 0.0}})}.
 *
 * <p>Thread-safety: immutable.
 */
public final class Batch implements Serializable {
    private static final long serialVersionUID = 1L;

    private final double[] values;
    private final int rows;
    private final int features;
    /** Feature-major copy {@code [feature][row]}, made on first use by the kernel. */
    private transient volatile double[][] transposed;
    /** Largest |value|, computed on first use by the kernel (it bounds the membrane range). */
    private transient volatile double maxAbs = -1;

    private Batch(double[] values, int rows, int features) {
        this.values = values;
        this.rows = rows;
        this.features = features;
    }

    /** Copies {@code x} (samples x features); every value must be finite. */
    public static Batch of(double[][] x) {
        if (x.length == 0) {
            throw new IllegalArgumentException("a batch needs at least one sample");
        }
        int f = x[0].length;
        double[] v = new double[x.length * f];
        for (int r = 0; r < x.length; r++) {
            if (x[r].length != f) {
                throw new IllegalArgumentException("row " + r + " has " + x[r].length + " features, expected " + f);
            }
            for (int c = 0; c < f; c++) {
                double e = x[r][c];
                if (!Double.isFinite(e)) {
                    throw new IllegalArgumentException("input row " + r + ", feature " + c + " must be finite, but was " + e);
                }
                v[r * f + c] = e;
            }
        }
        return new Batch(v, x.length, f);
    }

    /** The samples {@code rows[0], rows[1], ...} of this batch, in that order. */
    public Batch select(int[] rowIndices) {
        double[] v = new double[rowIndices.length * features];
        for (int r = 0; r < rowIndices.length; r++) {
            System.arraycopy(values, rowIndices[r] * features, v, r * features, features);
        }
        return new Batch(v, rowIndices.length, features);
    }

    public int rows() {
        return rows;
    }

    public int features() {
        return features;
    }

    public double get(int row, int feature) {
        return values[row * features + feature];
    }

    /** The values feature-major, {@code [feature][row]}, for kernels only (computed once; do not modify). */
    double[][] featureRows() {
        double[][] t = transposed;
        if (t == null) {
            t = new double[features][rows];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < features; c++) {
                    t[c][r] = values[r * features + c];
                }
            }
            transposed = t;
        }
        return t;
    }

    /** The largest absolute input value (computed once). */
    double maxAbs() {
        double m = maxAbs;
        if (m < 0) {
            m = 0;
            for (double v : values) {
                m = Math.max(m, Math.abs(v));
            }
            maxAbs = m;
        }
        return m;
    }
}
