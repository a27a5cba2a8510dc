package chipsweep.train;

import chipsweep.data.TemporalXor;
import java.util.random.RandomGenerator;

/**
 * The teacher of Büchel et al. 2021 (spec/BUCHEL.md section 1): a tanh rate RNN of {@code dims} units,
 * {@code tau dx/dt = -x + F c(t) + Omega tanh(x) + b}, output {@code y = D . x}, integrated by forward Euler from
 * x = 0 and trained by BPTT with {@link Adam} on the mean squared error to the target over the whole trial
 * (minibatches of {@code batch} trials, gradient norm clipped at 1). Initial weights: F ~ N(0, 1),
 * Omega ~ N(0, GAIN^2 / dims) with GAIN = 1.5 (a multistable start, which holds the first sign; from 0.9 or 1.2 the teacher stayed at chance in our runs), D ~ N(0, 1 / dims), b = 0, drawn in that order. Its state x(t) is the dynamics the
 * student reproduces.
 *
 * <p>Example: {@code RateTeacher t = RateTeacher.train(trials, 25, 0.05, 0.001, 20, 10, 1e-3, rng);}
 *
 * <p>Thread-safety: immutable after training; {@link #run} allocates its result.
 */
public final class RateTeacher {
    /** The gain of the initial recurrent weights. */
    static final double GAIN = 1.5;
    private final int dims;
    private final double alpha;
    private final double[] fin;
    private final double[] omega;
    private final double[] bias;
    private final double[] dout;

    private RateTeacher(int dims, double alpha, double[] fin, double[] omega, double[] bias, double[] dout) {
        this.dims = dims;
        this.alpha = alpha;
        this.fin = fin;
        this.omega = omega;
        this.bias = bias;
        this.dout = dout;
    }

    /** Units. */
    public int dims() {
        return dims;
    }

    /** The input weights F (a copy). */
    public double[] inputWeights() {
        return fin.clone();
    }

    /** The readout D (a copy). */
    public double[] readout() {
        return dout.clone();
    }

    /** The state x (steps x dims, row-major) on {@code input}; the output {@code D . x} into {@code y} if not null. */
    public double[] run(double[] input, double[] y) {
        int steps = input.length;
        double[] x = new double[steps * dims];
        double[] th = new double[dims];
        double[] prev = new double[dims];
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < dims; i++) {
                th[i] = Math.tanh(prev[i]);
            }
            int off = t * dims;
            double o = 0;
            for (int i = 0; i < dims; i++) {
                double rec = 0;
                int row = i * dims;
                for (int k = 0; k < dims; k++) {
                    rec += omega[row + k] * th[k];
                }
                double xi = prev[i] + alpha * (-prev[i] + fin[i] * input[t] + rec + bias[i]);
                x[off + i] = xi;
                o += dout[i] * xi;
            }
            System.arraycopy(x, off, prev, 0, dims);
            if (y != null) {
                y[t] = o;
            }
        }
        return x;
    }

    /** The share of {@code trials} whose output has the XOR sign over the target window. */
    public double accuracy(TemporalXor.Trial[] trials) {
        int ok = 0;
        for (TemporalXor.Trial tr : trials) {
            double[] y = new double[tr.input().length];
            run(tr.input(), y);
            ok += tr.correct(y) ? 1 : 0;
        }
        return trials.length == 0 ? Double.NaN : (double) ok / trials.length;
    }

    /** A teacher chosen among restarts: the one kept, its validation accuracy and how many were trained. */
    public record Chosen(RateTeacher teacher, double validationAccuracy, int trained) {
    }

    /**
     * Trains up to {@code restarts} teachers ({@link #train}) and keeps the one with the highest accuracy on
     * {@code validation}: the first wins a tie, and the search stops at the first teacher with every validation trial
     * right. Restart 0 draws from {@code Streams.generator(seed)}, so a seed whose first teacher is perfect keeps
     * exactly the teacher a single training gives; restart r >= 1 from {@code Seeds.child(seed, r)}. The rate
     * network's BPTT from a random start sometimes stays at chance on temporal XOR (one seed in five at the
     * full size); a restart from a fresh start is the remedy the authors' setting allows, as the teacher is
     * trained offline once.
     */
    public static Chosen trainBest(TemporalXor.Trial[] trials, TemporalXor.Trial[] validation, int dims, double tau,
                                   double dt, int epochs, int batch, double lr, int restarts, long seed) {
        if (restarts < 1 || validation.length == 0) {
            throw new IllegalArgumentException("teacher restarts need restarts >= 1 and validation trials, but had "
                    + restarts + " and " + validation.length);
        }
        Chosen best = null;
        for (int r = 0; r < restarts; r++) {
            RandomGenerator rng = chipsweep.rng.Streams.generator(r == 0 ? seed : chipsweep.rng.Seeds.child(seed, r));
            RateTeacher t = train(trials, dims, tau, dt, epochs, batch, lr, rng);
            double acc = t.accuracy(validation);
            if (best == null || acc > best.validationAccuracy()) {
                best = new Chosen(t, acc, r + 1);
            } else {
                best = new Chosen(best.teacher(), best.validationAccuracy(), r + 1);
            }
            if (acc == 1.0) {
                break;
            }
        }
        return best;
    }

    /**
     * Trains a teacher of {@code dims} units (time constant {@code tau}, step {@code dt}, seconds) on
     * {@code trials} for {@code epochs} epochs of shuffled minibatches, Adam with learning rate {@code lr}; the
     * initial weights and the shuffles are drawn from {@code rng}.
     */
    public static RateTeacher train(TemporalXor.Trial[] trials, int dims, double tau, double dt, int epochs, int batch,
                                    double lr, RandomGenerator rng) {
        if (!(dims >= 1 && tau >= dt && epochs >= 0 && batch >= 1 && trials.length >= 1)) {
            throw new IllegalArgumentException("teacher needs dims >= 1, tau >= dt, epochs >= 0, batch >= 1 and "
                    + "trials, but had " + dims + ", " + tau + ", " + epochs + ", " + batch + ", " + trials.length);
        }
        double[] fin = new double[dims];
        double[] omega = new double[dims * dims];
        double[] bias = new double[dims];
        double[] dout = new double[dims];
        for (int i = 0; i < dims; i++) {
            fin[i] = rng.nextGaussian();
        }
        for (int i = 0; i < omega.length; i++) {
            omega[i] = GAIN * rng.nextGaussian() / Math.sqrt(dims);
        }
        for (int i = 0; i < dims; i++) {
            dout[i] = rng.nextGaussian() / Math.sqrt(dims);
        }
        RateTeacher t = new RateTeacher(dims, dt / tau, fin, omega, bias, dout);
        double[][] w = {fin, omega, bias, dout};
        double[][] g = {new double[dims], new double[dims * dims], new double[dims], new double[dims]};
        Adam adam = new Adam(lr, 0.9, 0.999, 1e-8, dims, dims * dims, dims, dims);
        int[] order = new int[trials.length];
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            chipsweep.rng.Streams.shuffle(order, rng);
            for (int from = 0; from < order.length; from += batch) {
                int to = Math.min(order.length, from + batch);
                for (double[] gl : g) {
                    java.util.Arrays.fill(gl, 0.0);
                }
                for (int q = from; q < to; q++) {
                    t.accumulate(trials[order[q]], g, 1.0 / (to - from));
                }
                clip(g, 1.0);
                adam.step(w, g);
            }
        }
        return t;
    }

    /** Adds {@code scale} times the gradient of the trial's mean squared error to {@code g} (F, Omega, b, D). */
    void accumulate(TemporalXor.Trial trial, double[][] g, double scale) {
        double[] c = trial.input();
        double[] target = trial.target();
        int steps = c.length;
        double[] x = run(c, null);
        double[] lambda = new double[dims];
        double[] next = new double[dims];
        double[] th = new double[dims];
        double[] back = new double[dims];
        for (int t = steps - 1; t >= 0; t--) {
            int off = t * dims;
            double y = 0;
            for (int i = 0; i < dims; i++) {
                y += dout[i] * x[off + i];
            }
            double dy = 2.0 * (y - target[t]) / steps * scale;
            for (int i = 0; i < dims; i++) {
                g[3][i] += dy * x[off + i];
                lambda[i] = next[i] + dy * dout[i];
            }
            // x_t = x_{t-1} + alpha (-x_{t-1} + F c_t + Omega tanh(x_{t-1}) + b)
            for (int k = 0; k < dims; k++) {
                th[k] = t > 0 ? Math.tanh(x[off - dims + k]) : 0.0;
            }
            java.util.Arrays.fill(back, 0.0);
            for (int i = 0; i < dims; i++) {
                double a = alpha * lambda[i];
                g[0][i] += a * c[t];
                g[2][i] += a;
                int row = i * dims;
                for (int k = 0; k < dims; k++) {
                    g[1][row + k] += a * th[k];
                    back[k] += a * omega[row + k];
                }
            }
            for (int k = 0; k < dims; k++) {
                next[k] = (1 - alpha) * lambda[k] + back[k] * (1 - th[k] * th[k]);
            }
        }
    }

    private static void clip(double[][] g, double max) {
        double ss = 0;
        for (double[] gl : g) {
            for (double v : gl) {
                ss += v * v;
            }
        }
        double norm = Math.sqrt(ss);
        if (norm > max) {
            for (double[] gl : g) {
                for (int i = 0; i < gl.length; i++) {
                    gl[i] *= max / norm;
                }
            }
        }
    }
}
