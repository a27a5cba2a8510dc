package chipsweep.chip;

import chipsweep.rng.Seeds;
import chipsweep.rng.Streams;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The discrete-time LIF forward pass (METHOD.md section 3, golden/README.md):
 * <pre>
 *   I_j[t] = sum_i Weff[i][j] s_i[t]                (s^0[t] = x: direct current)
 *   u_j[t] = ((beta_j u_j[t-1]) + g_j(I_j[t])) - theta_j s_j[t-1]   (+ sigma eta: noise)
 *   s_j[t] = u_j[t] > theta_j                        (strict)
 * </pre>
 * Samples run in blocks of {@value #BLOCK} with neuron-major state ({@code [j * BLOCK + b]}), so every inner
 * loop runs over contiguous samples and the JIT vectorises it. Each element is computed in the golden
 * files' order: currents accumulate over inputs in increasing index from 0.0 (the first layer's once per
 * sample, as it is constant in time), the membrane update is {@code ((beta*u) + g) - (theta*s)} with s as
 * 0.0/1.0 (branch-free and exact), sums over steps run in increasing t. Buffers are allocated once per
 * kernel: a pass allocates nothing.
 *
 * <p>Thread-safety: mutable, confined to one thread.
 */
final class LifKernel {
    static final int BLOCK = 512;

    private final int layers;
    private final int steps;
    private final int[] sizes;
    /** Per LIF layer, [j * BLOCK + b]: membrane, spikes (0/1), input current, transferred current. */
    private final double[][] u;
    private final double[][] s;
    private final double[][] cur;
    private final double[][] g;
    private final double[][] count;
    private final double[] msum;
    /** Distance between neurons in the state arrays for the current pass: min(BLOCK, samples). */
    private int stride = BLOCK;

    LifKernel(Network net) {
        this.layers = net.weightLayers();
        this.steps = net.steps();
        this.sizes = net.layers();
        u = new double[layers][];
        s = new double[layers][];
        cur = new double[layers][];
        g = new double[layers][];
        count = new double[layers][];
        for (int l = 0; l < layers; l++) {
            int n = sizes[l + 1] * BLOCK;
            u[l] = new double[n];
            s[l] = new double[n];
            cur[l] = new double[n];
            g[l] = new double[n];
            count[l] = new double[n];
        }
        msum = new double[sizes[layers] * BLOCK];
    }

    /**
     * Runs every sample of {@code x} on effective weights {@code weff}; writes counts and membrane sums into
     * {@code out} and, if {@code rec} is not null, the full trace. {@code evaluation} numbers the chip's
     * evaluations (it seeds the noise of this pass).
     */
    void run(ChipPhysics p, double[][] weff, Batch x, Readout out, Recording rec, long evaluation) {
        final int nIn = sizes[0];
        final int samples = x.rows();
        if (x.features() != nIn) {
            throw new IllegalArgumentException("inputs have " + x.features() + " features, the chip expects " + nIn);
        }
        if (out.samples != samples || out.outputs != sizes[layers]) {
            throw new IllegalArgumentException("readout sized for " + out.samples + " samples, batch has " + samples);
        }
        if (rec != null && rec.samples != samples) {
            throw new IllegalArgumentException("recording sized for " + rec.samples + " samples, batch has " + samples);
        }
        final RandomGenerator noise = p.noiseSigma > 0 ? Streams.generator(Seeds.child(p.noiseSeed, evaluation)) : null;
        final double[] xT = x.featureMajor();
        stride = Math.min(BLOCK, samples);
        for (int b0 = 0; b0 < samples; b0 += stride) {
            int bs = Math.min(stride, samples - b0);
            block(p, weff, xT, samples, b0, bs, out, rec, noise);
        }
    }

    private void block(ChipPhysics p, double[][] weff, double[] xT, int samples, int b0, int bs, Readout out,
                       Recording rec, RandomGenerator noise) {
        final int nIn = sizes[0];
        final int n1 = sizes[1];
        // First layer: constant current, accumulated over inputs in increasing index.
        final double[] c0 = cur[0];
        final double[] w0 = weff[0];
        Arrays.fill(c0, 0, n1 * stride, 0.0);
        int i = 0;
        for (; i + 3 < nIn; i += 4) { // four inputs per pass, added in increasing index: the golden order
            final int x0 = i * samples + b0;
            final int x1 = x0 + samples;
            final int x2 = x1 + samples;
            final int x3 = x2 + samples;
            for (int j = 0; j < n1; j++) {
                final double wa = w0[i * n1 + j];
                final double wb = w0[(i + 1) * n1 + j];
                final double wc = w0[(i + 2) * n1 + j];
                final double wd = w0[(i + 3) * n1 + j];
                final int o = j * stride;
                for (int b = 0; b < bs; b++) {
                    c0[o + b] = (((c0[o + b] + wa * xT[x0 + b]) + wb * xT[x1 + b]) + wc * xT[x2 + b]) + wd * xT[x3 + b];
                }
            }
        }
        for (; i < nIn; i++) {
            final int xOff = i * samples + b0;
            final int wOff = i * n1;
            for (int j = 0; j < n1; j++) {
                final double w = w0[wOff + j];
                final int o = j * stride;
                for (int b = 0; b < bs; b++) {
                    c0[o + b] = c0[o + b] + w * xT[xOff + b];
                }
            }
        }
        transfer(p, 0, n1, bs, c0, g[0]);
        if (rec != null) {
            for (int j = 0; j < n1; j++) {
                for (int b = 0; b < bs; b++) {
                    rec.current[0][(b0 + b) * n1 + j] = c0[j * stride + b];
                }
            }
        }
        for (int l = 0; l < layers; l++) {
            final int used = sizes[l + 1] * stride;
            Arrays.fill(u[l], 0, used, 0.0);
            Arrays.fill(s[l], 0, used, 0.0);
            Arrays.fill(count[l], 0, used, 0.0);
        }
        Arrays.fill(msum, 0, sizes[layers] * stride, 0.0);
        final int last = layers - 1;
        for (int t = 0; t < steps; t++) {
            for (int l = 0; l < layers; l++) {
                final int n = sizes[l + 1];
                if (l > 0) {
                    final int nPrev = sizes[l];
                    final double[] cl = cur[l];
                    final double[] wl = weff[l];
                    final double[] sPrev = s[l - 1];
                    Arrays.fill(cl, 0, n * stride, 0.0);
                    int jp = 0;
                    for (; jp + 3 < nPrev; jp += 4) { // four source neurons per pass, in increasing index
                        final int s0 = jp * stride;
                        final int s1 = s0 + stride;
                        final int s2 = s1 + stride;
                        final int s3 = s2 + stride;
                        for (int k = 0; k < n; k++) {
                            final double wa = wl[jp * n + k];
                            final double wb = wl[(jp + 1) * n + k];
                            final double wc = wl[(jp + 2) * n + k];
                            final double wd = wl[(jp + 3) * n + k];
                            final int o = k * stride;
                            for (int b = 0; b < bs; b++) {
                                cl[o + b] = (((cl[o + b] + wa * sPrev[s0 + b]) + wb * sPrev[s1 + b]) + wc * sPrev[s2 + b])
                                        + wd * sPrev[s3 + b];
                            }
                        }
                    }
                    for (; jp < nPrev; jp++) {
                        final int wOff = jp * n;
                        final int sOff = jp * stride;
                        for (int k = 0; k < n; k++) {
                            final double w = wl[wOff + k];
                            final int o = k * stride;
                            for (int b = 0; b < bs; b++) {
                                cl[o + b] = cl[o + b] + w * sPrev[sOff + b];
                            }
                        }
                    }
                    transfer(p, l, n, bs, cl, g[l]);
                    if (rec != null) {
                        for (int k = 0; k < n; k++) {
                            for (int b = 0; b < bs; b++) {
                                rec.current[l][((b0 + b) * steps + t) * n + k] = cl[k * stride + b];
                            }
                        }
                    }
                }
                final double[] ul = u[l];
                final double[] sl = s[l];
                final double[] gl = g[l];
                final double[] cnt = count[l];
                final double[] beta = p.beta[l];
                final double[] theta = p.theta[l];
                for (int j = 0; j < n; j++) {
                    final double bj = beta[j];
                    final double tj = theta[j];
                    final int o = j * stride;
                    if (noise == null) {
                        for (int b = 0; b < bs; b++) {
                            final double v = ((bj * ul[o + b]) + gl[o + b]) - (tj * sl[o + b]);
                            ul[o + b] = v;
                            final double spike = spike(v, tj);
                            sl[o + b] = spike;
                            cnt[o + b] = cnt[o + b] + spike;
                        }
                    } else {
                        final double sigma = p.noiseSigma;
                        for (int b = 0; b < bs; b++) {
                            final double v = (((bj * ul[o + b]) + gl[o + b]) - (tj * sl[o + b])) + sigma * noise.nextGaussian();
                            ul[o + b] = v;
                            final double spike = v > tj ? 1.0 : 0.0;
                            sl[o + b] = spike;
                            cnt[o + b] = cnt[o + b] + spike;
                        }
                    }
                    if (l == last) {
                        for (int b = 0; b < bs; b++) {
                            msum[o + b] = msum[o + b] + ul[o + b];
                        }
                    }
                }
                if (rec != null) {
                    for (int j = 0; j < n; j++) {
                        for (int b = 0; b < bs; b++) {
                            final int idx = ((b0 + b) * steps + t) * n + j;
                            rec.membrane[l][idx] = ul[j * stride + b];
                            rec.spikes[l][idx] = sl[j * stride + b];
                        }
                    }
                }
            }
        }
        final int outputs = sizes[layers];
        for (int k = 0; k < outputs; k++) {
            for (int b = 0; b < bs; b++) {
                out.counts[(b0 + b) * outputs + k] = (int) count[last][k * stride + b];
                out.membraneSums[(b0 + b) * outputs + k] = msum[k * stride + b];
            }
        }
        if (out.hiddenCounts != null) {
            for (int h = 0; h < last; h++) {
                final int n = sizes[h + 1];
                for (int j = 0; j < n; j++) {
                    for (int b = 0; b < bs; b++) {
                        out.hiddenCounts[h][(b0 + b) * n + j] = (int) count[h][j * stride + b];
                    }
                }
            }
        }
    }

    /**
     * 1.0 if {@code v > theta}, else 0.0, written so that the JIT can vectorise it: for finite doubles
     * {@code v - theta > 0} exactly when {@code v > theta}, and ceil maps any positive difference to at least 1.
     */
    static double spike(double v, double theta) {
        return Math.min(1.0, Math.max(0.0, Math.ceil(v - theta)));
    }

    /** g of layer {@code l}: identity (a copy) or the nonlin transfer, element by element. */
    private void transfer(ChipPhysics p, int l, int n, int bs, double[] current, double[] out) {
        if (p.sa[l] == null) {
            System.arraycopy(current, 0, out, 0, n * stride);
            return;
        }
        for (int j = 0; j < n; j++) {
            final int o = j * stride;
            for (int b = 0; b < bs; b++) {
                out[o + b] = p.transfer(l, j, current[o + b]);
            }
        }
    }
}
