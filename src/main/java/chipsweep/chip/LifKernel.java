package chipsweep.chip;

import chipsweep.rng.Seeds;
import chipsweep.rng.Streams;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The discrete-time LIF forward pass (METHOD.md section 3, golden/README.md), one sample at a time, all
 * layers advanced step by step:
 * <pre>
 *   I_j[t] = sum_i Weff[i][j] s_i[t]                (s^0[t] = x: direct current)
 *   u_j[t] = ((beta_j u_j[t-1]) + g_j(I_j[t])) - theta_j s_j[t-1]   (+ sigma eta: noise)
 *   s_j[t] = u_j[t] > theta_j                        (strict)
 * </pre>
 * The first layer's current is constant in time and computed once per sample, accumulating over inputs in
 * increasing index exactly as the golden files do; later layers add the weight rows of the neurons that
 * spiked, in increasing index, which gives the same sums as the dense product (a non-spiking neuron adds
 * an exact zero). Buffers are allocated once per kernel; a pass allocates nothing.
 *
 * <p>Thread-safety: mutable, confined to one thread.
 */
final class LifKernel {
    private final Network net;
    private final int layers;
    private final int steps;
    private final int[] sizes;
    private final double[][] u;
    private final boolean[][] spiking;
    private final double[][] cur;
    private final double[][] g;
    private final int[][] spikeIdx;
    private final int[] spikeCount;

    LifKernel(Network net) {
        this.net = net;
        this.layers = net.weightLayers();
        this.steps = net.steps();
        this.sizes = net.layers();
        u = new double[layers][];
        spiking = new boolean[layers][];
        cur = new double[layers][];
        g = new double[layers][];
        spikeIdx = new int[layers][];
        spikeCount = new int[layers];
        for (int l = 0; l < layers; l++) {
            int n = sizes[l + 1];
            u[l] = new double[n];
            spiking[l] = new boolean[n];
            cur[l] = new double[n];
            g[l] = new double[n];
            spikeIdx[l] = new int[n];
        }
    }

    /**
     * Runs every sample of {@code x}. {@code weff[l]} holds the effective weights. Writes counts and membrane
     * sums into {@code out}; if {@code rec} is not null, also the full trace. {@code evaluation} numbers the
     * chip's evaluations (it seeds the noise of this pass).
     */
    void run(ChipPhysics p, double[][] weff, Batch x, Readout out, Recording rec, long evaluation) {
        final int nIn = sizes[0];
        final int last = layers - 1;
        final int outputs = sizes[layers];
        final double[] xs = x.raw();
        final int samples = x.rows();
        if (x.features() != nIn) {
            throw new IllegalArgumentException("inputs have " + x.features() + " features, the chip expects " + nIn);
        }
        if (out.samples != samples || out.outputs != outputs) {
            throw new IllegalArgumentException("readout sized for " + out.samples + " samples, batch has " + samples);
        }
        if (rec != null && rec.samples != samples) {
            throw new IllegalArgumentException("recording sized for " + rec.samples + " samples, batch has " + samples);
        }
        final boolean noisy = p.noiseSigma > 0;
        final RandomGenerator noise = noisy ? Streams.generator(Seeds.child(p.noiseSeed, evaluation)) : null;
        final int[] counts = out.counts;
        final double[] msum = out.membraneSums;
        Arrays.fill(counts, 0);
        Arrays.fill(msum, 0.0);
        if (out.hiddenCounts != null) {
            for (int[] h : out.hiddenCounts) {
                Arrays.fill(h, 0);
            }
        }
        for (int b = 0; b < samples; b++) {
            // Layer 0: constant current, accumulated over inputs in increasing index.
            final int n1 = sizes[1];
            final double[] c0 = cur[0];
            final double[] w0 = weff[0];
            Arrays.fill(c0, 0.0);
            final int xOff = b * nIn;
            for (int i = 0; i < nIn; i++) {
                final double xi = xs[xOff + i];
                final int base = i * n1;
                for (int j = 0; j < n1; j++) {
                    c0[j] = c0[j] + w0[base + j] * xi;
                }
            }
            applyTransfer(p, 0, c0, g[0]);
            if (rec != null) {
                System.arraycopy(c0, 0, rec.current[0], b * n1, n1);
            }
            for (int l = 0; l < layers; l++) {
                Arrays.fill(u[l], 0.0);
                Arrays.fill(spiking[l], false);
            }
            final int outBase = b * outputs;
            for (int t = 0; t < steps; t++) {
                for (int l = 0; l < layers; l++) {
                    final int n = sizes[l + 1];
                    final double[] gl = g[l];
                    if (l > 0) {
                        final double[] cl = cur[l];
                        final double[] wl = weff[l];
                        Arrays.fill(cl, 0.0);
                        final int[] idx = spikeIdx[l - 1];
                        final int ns = spikeCount[l - 1];
                        for (int s = 0; s < ns; s++) {
                            final int base = idx[s] * n;
                            for (int k = 0; k < n; k++) {
                                cl[k] = cl[k] + wl[base + k];
                            }
                        }
                        applyTransfer(p, l, cl, gl);
                        if (rec != null) {
                            System.arraycopy(cl, 0, rec.current[l], (b * steps + t) * n, n);
                        }
                    }
                    final double[] ul = u[l];
                    final boolean[] sp = spiking[l];
                    final double[] beta = p.beta[l];
                    final double[] theta = p.theta[l];
                    final int[] idx = spikeIdx[l];
                    int ns = 0;
                    for (int j = 0; j < n; j++) {
                        double v = (beta[j] * ul[j]) + gl[j];
                        if (sp[j]) {
                            v = v - theta[j];
                        }
                        if (noisy) {
                            v = v + p.noiseSigma * noise.nextGaussian();
                        }
                        ul[j] = v;
                        final boolean fire = v > theta[j];
                        sp[j] = fire;
                        if (fire) {
                            idx[ns++] = j;
                        }
                    }
                    spikeCount[l] = ns;
                    if (l == last) {
                        for (int k = 0; k < n; k++) {
                            msum[outBase + k] = msum[outBase + k] + ul[k];
                        }
                        for (int s = 0; s < ns; s++) {
                            counts[outBase + idx[s]]++;
                        }
                    } else if (out.hiddenCounts != null) {
                        final int[] hc = out.hiddenCounts[l];
                        for (int s = 0; s < ns; s++) {
                            hc[b * n + idx[s]]++;
                        }
                    }
                    if (rec != null) {
                        final int off = (b * steps + t) * n;
                        System.arraycopy(ul, 0, rec.membrane[l], off, n);
                        final double[] rs = rec.spikes[l];
                        for (int j = 0; j < n; j++) {
                            rs[off + j] = sp[j] ? 1.0 : 0.0;
                        }
                    }
                }
            }
        }
    }

    private static void applyTransfer(ChipPhysics p, int l, double[] current, double[] out) {
        if (p.sa[l] == null) {
            System.arraycopy(current, 0, out, 0, current.length);
            return;
        }
        for (int j = 0; j < current.length; j++) {
            out[j] = p.transfer(l, j, current[j]);
        }
    }

    Network network() {
        return net;
    }
}
