package chipsweep.data;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.Arrays;

/**
 * A fitted per-feature min-max normaliser (METHOD.md section 1): {@code x' = clip((x - lo) / scale, 0, 1)}
 * with {@code lo} the feature's minimum over the fitted rows and {@code scale} its range, or 1 for a
 * constant feature (which then maps to 0). Fit it on the training rows only and apply it to both train and
 * test rows; the numpy reference's {@code fit_minmax} / {@code apply_minmax}, with the same IEEE operations.
 *
 * <p>Example: {@code MinMax m = MinMax.fit(xTrain); double[][] t = m.apply(xTest);}
 *
 * <p>Serializable. Thread-safety: immutable.
 */
public final class MinMax implements Serializable {
    private static final long serialVersionUID = 1L;

    private final double[] lo;
    private final double[] scale;

    private MinMax(double[] lo, double[] scale) {
        this.lo = lo;
        this.scale = scale;
    }

    /**
     * Fits on {@code rows} (at least one row, all of the same width, finite values).
     *
     * @throws IllegalArgumentException if the rows are empty, ragged or not finite
     */
    public static MinMax fit(double[][] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("cannot fit a normaliser on zero rows");
        }
        int d = rows[0].length;
        double[] lo = new double[d];
        double[] hi = new double[d];
        Arrays.fill(lo, Double.POSITIVE_INFINITY);
        Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (double[] row : rows) {
            checkRow(row, d);
            for (int j = 0; j < d; j++) {
                lo[j] = Math.min(lo[j], row[j]);
                hi[j] = Math.max(hi[j], row[j]);
            }
        }
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) {
            double range = hi[j] - lo[j];
            scale[j] = range > 0 ? range : 1.0;
        }
        return new MinMax(lo, scale);
    }

    /** Normalised fresh copies of {@code rows}, each value clipped to [0, 1]. */
    public double[][] apply(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            double[] row = rows[i];
            checkRow(row, lo.length);
            double[] o = new double[lo.length];
            for (int j = 0; j < o.length; j++) {
                double v = (row[j] - lo[j]) / scale[j];
                o[j] = v < 0 ? 0 : (v > 1 ? 1 : v);
            }
            out[i] = o;
        }
        return out;
    }

    /** Number of features. */
    public int features() {
        return lo.length;
    }

    /** The fitted minimum of feature {@code j}. */
    public double lo(int j) {
        return lo[j];
    }

    /** The fitted range of feature {@code j}, or 1 if the feature was constant. */
    public double scale(int j) {
        return scale[j];
    }

    @Override
    public String toString() {
        return "MinMax[" + lo.length + " features]";
    }

    private static void checkRow(double[] row, int d) {
        if (row.length != d) {
            throw new IllegalArgumentException("rows must have " + d + " features, but one has " + row.length);
        }
        for (double v : row) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("values must be finite, but found " + v);
            }
        }
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        if (lo == null || scale == null || lo.length != scale.length) {
            throw new InvalidObjectException("inconsistent MinMax");
        }
    }
}
