package chipsweep.train;

import breeze.linalg.DenseMatrix;
import breeze.linalg.operators.HasOps$;
import chipsweep.chip.BuchelChip;
import chipsweep.chip.BuchelKernel;
import chipsweep.chip.BuchelParams;
import chipsweep.chip.BuchelWeights;
import chipsweep.data.TemporalXor;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The mimicking student of Büchel et al. 2021 (spec/BUCHEL.md section 2): a recurrent LIF network whose decoded
 * state {@code x_hat} learns to track a trained {@link RateTeacher}'s state x with the local rule of Alemi et al.
 * Set-up (the authors' code): {@code D ~ N(0, 1) / Nc} (dims x n), {@code v_opt_i = (nu lambda + mu lambda^2 +
 * |D_i|_1^2) / 2}, {@code D_r = 0.5 D / v_opt}, {@code F = tau_mem D_r^T} (n x dims), decoder {@code 0.5 D_r^T},
 * fast weights {@code -(D_r^T D_r + mu I)} (or none), slow weights 0; the input drive {@code c~ = A F_teacher c},
 * {@code A = drive_gain / tau_mem} (the spec's 50), enters through F: the network's input weights are F (n x dims) with the expansion
 * {@code A F_teacher} of the one input channel c (so a chip's gains fall on F's entries, as the authors'
 * mismatch of {@code weights_in}).
 * The task output is the teacher's readout of {@code x_hat}.
 *
 * <p>Training: {@code epochs} passes over the trials in an order drawn from the generator, one trial per update.
 * Per trial, with feedback {@code k F e}, {@code e = x - x_hat}: {@code dOmega = R (F E)^T} (R: the rates, spikes
 * filtered with tau_out; E: the errors), its diagonal zeroed, divided by its mean absolute entry, times
 * {@link #eta}, added to the slow weights. With {@code bits > 0} the network runs on slow weights quantised to
 * that many bits while the update goes to a full-precision shadow copy. The gain k follows {@link #gain}: k0 =
 * 10 / tau_mem, then 7 falls of k0/8 at equal intervals (8 levels, never below k0/8; k = 0 at test). After each
 * level the normalised reconstruction error and accuracy on validation trials (k = 0) are recorded.
 *
 * <p>Example: {@code MimicTrainer.Result r = MimicTrainer.train(s, teacher, train, validation, true, 0, init, order);}
 *
 * <p>Thread-safety: stateless.
 */
public final class MimicTrainer {
    static final double LAMBDA = 20;
    static final double MU = 5e-4;
    static final double NU = 1e-4;
    /** The levels of the feedback gain. */
    public static final int GAIN_STEPS = 8;

    private MimicTrainer() {
    }

    /** A trained student: its weights (full precision) and one point per gain level: error and accuracy. */
    public record Result(BuchelWeights weights, List<Stage> stages) {
        public Result {
            stages = List.copyOf(stages);
        }
    }

    /** After gain level {@code level} (-1: before training): k, validation reconstruction error and accuracy. */
    public record Stage(int level, double k, double reconstructionError, double accuracy) {
    }

    /** The feedback gain at iteration {@code it} of {@code iterations}: k0 - (k0/8) min(7, it / (iterations / 8)). */
    public static double gain(int it, int iterations, double k0) {
        int every = Math.max(1, iterations / GAIN_STEPS);
        return k0 - k0 / GAIN_STEPS * Math.min(GAIN_STEPS - 1, it / every);
    }

    /** The learning rate at iteration {@code it}: eta0 exp(-it / b) + 1e-7, b = (iterations / 2) / ln 100. */
    public static double eta(int it, int iterations, double eta0) {
        double b = (iterations / 2.0) / Math.log(100);
        return eta0 * Math.exp(-it / b) + 1e-7;
    }

    /** The untrained student for {@code teacher}: D drawn from {@code rng} (dims x n, row-major). */
    public static Student network(BuchelSettings s, RateTeacher teacher, boolean fast, RandomGenerator rng) {
        int n = s.neurons();
        int dims = teacher.dims();
        double tauMem = s.neuron().tauMem();
        double[] d = new double[dims * n];
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.nextGaussian() / dims;
        }
        double[] dr = new double[dims * n];
        for (int i = 0; i < n; i++) {
            double l1 = 0;
            for (int c = 0; c < dims; c++) {
                l1 += Math.abs(d[c * n + i]);
            }
            double vopt = (NU * LAMBDA + MU * LAMBDA * LAMBDA + l1 * l1) / 2;
            for (int c = 0; c < dims; c++) {
                dr[c * n + i] = 0.5 * d[c * n + i] / vopt;
            }
        }
        double[] f = new double[n * dims];
        double[] wout = new double[n * dims];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < dims; c++) {
                f[i * dims + c] = tauMem * dr[c * n + i];
                wout[i * dims + c] = 0.5 * dr[c * n + i];
            }
        }
        double a = s.driveGain() / tauMem;
        double[] expand = teacher.inputWeights();
        for (int c = 0; c < dims; c++) {
            expand[c] *= a;
        }
        double[] omegaFast = null;
        if (fast) {
            omegaFast = gram(dr, dims, n);
            for (int k = 0; k < omegaFast.length; k++) {
                omegaFast[k] = -omegaFast[k];
            }
            for (int i = 0; i < n; i++) {
                omegaFast[i * n + i] -= MU;
            }
        }
        return new Student(new BuchelWeights(n, dims, dims, f.clone(), omegaFast, new double[n * n], wout,
                teacher.readout(), expand), f);
    }

    /** {@code D^T D} (n x n) of {@code d} (dims x n, row-major), by breeze: a set-up product, not a hot loop. */
    static double[] gram(double[] d, int dims, int n) {
        // row-major dims x n is column-major n x dims: that matrix is D^T, and its transposed view is D
        DenseMatrix<Object> dt = new breeze.linalg.DenseMatrix$mcD$sp(n, dims, d, 0, n, false);
        DenseMatrix<Object> dm = new breeze.linalg.DenseMatrix$mcD$sp(dims, n, d, 0, n, true);
        @SuppressWarnings("unchecked")
        DenseMatrix<Object> g = (DenseMatrix<Object>) dt.$times(dm, HasOps$.MODULE$.impl_OpMulMatrix_DMD_DMD_eq_DMD());
        double[] out = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                out[i * n + j] = g.apply$mcD$sp(i, j);
            }
        }
        return out;
    }

    /** An untrained student: its weights and the feedback projection F (n x dims, row-major). */
    public record Student(BuchelWeights weights, double[] feedback) {
    }

    /**
     * Trains {@code student} (its slow weights, in place) to mimic {@code teacher} on {@code trials}; the order is
     * drawn from {@code order}; {@code bits > 0} quantises the slow weights the network runs on.
     */
    public static Result train(BuchelSettings s, RateTeacher teacher, Student student, TemporalXor.Trial[] trials,
                               TemporalXor.Trial[] validation, int bits, RandomGenerator order) {
        BuchelParams p = s.neuron().withNoise(0);
        BuchelWeights w = student.weights();
        int n = w.n();
        int dims = w.out();
        int iterations = s.epochs() * trials.length;
        if (iterations < GAIN_STEPS) {
            throw new IllegalArgumentException("epochs x train_size must be >= " + GAIN_STEPS + " (one update per gain "
                    + "level), but was " + iterations);
        }
        BuchelChip chip = BuchelChip.quantised(p, w, bits);
        BuchelKernel kernel = new BuchelKernel(chip, n, dims);
        double k0 = 10 / p.tauMem();
        double aRate = BuchelKernel.decay(p.dt(), p.tauOut());
        int steps = s.task().steps();
        double[] y = new double[steps];
        double[] errors = new double[steps * dims];
        double[] he = new double[steps * dims];
        double[] g = new double[n];
        double[] update = new double[n * n];
        BuchelKernel.SpikeLog log = new BuchelKernel.SpikeLog();
        List<Stage> stages = new ArrayList<>();
        stages.add(stage(-1, k0, w, chip, teacher, validation));
        int[] perm = new int[trials.length];
        int level = 0;
        int it = 0;
        for (int epoch = 0; epoch < s.epochs(); epoch++) {
            for (int i = 0; i < perm.length; i++) {
                perm[i] = i;
            }
            chipsweep.rng.Streams.shuffle(perm, order);
            for (int q = 0; q < perm.length; q++, it++) {
                double k = gain(it, iterations, k0);
                TemporalXor.Trial tr = trials[perm[q]];
                double[] x = teacher.run(tr.input(), null);
                log.clear();
                kernel.run(bits > 0 ? chip.program(w) : w, tr.input(), y, null, null,
                        new BuchelKernel.Feedback(k, student.feedback(), x, errors), log, null);
                if (rule(log, errors, student.feedback(), n, dims, steps, aRate, he, g, update)) {
                    double eta = eta(it, iterations, s.eta0());
                    double[] omega = w.omegaSlow();
                    for (int m = 0; m < omega.length; m++) {
                        omega[m] += eta * update[m];
                    }
                }
                int next = it + 1 < iterations ? levelOf(it + 1, iterations) : GAIN_STEPS;
                if (next != level) {
                    stages.add(stage(level, k, w, chip, teacher, validation));
                    level = next;
                }
            }
        }
        return new Result(w, stages);
    }

    private static int levelOf(int it, int iterations) {
        return Math.min(GAIN_STEPS - 1, it / Math.max(1, iterations / GAIN_STEPS));
    }

    private static Stage stage(int level, double k, BuchelWeights w, BuchelChip chip, RateTeacher teacher,
                               TemporalXor.Trial[] validation) {
        BuchelEval.Score sc = BuchelEval.score(w, chip, validation, teacher, null);
        return new Stage(level, k, sc.reconstructionError(), sc.accuracy());
    }

    /**
     * The local rule's update for one trial into {@code out} (n x n, {@code [pre * n + post]}): {@code sum_t
     * r_pre(t) (F e(t))_post} with {@code r = aRate r + s} (the rates including step t's spikes), computed from
     * the spike log as {@code sum over spikes (pre, t) of F h(t)}, {@code h(t) = e(t) + aRate h(t + 1)}; then the
     * diagonal zeroed and the whole divided by its mean absolute entry (over all n^2). {@code he} (steps x dims)
     * and {@code g} (n) are scratch. Returns false (out all zero) when there is nothing to learn.
     */
    static boolean rule(BuchelKernel.SpikeLog log, double[] errors, double[] f, int n, int dims, int steps,
                        double aRate, double[] he, double[] g, double[] out) {
        java.util.Arrays.fill(out, 0.0);
        for (int c = 0; c < dims; c++) {
            he[(steps - 1) * dims + c] = errors[(steps - 1) * dims + c];
        }
        for (int t = steps - 2; t >= 0; t--) {
            for (int c = 0; c < dims; c++) {
                he[t * dims + c] = errors[t * dims + c] + aRate * he[(t + 1) * dims + c];
            }
        }
        int last = -1;
        for (int q = 0; q < log.size(); q++) {
            int t = log.step(q);
            if (t != last) {
                for (int i = 0; i < n; i++) {
                    double v = 0;
                    for (int c = 0; c < dims; c++) {
                        v += f[i * dims + c] * he[t * dims + c];
                    }
                    g[i] = v;
                }
                last = t;
            }
            int row = log.neuron(q) * n;
            for (int i = 0; i < n; i++) {
                out[row + i] += g[i];
            }
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            out[i * n + i] = 0;
        }
        for (double v : out) {
            sum += Math.abs(v);
        }
        if (!(sum > 0)) {
            java.util.Arrays.fill(out, 0.0);
            return false;
        }
        double scale = (double) n * n / sum;
        for (int m = 0; m < out.length; m++) {
            out[m] *= scale;
        }
        return true;
    }
}
