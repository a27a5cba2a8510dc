package chipsweep.train;

import chipsweep.chip.BuchelChip;
import chipsweep.chip.BuchelKernel;
import chipsweep.chip.BuchelParams;
import chipsweep.chip.BuchelWeights;
import chipsweep.data.TemporalXor;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The BPTT baseline of Büchel et al. 2021 (spec/BUCHEL.md section 4): the same recurrent LIF network (no fast
 * weights, no feedback) trained by surrogate-gradient BPTT on the task, without mismatch. Learned: the input
 * weights, the slow recurrent weights and the output weights (one readout of the output trace); loss: the mean
 * squared error to the target over the trial and the minibatch; {@link Adam} on minibatches of
 * {@code s.bpttBatch()} trials (the authors' BPTT baseline: Adam, step 1e-4, batch 10); surrogate
 * {@link SurrogateGradient#fastSigmoid} (chipsweep's BPTT). After each epoch the validation accuracy is measured
 * and the weights of the best epoch (ties: the later) are kept, as the authors' training loop does. The forward
 * pass is {@link BuchelKernel}'s (membranes recorded); the backward pass keeps the reset in the graph (the
 * authors' JAX LIF layer differentiates its subtractive reset through the surrogate; here the reset to
 * {@code v_reset}: {@code V' = V (1 - s) + v_reset s}, so {@code dV'/dV = (1 - s) + (v_reset - V) sg}); the clip
 * at 0 gates the membrane's gradient:
 * <pre>
 *   lS(t) = aS lS(t+1) + alpha g(t),  lO(t) = aO lO(t+1) + 2 (y(t) - target(t)) / T,   g(t) = lV(t) [V(t) > 0]
 *   dWin += alpha g(t) c(t);  dOmega[j, .] += s_j(t) lS(t) / tau_slow;  dWout[j] += s_j(t) lO(t)
 *   lV'(t) = (1 - alpha) g(t)                                  (the membrane after the reset)
 *   lV(t-1) = lV'(t) (1 - s(t)) + (Omega lS(t) / tau_slow + Wout lO(t) + lV'(t) (v_reset - V)) sg(V(t-1) - theta)
 * </pre>
 * ({@code aS, aO = exp(-dt / tau)}; slow currents jump by {@code W / tau_slow}, traces by the weight, as in
 * {@link BuchelKernel}). Detaching the reset (as chipsweep's feed-forward {@link Bptt} does) lets the gradient grow
 * by 10^4-10^5 from the target window back to the first pulse, and the network stays at chance (docs/buchel.md,
 * "BPTT baseline"). Chipsweep's {@link Bptt} has no recurrence and no synaptic state, so this is its recurrent
 * sibling; it shares {@link Adam} and the surrogate. With {@code bits > 0} the forward pass runs on quantised
 * slow weights and the gradient updates the full-precision shadow (straight-through). Initial weights: input
 * N(0, 1), slow N(0, (0.1 / sqrt n)^2), output N(0, (1 / n)^2), drawn in that order.
 *
 * <p>Thread-safety: stateless.
 */
public final class RecurrentBptt {
    private RecurrentBptt() {
    }

    /**
     * A trained network (the best epoch's), its mean training loss per epoch, the validation accuracy after each
     * epoch and the epoch kept (1-based).
     */
    public record Result(BuchelWeights weights, List<Double> losses, List<Double> validation, int best) {
        public Result {
            losses = List.copyOf(losses);
            validation = List.copyOf(validation);
        }
    }

    /** The untrained network of {@code n} neurons, drawn from {@code rng}. */
    public static BuchelWeights network(int n, RandomGenerator rng) {
        double[] win = new double[n];
        double[] omega = new double[n * n];
        double[] wout = new double[n];
        for (int i = 0; i < n; i++) {
            win[i] = rng.nextGaussian();
        }
        for (int i = 0; i < omega.length; i++) {
            omega[i] = 0.1 * rng.nextGaussian() / Math.sqrt(n);
        }
        for (int i = 0; i < n; i++) {
            wout[i] = rng.nextGaussian() / n;
        }
        return new BuchelWeights(n, 1, 1, win, null, omega, wout, new double[] {1.0});
    }

    /**
     * Trains {@code w} on {@code trials} for {@code s.bpttEpochs()} epochs (the order drawn from {@code order}) and
     * leaves in it the weights of the epoch with the best accuracy on {@code validation}.
     */
    public static Result train(BuchelSettings s, BuchelWeights w, TemporalXor.Trial[] trials,
                               TemporalXor.Trial[] validation, int bits, RandomGenerator order) {
        BuchelParams p = s.neuron().withNoise(0);
        int n = w.n();
        BuchelChip chip = BuchelChip.quantised(p, w, bits);
        BuchelKernel kernel = new BuchelKernel(chip, n, 1);
        int steps = s.task().steps();
        Backward b = new Backward(p, s.bpttSlope(), n);
        double[] y = new double[steps];
        double[] v = new double[steps * n];
        double[][] grads = {new double[n], new double[n * n], new double[n]};
        double[][] params = {w.win(), w.omegaSlow(), w.wout()};
        Adam adam = new Adam(s.bpttLr(), 0.9, 0.999, 1e-8, n, n * n, n);
        int batch = s.bpttBatch();
        int[] perm = new int[trials.length];
        List<Double> losses = new ArrayList<>();
        List<Double> accuracies = new ArrayList<>();
        BuchelWeights best = w.copy();
        int bestEpoch = 0;
        double bestAccuracy = -1;
        for (int epoch = 0; epoch < s.bpttEpochs(); epoch++) {
            for (int i = 0; i < perm.length; i++) {
                perm[i] = i;
            }
            chipsweep.rng.Streams.shuffle(perm, order);
            double total = 0;
            for (int from = 0; from < perm.length; from += batch) {
                int size = Math.min(batch, perm.length - from);
                BuchelWeights run = bits > 0 ? chip.program(w) : w;
                for (double[] g : grads) {
                    java.util.Arrays.fill(g, 0.0);
                }
                for (int q = from; q < from + size; q++) {
                    TemporalXor.Trial tr = trials[perm[q]];
                    kernel.run(run, tr.input(), y, null, v, null, null, null);
                    total += b.accumulate(run, tr, y, v, grads);
                }
                for (double[] g : grads) {
                    for (int k = 0; k < g.length; k++) {
                        g[k] /= size;
                    }
                }
                adam.step(params, grads);
            }
            losses.add(total / trials.length);
            double acc = BuchelEval.score(w, chip, validation, null, null).accuracy();
            accuracies.add(acc);
            if (acc >= bestAccuracy) {
                bestAccuracy = acc;
                bestEpoch = epoch + 1;
                copyInto(w, best);
            }
        }
        copyInto(best, w);
        return new Result(w, losses, accuracies, bestEpoch);
    }

    private static void copyInto(BuchelWeights from, BuchelWeights to) {
        System.arraycopy(from.win(), 0, to.win(), 0, from.win().length);
        System.arraycopy(from.omegaSlow(), 0, to.omegaSlow(), 0, from.omegaSlow().length);
        System.arraycopy(from.wout(), 0, to.wout(), 0, from.wout().length);
    }

    /** The backward pass of one trial, its constants and buffers (allocated once). */
    static final class Backward {
        private final double alpha;
        private final double aS;
        private final double aO;
        private final double cS;
        private final double theta;
        private final double vReset;
        private final double slope;
        private final double[] lV;
        private final double[] lS;
        private final double[] jS;
        private final double[] ds;
        private final double[] back;

        Backward(BuchelParams p, double slope, int n) {
            alpha = p.dt() / p.tauMem();
            aS = BuchelKernel.decay(p.dt(), p.tauSlow());
            aO = BuchelKernel.decay(p.dt(), p.tauOut());
            cS = 1 / p.tauSlow();
            theta = p.vThresh();
            vReset = p.vReset();
            this.slope = slope;
            lV = new double[n];
            lS = new double[n];
            jS = new double[n];
            ds = new double[n];
            back = new double[n];
        }

        /**
         * Accumulates the gradient of one trial's loss into {@code grads} (win, omega, wout), given the output
         * {@code y} and the recorded membranes {@code v} of the forward pass; returns the loss.
         */
        double accumulate(BuchelWeights w, TemporalXor.Trial tr, double[] y, double[] v, double[][] grads) {
            int n = w.n();
            int steps = y.length;
            double[] c = tr.input();
            double[] target = tr.target();
            double[] omega = w.omegaSlow();
            double[] wout = w.wout();
            java.util.Arrays.fill(lV, 0.0);
            java.util.Arrays.fill(lS, 0.0);
            double lO = 0;
            double loss = 0;
            for (int t = steps - 1; t >= 0; t--) {
                double diff = y[t] - target[t];
                loss += diff * diff / steps;
                lO = aO * lO + 2 * diff / steps;
                int vt = t * n;
                boolean last = t == steps - 1;
                for (int i = 0; i < n; i++) {
                    // g(t) = lV(t) [V(t) > 0]; V(t) is the membrane the next step starts from
                    double g = last || v[vt + n + i] > 0 ? lV[i] : 0.0;
                    lS[i] = aS * lS[i] + alpha * g;
                    jS[i] = cS * lS[i];
                    grads[0][i] += alpha * g * c[t];
                    lV[i] = (1 - alpha) * g; // dL/dV'(t), the membrane after the reset
                }
                recurrent(omega, n);
                for (int j = 0; j < n; j++) {
                    double vj = v[vt + j];
                    boolean spiked = vj > theta;
                    int row = j * n;
                    if (spiked) {
                        for (int i = 0; i < n; i++) {
                            grads[1][row + i] += jS[i];
                        }
                        grads[2][j] += lO;
                    }
                    double sg = SurrogateGradient.fastSigmoid(vj - theta, slope);
                    ds[j] = (back[j] + wout[j] * lO + lV[j] * (vReset - vj)) * sg;
                }
                for (int j = 0; j < n; j++) {
                    boolean spiked = v[vt + j] > theta;
                    lV[j] = (spiked ? 0.0 : lV[j]) + ds[j];
                }
            }
            return loss;
        }

        /**
         * {@code back[j] = sum_i omega[j, i] jS[i]}, the step's dense n x n product and the backward pass's cost. Four
         * rows at a time: four sums, each still over i in order (so the same bits as one row at a time, which the
         * finite-difference and bit-identity tests hold), that do not wait on one another; one sum at a time waits
         * for each addition to finish before the next (about 4x slower; RecurrentBpttPerf).
         */
        private void recurrent(double[] omega, int n) {
            int j = 0;
            for (; j + 3 < n; j += 4) {
                int r0 = j * n;
                int r1 = r0 + n;
                int r2 = r1 + n;
                int r3 = r2 + n;
                double b0 = 0;
                double b1 = 0;
                double b2 = 0;
                double b3 = 0;
                for (int i = 0; i < n; i++) {
                    double x = jS[i];
                    b0 += omega[r0 + i] * x;
                    b1 += omega[r1 + i] * x;
                    b2 += omega[r2 + i] * x;
                    b3 += omega[r3 + i] * x;
                }
                back[j] = b0;
                back[j + 1] = b1;
                back[j + 2] = b2;
                back[j + 3] = b3;
            }
            for (; j < n; j++) {
                int row = j * n;
                double b = 0;
                for (int i = 0; i < n; i++) {
                    b += omega[row + i] * jS[i];
                }
                back[j] = b;
            }
        }
    }
}
