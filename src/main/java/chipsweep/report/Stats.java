package chipsweep.report;

/**
 * Means, sample standard deviations and Student-t 95% confidence intervals of small samples (seeds).
 * {@code ci = mean +- t(0.975, k-1) * sd / sqrt(k)}; t is tabulated for 1-30 degrees of freedom and from a
 * Cornish-Fisher expansion beyond (error below 1e-5).
 *
 * <p>Thread-safety: stateless.
 */
public final class Stats {
    private static final double[] T975 = {12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624,
            2.306004, 2.262157, 2.228139, 2.200985, 2.178813, 2.160369, 2.144787, 2.131450, 2.119905, 2.109816,
            2.100922, 2.093024, 2.085963, 2.079614, 2.073873, 2.068658, 2.063899, 2.059539, 2.055529, 2.051831,
            2.048407, 2.045230, 2.042272};
    private static final double Z975 = 1.959963985;

    private Stats() {
    }

    /** Summary of a sample: size, mean, sd (NaN below 2 values) and the CI half-width (NaN below 2). */
    public record Summary(int n, double mean, double sd, double halfWidth) {
        public double low() {
            return mean - halfWidth;
        }

        public double high() {
            return mean + halfWidth;
        }

        public boolean hasCi() {
            return n >= 2 && Double.isFinite(halfWidth);
        }
    }

    public static Summary of(double[] v) {
        int n = v.length;
        if (n == 0) {
            return new Summary(0, Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= n;
        if (n == 1) {
            return new Summary(1, mean, Double.NaN, Double.NaN);
        }
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        double sd = Math.sqrt(ss / (n - 1));
        return new Summary(n, mean, sd, halfWidth(n, sd));
    }

    /** {@code t(0.975, n-1) * sd / sqrt(n)}; NaN for n < 2. */
    public static double halfWidth(int n, double sd) {
        return n < 2 ? Double.NaN : t975(n - 1) * sd / Math.sqrt(n);
    }

    /** The 97.5% quantile of Student's t with {@code df} degrees of freedom. */
    public static double t975(int df) {
        if (df < 1) {
            throw new IllegalArgumentException("degrees of freedom must be >= 1, but was " + df);
        }
        if (df <= T975.length) {
            return T975[df - 1];
        }
        double z = Z975;
        double z3 = z * z * z;
        double z5 = z3 * z * z;
        double z7 = z5 * z * z;
        return z + (z3 + z) / (4.0 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96.0 * df * df)
                + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384.0 * df * df * df);
    }
}
