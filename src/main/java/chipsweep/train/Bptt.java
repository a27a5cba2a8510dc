package chipsweep.train;

import chipsweep.chip.Batch;
import chipsweep.chip.ChipInternals;
import chipsweep.chip.Network;
import chipsweep.chip.Recording;

/**
 * Backpropagation through time over a recorded forward pass (METHOD.md section 5.2). The values in the
 * graph (currents, membranes, spikes) are the chip's measured ones; the derivatives are the model's:
 * <pre>
 *   dL/ds_out[t] = dL/dc                         (c = sum_t s)
 *   dL/du[t]     = dL/ds[t] * sg(u[t]) + beta * dL/du[t+1]     sg(u) = 1 / (1 + k |u - theta|)^2
 *   dL/dI[t]     = dL/du[t] * g'(I[t])
 *   dL/dW^l      = sum_t s^{l-1}[t]^T dL/dI^l[t],  dL/ds^{l-1}[t] = dL/dI^l[t] W^l^T
 * </pre>
 * The reset term is detached. Nominal (in the loop): g' = 1, dWeff/dW = 1, beta and theta nominal, and the
 * backward pass runs through the programmed W. With {@link ChipInternals} (oracle baseline only): the true
 * g', Weff, gains, per-neuron beta and theta. Buffers are allocated once for the largest batch.
 *
 * <p>Thread-safety: mutable buffers, confined to one thread.
 */
final class Bptt {
    private final Network net;
    private final double slope;
    private final ChipInternals oracle;
    private final double[][] dS;
    private final double[] dU;

    Bptt(Network net, int maxBatch, double surrogateSlope, ChipInternals oracle) {
        this.net = net;
        this.slope = surrogateSlope;
        this.oracle = oracle;
        int layers = net.weightLayers();
        int steps = net.steps();
        dS = new double[layers][];
        int maxN = 0;
        for (int l = 0; l < layers; l++) {
            int n = net.size(l + 1);
            dS[l] = new double[maxBatch * steps * n];
            maxN = Math.max(maxN, n);
        }
        dU = new double[maxBatch * steps * maxN];
    }

    /**
     * Writes dLoss/dW (programmed weights) into {@code grads}, given dLoss/dc per sample and output in
     * {@code dCount[b * outputs + k]}.
     */
    void backward(Recording rec, Batch x, double[] dCount, double[][] programmed, double[][] grads) {
        final int layers = net.weightLayers();
        final int steps = net.steps();
        final int batch = rec.samples();
        final int outputs = net.outputs();
        final double nominalBeta = net.beta();
        final double nominalTheta = net.theta();
        {
            double[] d = dS[layers - 1];
            for (int b = 0; b < batch; b++) {
                for (int t = 0; t < steps; t++) {
                    System.arraycopy(dCount, b * outputs, d, (b * steps + t) * outputs, outputs);
                }
            }
        }
        for (int l = layers - 1; l >= 0; l--) {
            final int n = net.size(l + 1);
            final double[] u = rec.membrane(l);
            final double[] cur = rec.current(l);
            final double[] ds = dS[l];
            final double[] g = grads[l];
            java.util.Arrays.fill(g, 0.0);
            for (int b = 0; b < batch; b++) {
                for (int j = 0; j < n; j++) {
                    final double beta = oracle == null ? nominalBeta : oracle.beta(l, j);
                    final double theta = oracle == null ? nominalTheta : oracle.theta(l, j);
                    double running = 0.0;
                    for (int t = steps - 1; t >= 0; t--) {
                        final int idx = (b * steps + t) * n + j;
                        final double diff = Math.abs(u[idx] - theta);
                        final double denom = 1.0 + slope * diff;
                        running = ds[idx] / (denom * denom) + beta * running;
                        double d = running;
                        if (oracle != null) {
                            double current = l == 0 ? cur[b * n + j] : cur[idx];
                            d = d * oracle.transferSlope(l, j, current);
                        }
                        dU[idx] = d;
                    }
                }
            }
            if (l == 0) {
                final int nIn = net.size(0);
                for (int b = 0; b < batch; b++) {
                    for (int j = 0; j < n; j++) {
                        double sum = 0.0;
                        for (int t = 0; t < steps; t++) {
                            sum = sum + dU[(b * steps + t) * n + j];
                        }
                        for (int i = 0; i < nIn; i++) {
                            g[i * n + j] = g[i * n + j] + x.get(b, i) * sum;
                        }
                    }
                }
            } else {
                final int nPrev = net.size(l);
                final double[] sPrev = rec.spikes(l - 1);
                final double[] dsPrev = dS[l - 1];
                final double[] wBack = oracle == null ? programmed[l] : oracle.effectiveWeights(l);
                for (int bt = 0; bt < batch * steps; bt++) {
                    final int offPrev = bt * nPrev;
                    final int off = bt * n;
                    for (int jp = 0; jp < nPrev; jp++) {
                        final double s = sPrev[offPrev + jp];
                        final int row = jp * n;
                        double acc = 0.0;
                        for (int k = 0; k < n; k++) {
                            final double d = dU[off + k];
                            if (s != 0.0) {
                                g[row + k] = g[row + k] + s * d;
                            }
                            acc = acc + d * wBack[row + k];
                        }
                        dsPrev[offPrev + jp] = acc;
                    }
                }
            }
            if (oracle != null) {
                for (int k = 0; k < g.length; k++) {
                    g[k] = g[k] * oracle.gain(l, k);
                }
            }
        }
    }
}
