package chipsweep.train;

/**
 * Adam (Kingma and Ba 2015) over a fixed list of flat parameter arrays: the one optimiser of {@link SurrogateGradient}
 * and the current-based trainers. At step t,
 * {@code m = b1 m + (1 - b1) g}, {@code v = b2 v + (1 - b2) g g},
 * {@code w = w - lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)}; no weight decay. Moments start at 0 and
 * are allocated once: a step allocates nothing.
 *
 * <p>Example: {@code Adam adam = new Adam(1e-3, 0.9, 0.999, 1e-8, w1.length, w2.length); adam.step(new double[][]
 * {w1, w2}, grads);}
 *
 * <p>Thread-safety: mutable, confined to one thread.
 */
public final class Adam {
    private final double lr;
    private final double b1;
    private final double b2;
    private final double eps;
    private final double[][] m;
    private final double[][] v;
    private long t;
    private double scale = 1.0;

    public Adam(double learningRate, double beta1, double beta2, double epsilon, int... sizes) {
        MhSettings.require(learningRate > 0 && Double.isFinite(learningRate), "learning_rate must be > 0 and finite",
                learningRate);
        MhSettings.require(beta1 >= 0 && beta1 < 1, "adam_beta1 must be in [0, 1)", beta1);
        MhSettings.require(beta2 >= 0 && beta2 < 1, "adam_beta2 must be in [0, 1)", beta2);
        MhSettings.require(epsilon > 0 && Double.isFinite(epsilon), "adam_epsilon must be > 0 and finite", epsilon);
        this.lr = learningRate;
        this.b1 = beta1;
        this.b2 = beta2;
        this.eps = epsilon;
        this.m = new double[sizes.length][];
        this.v = new double[sizes.length][];
        for (int l = 0; l < sizes.length; l++) {
            m[l] = new double[sizes[l]];
            v[l] = new double[sizes[l]];
        }
    }

    /** Adam with the optimiser fields of {@code s}, for arrays of the given sizes. */
    public static Adam of(CubaSettings s, int... sizes) {
        return new Adam(s.learningRate(), s.beta1(), s.beta2(), s.epsilon(), sizes);
    }

    /** One step: updates every {@code w[l]} in place from its gradient {@code g[l]}. */
    public void step(double[][] w, double[][] g) {
        if (w.length != m.length || g.length != m.length) {
            throw new IllegalArgumentException("Adam holds " + m.length + " arrays, given " + w.length + " weights and "
                    + g.length + " gradients");
        }
        t++;
        final double rate = lr * scale;
        double c1 = 1.0 - Math.pow(b1, t);
        double c2 = 1.0 - Math.pow(b2, t);
        for (int l = 0; l < m.length; l++) {
            double[] wl = w[l];
            double[] gl = g[l];
            double[] ml = m[l];
            double[] vl = v[l];
            if (wl.length != ml.length || gl.length != ml.length) {
                throw new IllegalArgumentException("array " + l + " must have " + ml.length + " entries");
            }
            for (int k = 0; k < wl.length; k++) {
                double gk = gl[k];
                ml[k] = b1 * ml[k] + (1.0 - b1) * gk;
                vl[k] = b2 * vl[k] + (1.0 - b2) * gk * gk;
                wl[k] = wl[k] - rate * (ml[k] / c1) / (Math.sqrt(vl[k] / c2) + eps);
            }
        }
    }

    /**
     * Scales the learning rate of the following steps by {@code factor} (a {@link LrSchedule}'s; 1 leaves the
     * steps exactly as without a schedule).
     */
    public void scaleLearningRate(double factor) {
        MhSettings.require(factor > 0 && Double.isFinite(factor), "a learning-rate factor must be > 0 and finite",
                factor);
        this.scale = factor;
    }

    /** Steps taken so far. */
    public long steps() {
        return t;
    }
}
