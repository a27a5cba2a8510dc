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
 * squared error to the target over the trial; one trial per {@link Adam} step; surrogate
 * {@link SurrogateGradient#fastSigmoid}. The forward pass is {@link BuchelKernel}'s (membranes recorded); the
 * backward pass, with the reset and the clip at 0 detached from the graph as in {@link Bptt}:
 * <pre>
 *   lS(t) = aS lS(t+1) + alpha g(t),  lO(t) = aO lO(t+1) + 2 (y(t) - target(t)) / T,   g(t) = lV(t) [V(t) > 0]
 *   dWin += alpha g(t) c(t);  dOmega[j, .] += s_j(t) lS(t) / tau_slow;  dWout[j] += s_j(t) lO(t)
 *   lV(t-1) = (1 - alpha) g(t) (1 - s(t)) + (Omega lS(t) / tau_slow + Wout lO(t)) sg(V(t-1) - theta)
 * </pre>
 * ({@code aS, aO = exp(-dt / tau)}; slow currents jump by {@code W / tau_slow}, traces by the weight, as in
 * {@link BuchelKernel}). Chipsweep's feed-forward {@link Bptt} has no recurrence and no synaptic state, so this is its recurrent
 * sibling; it shares {@link Adam} and the surrogate. With {@code bits > 0} the forward pass runs on quantised
 * slow weights and the gradient updates the full-precision shadow (straight-through). Initial weights: input
 * N(0, 1), slow N(0, (0.1 / sqrt n)^2), output N(0, (1 / n)^2), drawn in that order.
 *
 * <p>Thread-safety: stateless.
 */
public final class RecurrentBptt {
    private RecurrentBptt() {
    }

    /** A trained network and its mean training loss per epoch. */
    public record Result(BuchelWeights weights, List<Double> losses) {
        public Result {
            losses = List.copyOf(losses);
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

    /** Trains {@code w} in place on {@code trials} for {@code s.bpttEpochs()} epochs, the order drawn from {@code order}. */
    public static Result train(BuchelSettings s, BuchelWeights w, TemporalXor.Trial[] trials, int bits,
                               RandomGenerator order) {
        BuchelParams p = s.neuron().withNoise(0);
        int n = w.n();
        BuchelChip chip = BuchelChip.quantised(p, w, bits);
        BuchelKernel kernel = new BuchelKernel(chip, n, 1);
        int steps = s.task().steps();
        double alpha = p.dt() / p.tauMem();
        double aS = BuchelKernel.decay(p.dt(), p.tauSlow());
        double aO = BuchelKernel.decay(p.dt(), p.tauOut());
        double theta = p.vThresh();
        double slope = s.bpttSlope();
        double[] y = new double[steps];
        double[] v = new double[steps * n];
        double[][] grads = {new double[n], new double[n * n], new double[n]};
        double[][] params = {w.win(), w.omegaSlow(), w.wout()};
        Adam adam = new Adam(s.bpttLr(), 0.9, 0.999, 1e-8, n, n * n, n);
        double[] lV = new double[n];
        double[] lS = new double[n];
        double[] jS = new double[n];
        double[] ds = new double[n];
        int[] perm = new int[trials.length];
        List<Double> losses = new ArrayList<>();
        for (int epoch = 0; epoch < s.bpttEpochs(); epoch++) {
            for (int i = 0; i < perm.length; i++) {
                perm[i] = i;
            }
            chipsweep.rng.Streams.shuffle(perm, order);
            double total = 0;
            for (int q : perm) {
                TemporalXor.Trial tr = trials[q];
                BuchelWeights run = bits > 0 ? chip.program(w) : w;
                kernel.run(run, tr.input(), y, null, v, null, null, null);
                for (double[] g : grads) {
                    java.util.Arrays.fill(g, 0.0);
                }
                total += backward(run, tr, y, v, steps, n, alpha, aS, aO, 1 / p.tauSlow(), theta, slope,
                        grads, lV, lS, jS, ds);
                adam.step(params, grads);
            }
            losses.add(total / trials.length);
        }
        return new Result(w, losses);
    }

    /** Accumulates the gradient of one trial's loss into {@code grads} (win, omega, wout); returns the loss. */
    static double backward(BuchelWeights w, TemporalXor.Trial tr, double[] y, double[] v, int steps, int n,
                           double alpha, double aS, double aO, double cS, double theta, double slope,
                           double[][] grads, double[] lV, double[] lS, double[] jS, double[] ds) {
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
            for (int j = 0; j < n; j++) {
                double u = v[vt + j] - theta;
                boolean spiked = u > 0;
                int row = j * n;
                if (spiked) {
                    for (int i = 0; i < n; i++) {
                        grads[1][row + i] += jS[i];
                    }
                    grads[2][j] += lO;
                }
                double sg = SurrogateGradient.fastSigmoid(u, slope);
                double back = 0;
                for (int i = 0; i < n; i++) {
                    back += omega[row + i] * jS[i];
                }
                ds[j] = (back + wout[j] * lO) * sg;
            }
            for (int j = 0; j < n; j++) {
                boolean spiked = v[vt + j] > theta;
                lV[j] = (spiked ? 0.0 : lV[j]) + ds[j];
            }
        }
        return loss;
    }
}
