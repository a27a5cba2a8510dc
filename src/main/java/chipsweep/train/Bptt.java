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
        running = new double[maxN];
        betas = new double[maxN];
        thetas = new double[maxN];
        sums = new double[maxN];
        slopes = new double[maxN];
        transposed = new double[layers][][];
        gradT = new double[layers][][];
        for (int l = 1; l < layers; l++) {
            transposed[l] = new double[net.size(l + 1)][net.size(l)];
            gradT[l] = new double[net.size(l + 1)][net.size(l)];
        }
        spikeRow = new double[maxN];
        dsRow = new double[maxN];
    }

    private final double[] running;
    private final double[] betas;
    private final double[] thetas;
    private final double[] sums;
    /** The first layer's g'(I) of one sample, per neuron. */
    private final double[] slopes;
    /** Per layer l >= 1, [k][jp]: the backward weights and the gradient, transposed. */
    private final double[][][] transposed;
    private final double[][][] gradT;
    private final double[] spikeRow;
    private final double[] dsRow;

    /** {@code dU[q] = ds[q] / (1 + k |u[q] - theta_j|)^2} for the {@code rows} rows of {@code n} neurons. */
    private void surrogateQuotients(double[] u, double[] ds, int rows, int n) {
        boolean same = true;
        for (int j = 1; j < n; j++) {
            same &= Double.compare(thetas[j], thetas[0]) == 0;
        }
        if (same) {
            final double theta = thetas[0];
            final int end = rows * n;
            for (int q = 0; q < end; q++) {
                final double denom = 1.0 + slope * Math.abs(u[q] - theta);
                dU[q] = ds[q] / (denom * denom);
            }
            return;
        }
        for (int r = 0; r < rows; r++) {
            final int off = r * n;
            for (int j = 0; j < n; j++) {
                final double denom = 1.0 + slope * Math.abs(u[off + j] - thetas[j]);
                dU[off + j] = ds[off + j] / (denom * denom);
            }
        }
    }

    /**
     * Writes dLoss/dW (programmed weights) into {@code grads}, given dLoss/dc per sample and output in
     * {@code dCount[b * outputs + k]}. Inner loops run over contiguous neurons; every sum accumulates in the
     * same order as the textbook loops (samples, then steps, ascending).
     */
    void backward(Recording rec, Batch x, double[] dCount, double[][] programmed, double[][] grads) {
        final int layers = net.weightLayers();
        final int steps = net.steps();
        final int batch = rec.samples();
        final int outputs = net.outputs();
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
            for (int j = 0; j < n; j++) {
                betas[j] = oracle == null ? net.beta() : oracle.beta(l, j);
                thetas[j] = oracle == null ? net.theta() : oracle.theta(l, j);
            }
            // dL/du[t] = dL/ds[t] * sg(u[t]) + beta * dL/du[t+1], then times g'(I[t]) (oracle). First the
            // quotients dL/ds / (1 + k |u - theta|)^2 into dU, in one flat loop when theta is the same for every
            // neuron (the nominal model), so that the divisions vectorise; then the recurrence over t.
            surrogateQuotients(u, ds, batch * steps, n);
            for (int b = 0; b < batch; b++) {
                java.util.Arrays.fill(running, 0, n, 0.0);
                if (oracle != null && l == 0) {
                    // The first layer's current is constant in time: its slopes once per sample, not per step.
                    for (int j = 0; j < n; j++) {
                        slopes[j] = oracle.transferSlope(0, j, cur[b * n + j]);
                    }
                }
                for (int t = steps - 1; t >= 0; t--) {
                    final int off = (b * steps + t) * n;
                    for (int j = 0; j < n; j++) {
                        final double r = dU[off + j] + betas[j] * running[j];
                        running[j] = r;
                        dU[off + j] = r;
                    }
                    if (oracle != null && l == 0) {
                        for (int j = 0; j < n; j++) {
                            dU[off + j] = dU[off + j] * slopes[j];
                        }
                    } else if (oracle != null) {
                        for (int j = 0; j < n; j++) {
                            dU[off + j] = dU[off + j] * oracle.transferSlope(l, j, cur[off + j]);
                        }
                    }
                }
            }
            if (l == 0) {
                final int nIn = net.size(0);
                java.util.Arrays.fill(g, 0.0);
                for (int b = 0; b < batch; b++) {
                    java.util.Arrays.fill(sums, 0, n, 0.0);
                    for (int t = 0; t < steps; t++) {
                        final int off = (b * steps + t) * n;
                        for (int j = 0; j < n; j++) {
                            sums[j] = sums[j] + dU[off + j];
                        }
                    }
                    for (int i = 0; i < nIn; i++) {
                        final double xi = x.get(b, i);
                        final int row = i * n;
                        for (int j = 0; j < n; j++) {
                            g[row + j] = g[row + j] + xi * sums[j];
                        }
                    }
                }
            } else {
                final int nPrev = net.size(l);
                final double[] sPrev = rec.spikes(l - 1);
                final double[] dsPrev = dS[l - 1];
                final double[] wBack = oracle == null ? programmed[l] : oracle.effectiveWeights(l);
                // Rows per output neuron and a copy of each step's spikes, so that every inner loop indexes
                // its arrays from 0 (C2 vectorises only accesses with the same offset); same sums, same order.
                final double[][] wT = transposed[l];
                final double[][] gT = gradT[l];
                for (int k = 0; k < n; k++) {
                    for (int jp = 0; jp < nPrev; jp++) {
                        wT[k][jp] = wBack[jp * n + k];
                    }
                    java.util.Arrays.fill(gT[k], 0.0);
                }
                final double[] sp = spikeRow;
                final double[] dp = dsRow;
                for (int bt = 0; bt < batch * steps; bt++) {
                    final int offPrev = bt * nPrev;
                    final int off = bt * n;
                    System.arraycopy(sPrev, offPrev, sp, 0, nPrev);
                    for (int k = 0; k < n; k++) {
                        final double d = dU[off + k];
                        final double[] gk = gT[k];
                        final double[] wk = wT[k];
                        if (k == 0) { // dL/ds^{l-1} starts from 0.0: the same sum without a fill
                            for (int jp = 0; jp < nPrev; jp++) {
                                gk[jp] = gk[jp] + sp[jp] * d;
                                dp[jp] = 0.0 + d * wk[jp];
                            }
                        } else {
                            for (int jp = 0; jp < nPrev; jp++) {
                                gk[jp] = gk[jp] + sp[jp] * d;
                                dp[jp] = dp[jp] + d * wk[jp];
                            }
                        }
                    }
                    System.arraycopy(dp, 0, dsPrev, offPrev, nPrev);
                }
                for (int jp = 0; jp < nPrev; jp++) {
                    for (int k = 0; k < n; k++) {
                        g[jp * n + k] = gT[k][jp];
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
