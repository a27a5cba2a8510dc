package chipsweep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chipsweep.chip.CubaInput;
import chipsweep.chip.CubaNetwork;
import chipsweep.rng.Streams;
import java.util.random.RandomGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link CubaBptt} against central finite differences of a smooth stand-in of the ideal model: the spike
 * {@code s = [V > theta]} is replaced by the fast sigmoid {@code f(V) = (V - theta) / (1 + beta_sg |V - theta|)},
 * whose derivative is exactly the SuperSpike surrogate, and the reset uses a frozen mask (the Heaviside spikes of
 * a first pass), which is what "reset detached" means. The stand-in's loss is then differentiable and its
 * gradient is what BPTT must give, through both layers, the max-over-time readout and both regularisers.
 */
class CubaBpttGradientTest {

    /** The test-only smooth forward pass on one batch, with a frozen reset mask. */
    static final class Smooth {
        final CubaNetwork net;
        final CubaInput x;
        final int[] labels;
        final double sg;
        final CubaLoss loss;
        final double[] spikes;
        final double[] reset;
        final double[] mem;
        final double[] outMem;
        final int rows;

        Smooth(CubaNetwork net, CubaInput x, int[] labels, double sg, double rhoA, double rhoB) {
            this.net = net;
            this.x = x;
            this.labels = labels;
            this.sg = sg;
            this.rows = x.samples();
            this.loss = new CubaLoss(net, rows, rhoA, rhoB);
            int n = rows * net.steps() * net.hidden();
            spikes = new double[n];
            reset = new double[n];
            mem = new double[n];
            outMem = new double[rows * net.steps() * net.outputs()];
        }

        /** Runs the stand-in; with {@code freeze} it first sets the reset mask to this pass's Heaviside spikes. */
        double forward(double[] w1, double[] w2, boolean freeze) {
            int h = net.hidden();
            int k = net.outputs();
            int steps = net.steps();
            double a = net.nominalAlpha();
            double b = net.nominalBeta();
            double th = net.theta();
            for (int n = 0; n < rows; n++) {
                double[] cur = new double[h];
                double[] v = new double[h];
                double[] oc = new double[k];
                double[] ov = new double[k];
                for (int t = 0; t < steps; t++) {
                    int base = (n * steps + t) * h;
                    int[] active = x.spikingAt(n, t);
                    for (int j = 0; j < h; j++) {
                        double acc = 0;
                        for (int i : active) {
                            acc += w1[i * h + j];
                        }
                        cur[j] = a * cur[j] + acc;
                        double keep = t == 0 ? 1.0 : 1.0 - reset[base - h + j];
                        v[j] = b * v[j] * keep + cur[j];
                        double u = v[j] - th;
                        mem[base + j] = v[j];
                        spikes[base + j] = u / (1 + sg * Math.abs(u));
                        if (freeze) {
                            reset[base + j] = v[j] > th ? 1.0 : 0.0;
                        }
                    }
                    for (int o = 0; o < k; o++) {
                        double acc = 0;
                        for (int j = 0; j < h; j++) {
                            acc += w2[j * k + o] * spikes[base + j];
                        }
                        oc[o] = a * oc[o] + acc;
                        ov[o] = b * ov[o] + oc[o];
                        outMem[(n * steps + t) * k + o] = ov[o];
                    }
                }
            }
            return loss.evaluate(outMem, spikes, rows, labels, null, 0);
        }
    }

    @ParameterizedTest(name = "{0}-{1}-{2}, T {3}, beta_sg {4}, rho_a {5}, rho_b {6}")
    @CsvSource({
        "6, 5, 3, 8, 5, 0, 0",
        "6, 5, 3, 8, 5, 0.1, 0.05",
        "9, 7, 4, 12, 50, 0.01, 0.01",
        "4, 3, 2, 6, 20, 0.3, 0"})
    void bpttEqualsFiniteDifferencesWithResetDetached(int nIn, int h, int k, int steps, double sgBeta, double rhoA,
                                                      double rhoB) {
        RandomGenerator rng = Streams.generator(nIn * 1000L + h * 100 + steps + (long) sgBeta);
        CubaNetwork net = new CubaNetwork(nIn, h, k, steps, 1.0, 8.0, 8.0, 1.0).withTaus(6.0, 4.0);
        int batch = 3;
        int[][] spikeSteps = new int[batch][nIn];
        for (int[] row : spikeSteps) {
            for (int i = 0; i < nIn; i++) {
                row[i] = rng.nextDouble() < 0.7 ? rng.nextInt(Math.min(5, steps)) : -1;
            }
        }
        CubaInput x = CubaInput.ofSpikeSteps(spikeSteps, steps);
        int[] labels = {0, k - 1, 1};
        double[] w1 = new double[nIn * h];
        double[] w2 = new double[h * k];
        for (int i = 0; i < w1.length; i++) {
            w1[i] = 0.3 + 0.6 * rng.nextGaussian();
        }
        for (int i = 0; i < w2.length; i++) {
            w2[i] = 0.8 * rng.nextGaussian();
        }
        Smooth smooth = new Smooth(net, x, labels, sgBeta, rhoA, rhoB);
        smooth.forward(w1, w2, true);
        double resets = 0;
        for (double r : smooth.reset) {
            resets += r;
        }
        assertTrue(resets > 0, "the frozen mask has resets");
        smooth.forward(w1, w2, false);
        double[] g1 = new double[w1.length];
        double[] g2 = new double[w2.length];
        new CubaBptt(net, sgBeta).backward(x, null, 0, batch, smooth.spikes, smooth.reset, smooth.mem, smooth.loss,
                w2, g1, g2);
        check("W1", w1, g1, w2, smooth, true);
        check("W2", w2, g2, w1, smooth, false);
    }

    private static void check(String name, double[] w, double[] grad, double[] other, Smooth smooth, boolean first) {
        double eps = 1e-6;
        double num = 0;
        double den = 0;
        for (int i = 0; i < w.length; i++) {
            double keep = w[i];
            w[i] = keep + eps;
            double up = first ? smooth.forward(w, other, false) : smooth.forward(other, w, false);
            w[i] = keep - eps;
            double down = first ? smooth.forward(w, other, false) : smooth.forward(other, w, false);
            w[i] = keep;
            double fd = (up - down) / (2 * eps);
            num += (grad[i] - fd) * (grad[i] - fd);
            den += fd * fd;
            assertEquals(fd, grad[i], 1e-5 * Math.abs(fd) + 1e-8, name + "[" + i + "]");
        }
        assertTrue(den > 1e-10, name + ": the gradient should not vanish");
        assertTrue(Math.sqrt(num / den) < 1e-6, name + ": relative error " + Math.sqrt(num / den));
    }
}
