package chipsweep.data;

import chipsweep.rng.Streams;
import java.util.random.RandomGenerator;

/**
 * The two moons task (BISNN.md section 3), generated in-process: two interleaving half circles as in
 * scikit-learn's {@code make_moons}. {@code n/2} points (rounded down) on the outer moon
 * {@code (cos a, sin a)}, label 0, the rest on the inner moon {@code (1 - cos a, 1 - sin a - 0.5)}, label 1,
 * with {@code a} evenly spaced over {@code [0, pi]} on each moon (both ends included); then the points are
 * shuffled (one Fisher-Yates permutation) and Gaussian noise of sd {@code noise} is added to every coordinate,
 * row by row, all drawn from the given generator in that order.
 *
 * <p>{@link #task} draws a training and a held-out test set from one generator and rescales both to
 * {@code [0, 1]^2} with a {@link MinMax} fitted on the training points (test points clipped), so the grid of
 * {@link #grid} covers the data. Two moons are class balanced by construction (equal halves for even n).
 *
 * <p>Example: {@code TwoMoons.Task t = TwoMoons.task(200, 200, TwoMoons.NOISE, Streams.generator(seed));}
 *
 * <p>Thread-safety: immutable; accessors return copies.
 */
public final class TwoMoons {
    /** The noise sd of the spec, 0.1. */
    public static final double NOISE = 0.1;

    private final double[][] points;
    private final int[] labels;

    private TwoMoons(double[][] points, int[] labels) {
        this.points = points;
        this.labels = labels;
    }

    /** A training set and a held-out test set, both rescaled to {@code [0, 1]^2} by the training set's range. */
    public record Task(TwoMoons train, TwoMoons test, MinMax scaling) {
    }

    /** {@code nTrain} then {@code nTest} raw points from {@code rng}, rescaled as described above. */
    public static Task task(int nTrain, int nTest, double noise, RandomGenerator rng) {
        TwoMoons train = generate(nTrain, noise, rng);
        TwoMoons test = generate(nTest, noise, rng);
        MinMax m = MinMax.fit(train.points);
        return new Task(new TwoMoons(m.apply(train.points), train.labels), new TwoMoons(m.apply(test.points),
                test.labels), m);
    }

    /**
     * {@code n} raw points (not rescaled), shuffled, with noise of sd {@code noise}.
     *
     * @throws IllegalArgumentException if n < 2 or the noise is negative or not finite
     */
    public static TwoMoons generate(int n, double noise, RandomGenerator rng) {
        if (!(n >= 2)) {
            throw new IllegalArgumentException("n must be >= 2, but was " + n);
        }
        if (!(noise >= 0 && Double.isFinite(noise))) {
            throw new IllegalArgumentException("noise must be >= 0 and finite, but was " + noise);
        }
        int nOut = n / 2;
        int nIn = n - nOut;
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < nOut; i++) {
            double a = nOut == 1 ? 0.0 : Math.PI * i / (nOut - 1);
            x[i] = new double[] {Math.cos(a), Math.sin(a)};
        }
        for (int i = 0; i < nIn; i++) {
            double a = nIn == 1 ? 0.0 : Math.PI * i / (nIn - 1);
            x[nOut + i] = new double[] {1.0 - Math.cos(a), 1.0 - Math.sin(a) - 0.5};
            y[nOut + i] = 1;
        }
        int[] perm = Streams.permutation(n, rng);
        double[][] xs = new double[n][];
        int[] ys = new int[n];
        for (int i = 0; i < n; i++) {
            xs[i] = x[perm[i]];
            ys[i] = y[perm[i]];
        }
        for (int i = 0; i < n; i++) {
            xs[i][0] = xs[i][0] + noise * rng.nextGaussian();
            xs[i][1] = xs[i][1] + noise * rng.nextGaussian();
        }
        return new TwoMoons(xs, ys);
    }

    /**
     * A {@code perSide x perSide} grid over {@code [0, 1]^2}, both ends included, row-major with the first
     * coordinate varying slowest: point {@code a * perSide + b} is {@code (a/(perSide-1), b/(perSide-1))}.
     */
    public static double[][] grid(int perSide) {
        if (!(perSide >= 2)) {
            throw new IllegalArgumentException("grid size must be >= 2, but was " + perSide);
        }
        double[][] g = new double[perSide * perSide][];
        for (int a = 0; a < perSide; a++) {
            for (int b = 0; b < perSide; b++) {
                g[a * perSide + b] = new double[] {(double) a / (perSide - 1), (double) b / (perSide - 1)};
            }
        }
        return g;
    }

    /** Number of points. */
    public int size() {
        return labels.length;
    }

    /** The points, {@code size x 2} (a copy). */
    public double[][] points() {
        double[][] c = new double[points.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = points[i].clone();
        }
        return c;
    }

    /** The labels, 0 (outer moon) or 1 (inner moon) (a copy). */
    public int[] labels() {
        return labels.clone();
    }

    /** Number of points with label 1. */
    public int positives() {
        int c = 0;
        for (int v : labels) {
            c += v;
        }
        return c;
    }

    @Override
    public String toString() {
        return "TwoMoons[" + size() + " points, " + positives() + " of class 1]";
    }
}
