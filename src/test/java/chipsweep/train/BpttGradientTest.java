package chipsweep.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import chipsweep.chip.Batch;
import chipsweep.chip.ChipInternals;
import chipsweep.chip.Composite;
import chipsweep.chip.Distortion;
import chipsweep.chip.Mismatch;
import chipsweep.chip.Network;
import chipsweep.chip.NeuronMismatch;
import chipsweep.chip.Nonlin;
import chipsweep.chip.Recording;
import chipsweep.chip.SimulatedChip;
import chipsweep.rng.Streams;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the BPTT gradient against central finite differences on a smooth stand-in of the chip: the spike
 * nonlinearity is replaced by the fast sigmoid {@code f(v) = v / (1 + k|v|)}, whose derivative is exactly the
 * surrogate {@code 1 / (1 + k|v|)^2}, and the reset uses a frozen spike sequence (the reset is detached in
 * BPTT). Then the surrogate gradient is the true gradient, and the two must agree to 1e-6 relative, both for
 * the nominal backward pass on an ideal chip and for the oracle's pass through mismatch, nonlin, threshold
 * and leak distortions.
 */
class BpttGradientTest {
    private static final double K = 25.0;
    private static final double GAMMA = 10.0;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("nominal 3-4-2 T5", new int[] {3, 4, 2}, 5, false),
                Arguments.of("nominal 4-5-3-2 T4", new int[] {4, 5, 3, 2}, 4, false),
                Arguments.of("oracle 3-4-2 T5", new int[] {3, 4, 2}, 5, true),
                Arguments.of("oracle 4-5-3-2 T4", new int[] {4, 5, 3, 2}, 4, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void bpttEqualsFiniteDifferencesOfSmoothStandIn(String name, int[] layers, int steps, boolean oracle) {
        RandomGenerator rng = Streams.generator(name.hashCode());
        Network net = new Network(layers, steps, 0.9, 1.0);
        int batch = 3;
        double[][] x = new double[batch][layers[0]];
        for (double[] row : x) {
            for (int i = 0; i < row.length; i++) {
                row[i] = rng.nextDouble();
            }
        }
        int[] labels = {0, 1, 1};
        double[][] w = net.newWeights();
        for (double[] l : w) {
            for (int k = 0; k < l.length; k++) {
                l[k] = 1.2 * rng.nextGaussian();
            }
        }
        Distortion d = oracle ? distortion(net, rng) : Distortion.Ideal.INSTANCE;
        SimulatedChip chip = SimulatedChip.of(net, d);
        chip.program(w);
        ChipInternals in = chip.internalsForOracle();
        Smooth smooth = new Smooth(net, d instanceof Composite c ? c : null, in, Batch.of(x), labels);
        // Freeze a reset pattern: the (Heaviside) spikes of a first smooth pass, so resets occur.
        smooth.freezeResets(w);

        Recording rec = new Recording(net, batch);
        double[] dCount = new double[batch * net.outputs()];
        smooth.forward(w, rec, dCount);
        double[][] grads = net.newWeights();
        new Bptt(net, batch, K, oracle ? in : null).backward(rec, Batch.of(x), dCount, w, grads);

        double h = 1e-6;
        double num = 0;
        double den = 0;
        for (int l = 0; l < w.length; l++) {
            for (int k = 0; k < w[l].length; k++) {
                double keep = w[l][k];
                w[l][k] = keep + h;
                double up = smooth.forward(w, null, null);
                w[l][k] = keep - h;
                double down = smooth.forward(w, null, null);
                w[l][k] = keep;
                double fd = (up - down) / (2 * h);
                num += (grads[l][k] - fd) * (grads[l][k] - fd);
                den += fd * fd;
                assertTrue(Math.abs(grads[l][k] - fd) <= 1e-6 * Math.abs(fd) + 1e-8,
                        name + ": layer " + l + " weight " + k + ": bptt " + grads[l][k] + " vs finite difference " + fd);
            }
        }
        assertTrue(den > 1e-12, "the gradient should not vanish in this configuration");
        assertTrue(Math.sqrt(num / den) < 1e-6, name + ": relative error " + Math.sqrt(num / den));
    }

    private static Distortion distortion(Network net, RandomGenerator rng) {
        int layers = net.weightLayers();
        double[][] xi = new double[layers][];
        double[][] a = new double[layers][];
        double[][] om = new double[layers][];
        double[][] ph = new double[layers][];
        double[][] th = new double[layers][];
        double[][] lk = new double[layers][];
        for (int l = 0; l < layers; l++) {
            xi[l] = new double[net.weightCount(l)];
            for (int k = 0; k < xi[l].length; k++) {
                xi[l][k] = rng.nextGaussian();
            }
            int n = net.size(l + 1);
            a[l] = new double[n];
            om[l] = new double[n];
            ph[l] = new double[n];
            th[l] = new double[n];
            lk[l] = new double[n];
            for (int j = 0; j < n; j++) {
                a[l][j] = 0.5 + 0.5 * rng.nextDouble();
                om[l][j] = 2 + 4 * rng.nextDouble();
                ph[l][j] = 2 * Math.PI * rng.nextDouble();
                th[l][j] = rng.nextGaussian();
                lk[l][j] = rng.nextGaussian();
            }
        }
        return new Composite(List.of(new Mismatch(0.5, xi), new Nonlin(0.3, a, om, ph),
                new NeuronMismatch(NeuronMismatch.Parameter.THRESHOLD, 0.2, th),
                new NeuronMismatch(NeuronMismatch.Parameter.LEAK, 0.1, lk)));
    }

    /** The smooth stand-in network, sharing the chip's true physics (through the oracle's view). */
    private static final class Smooth {
        private final Network net;
        private final Nonlin nonlin;
        private final ChipInternals in;
        private final Batch x;
        private final int[] labels;
        private final boolean distorted;
        private double[][] resets;

        Smooth(Network net, Composite composite, ChipInternals in, Batch x, int[] labels) {
            this.net = net;
            this.nonlin = composite == null ? null : (Nonlin) composite.parts().get(1);
            this.in = in;
            this.x = x;
            this.labels = labels;
            this.distorted = composite != null;
        }

        void freezeResets(double[][] w) {
            resets = null;
            Recording r = new Recording(net, x.rows());
            forward(w, r, new double[x.rows() * net.outputs()]);
            resets = new double[net.weightLayers()][];
            for (int l = 0; l < resets.length; l++) {
                double[] u = r.membrane(l);
                resets[l] = new double[u.length];
                for (int i = 0; i < u.length; i++) {
                    resets[l][i] = u[i] > theta(l, i % net.size(l + 1)) ? 1.0 : 0.0;
                }
            }
        }

        private double beta(int l, int j) {
            return distorted ? in.beta(l, j) : net.beta();
        }

        private double theta(int l, int j) {
            return distorted ? in.theta(l, j) : net.theta();
        }

        private double g(int l, int j, double current) {
            if (nonlin == null) {
                return current;
            }
            double sa = nonlin.sigma() * nonlin.a()[l][j];
            double om = nonlin.omega()[l][j];
            double ph = nonlin.phi()[l][j];
            return current + sa * (Math.sin(om * current + ph) - Math.sin(ph));
        }

        /** The mean cross-entropy loss; fills {@code rec} and dLoss/dc if given. */
        double forward(double[][] w, Recording rec, double[] dCount) {
            int layers = net.weightLayers();
            int steps = net.steps();
            int batch = x.rows();
            int outputs = net.outputs();
            double loss = 0;
            for (int b = 0; b < batch; b++) {
                double[][] prev = new double[steps][];
                for (int t = 0; t < steps; t++) {
                    prev[t] = new double[net.size(0)];
                    for (int i = 0; i < prev[t].length; i++) {
                        prev[t][i] = x.get(b, i);
                    }
                }
                for (int l = 0; l < layers; l++) {
                    int nIn = net.size(l);
                    int n = net.size(l + 1);
                    double[][] s = new double[steps][n];
                    double[] u = new double[n];
                    for (int t = 0; t < steps; t++) {
                        for (int j = 0; j < n; j++) {
                            double current = 0;
                            for (int i = 0; i < nIn; i++) {
                                int k = i * n + j;
                                double weff = distorted ? w[l][k] * in.gain(l, k) : w[l][k];
                                current += weff * prev[t][i];
                            }
                            double reset = resets == null || t == 0 ? 0.0 : resets[l][(b * steps + t - 1) * n + j];
                            u[j] = beta(l, j) * u[j] + g(l, j, current) - theta(l, j) * reset;
                            double v = u[j] - theta(l, j);
                            s[t][j] = v / (1 + K * Math.abs(v));
                            if (rec != null) {
                                int idx = (b * steps + t) * n + j;
                                if (l == 0) {
                                    rec.current(0)[b * n + j] = current;
                                } else {
                                    rec.current(l)[idx] = current;
                                }
                                rec.membrane(l)[idx] = u[j];
                                rec.spikes(l)[idx] = s[t][j];
                            }
                        }
                    }
                    prev = s;
                }
                double[] z = new double[outputs];
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < outputs; k++) {
                    double c = 0;
                    for (int t = 0; t < steps; t++) {
                        c += prev[t][k];
                    }
                    z[k] = GAMMA * c / steps;
                    max = Math.max(max, z[k]);
                }
                double sum = 0;
                for (int k = 0; k < outputs; k++) {
                    sum += Math.exp(z[k] - max);
                }
                double lse = max + Math.log(sum);
                loss += (lse - z[labels[b]]) / batch;
                if (dCount != null) {
                    for (int k = 0; k < outputs; k++) {
                        dCount[b * outputs + k] = (Math.exp(z[k] - lse) - (k == labels[b] ? 1 : 0)) * GAMMA / steps / batch;
                    }
                }
            }
            return loss;
        }
    }
}
