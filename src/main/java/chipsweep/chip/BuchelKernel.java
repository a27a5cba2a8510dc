package chipsweep.chip;

import java.util.random.RandomGenerator;

/**
 * The forward pass of the recurrent LIF network of Büchel et al. 2021 (spec/BUCHEL.md section 2) on one chip
 * draw, one trial at a time, discretised as the authors' JAX layer does ({@code JaxADS}, Rockpool branch
 * {@code feature/NetworkADS-Jax}, {@code lif_jax.py} l. 2869-2890; docs/buchel.md). Per step t:
 * <pre>
 *   spikes     s_j = [V_j > v_thresh_j] (dead neurons: V_j = v_reset, never spike); a spiking V_j := v_reset
 *   synapses   I_slow_i = exp(-dt/tau_slow_i) I_slow_i + sum_j s_j omega_slow[j, i] / tau_slow_i
 *              I_fast_i = exp(-dt/tau_fast) I_fast_i + sum_j s_j omega_fast[j, i] tau_mem / tau_fast
 *              (a slow spike delivers the charge of its weight whatever the chip's time constant; a fast one the
 *              charge tau_mem omega_fast, which moves the membrane by about omega_fast: the spec's matrix is the
 *              balanced network's membrane jump, and tau_mem is the factor the authors put on every D-derived
 *              matrix entering through a synapse, weights_in and weights_out; docs/buchel.md, "Fast weights")
 *   traces     x_hat = exp(-dt/tau_out) x_hat + sum_j s_j wout[j, .]   (unit-jump filtered spikes times the
 *              decoder: the authors' rate jumps by 1/tau_out and their decoder is tau_mem D_r^T, the same
 *              0.5 D_r per spike as the spec's decoder on unit jumps)
 *   error      e = x(t) - x_hat (training only, with the teacher's state x)
 *   membrane   V_i += dt/tau_mem_i (v_rest - V_i + I_fast_i + I_slow_i + win_i . u(t) + noise + k F_i . e); V_i >= 0
 *   output     y(t) = readout . x_hat
 * </pre>
 * {@code u} is the drive (the spec's c~ for the mimicking network, the raw input for the BPTT one). As in the
 * authors' JAX layer every neuron above threshold spikes in the step (no sub-step spike timing).
 * Buffers are allocated once: a trial allocates nothing but a growing spike log.
 *
 * <p>Example: {@code new BuchelKernel(chip, w.n(), w.out()).run(chip.program(w), drive, y, null, null, null, null, null)}.
 *
 * <p>Thread-safety: mutable buffers, confined to one thread.
 */
public final class BuchelKernel {
    private final BuchelChip chip;
    private final int n;
    private final double[] v;
    private final double[] iSlow;
    private final double[] iFast;
    private final double[] traces;
    private final double[] err;
    private final int[] spiking;
    private final double[] folded;
    private final double[] aSlow;
    private final double[] cSlow;
    private final double[] alpha;
    private final double[] thresh;
    private final boolean[] dead;
    private final double aFast;
    private final double cFast;
    private final double aOut;

    public BuchelKernel(BuchelChip chip, int neurons, int outputs) {
        this.chip = chip;
        this.n = neurons;
        BuchelParams p = chip.params();
        v = new double[n];
        iSlow = new double[n];
        iFast = new double[n];
        traces = new double[outputs];
        err = new double[outputs];
        spiking = new int[n];
        folded = new double[n];
        aSlow = new double[n];
        cSlow = new double[n];
        alpha = new double[n];
        thresh = new double[n];
        dead = new boolean[n];
        for (int i = 0; i < n; i++) {
            aSlow[i] = decay(p.dt(), chip.tauSlow(i));
            cSlow[i] = 1.0 / chip.tauSlow(i);
            alpha[i] = p.dt() / chip.tauMem(i);
            thresh[i] = chip.vThresh(i);
            dead[i] = chip.dead(i);
        }
        aFast = decay(p.dt(), p.tauFast());
        cFast = p.tauMem() / p.tauFast();
        aOut = decay(p.dt(), p.tauOut());
    }

    /** The per-step decay of a synapse or trace of time constant {@code tau}: {@code exp(-dt / tau)}. */
    public static double decay(double dt, double tau) {
        return Math.exp(-dt / tau);
    }

    /**
     * The teacher's feedback while training: gain {@code k}, projection {@code f} (n x out, row-major), the
     * teacher's state {@code x} (steps x out) and, optionally, where the errors go ({@code errors}, steps x out).
     */
    public record Feedback(double k, double[] f, double[] x, double[] errors) {
    }

    /** The spikes of a trial in time order: step and neuron of each. Grows as needed; {@link #clear} reuses it. */
    public static final class SpikeLog {
        private int[] steps = new int[1024];
        private int[] neurons = new int[1024];
        private int size;

        public void clear() {
            size = 0;
        }

        void add(int step, int neuron) {
            if (size == steps.length) {
                steps = java.util.Arrays.copyOf(steps, 2 * size);
                neurons = java.util.Arrays.copyOf(neurons, 2 * size);
            }
            steps[size] = step;
            neurons[size] = neuron;
            size++;
        }

        public int size() {
            return size;
        }

        public int step(int k) {
            return steps[k];
        }

        public int neuron(int k) {
            return neurons[k];
        }
    }

    /**
     * Runs one trial of {@code y.length} steps of network {@code w} (as programmed on this kernel's chip) on
     * {@code drive} (steps x w.channels(), row-major; with an expansion the per-neuron weight
     * {@code win . expand} is folded once per trial), writing the output to {@code y} and, when not null, the
     * decoded traces to {@code decoded} (steps x out) and each step's membrane before spike detection to
     * {@code membrane}
     * (steps x n), logging spikes to {@code log} and taking {@code feedback} (each of them optional: null).
     * Membrane noise (when the params ask for it) is drawn from {@code noise}. Returns the number of spikes.
     */
    public long run(BuchelWeights w, double[] drive, double[] y, double[] decoded, double[] membrane, Feedback feedback,
                    SpikeLog log, RandomGenerator noise) {
        if (w.n() != n || w.out() != traces.length) {
            throw new IllegalArgumentException("network shape does not match the kernel");
        }
        BuchelParams p = chip.params();
        int steps = y.length;
        int in = w.in();
        int out = w.out();
        double[] win = w.win();
        double[] expand = w.expand();
        int chans = w.channels();
        if (expand != null) {
            for (int i = 0; i < n; i++) {
                double v = 0;
                for (int c = 0; c < in; c++) {
                    v += win[i * in + c] * expand[c];
                }
                folded[i] = v;
            }
        }
        double[] omegaS = w.omegaSlow();
        double[] omegaF = w.omegaFast();
        double[] wout = w.wout();
        double[] readout = w.readout();
        double vRest = p.vRest();
        double vReset = p.vReset();
        double sd = p.noise();
        java.util.Arrays.fill(v, vRest);
        java.util.Arrays.fill(iSlow, 0.0);
        java.util.Arrays.fill(iFast, 0.0);
        java.util.Arrays.fill(traces, 0.0);
        long total = 0;
        for (int t = 0; t < steps; t++) {
            int ns = 0;
            if (membrane != null) {
                System.arraycopy(v, 0, membrane, t * n, n);
            }
            for (int i = 0; i < n; i++) {
                if (dead[i]) {
                    v[i] = vReset;
                } else if (v[i] > thresh[i]) {
                    v[i] = vReset;
                    spiking[ns++] = i;
                }
            }
            for (int i = 0; i < n; i++) {
                iSlow[i] *= aSlow[i];
            }
            if (omegaF != null) {
                for (int i = 0; i < n; i++) {
                    iFast[i] *= aFast;
                }
            }
            for (int m = 0; m < out; m++) {
                traces[m] *= aOut;
            }
            for (int q = 0; q < ns; q++) {
                int j = spiking[q];
                int row = j * n;
                for (int i = 0; i < n; i++) {
                    iSlow[i] += omegaS[row + i] * cSlow[i];
                }
                if (omegaF != null) {
                    for (int i = 0; i < n; i++) {
                        iFast[i] += omegaF[row + i] * cFast;
                    }
                }
                int orow = j * out;
                for (int m = 0; m < out; m++) {
                    traces[m] += wout[orow + m];
                }
                if (log != null) {
                    log.add(t, j);
                }
            }
            total += ns;
            double k = 0;
            double[] f = null;
            if (feedback != null) {
                k = feedback.k();
                f = feedback.f();
                int xoff = t * out;
                for (int m = 0; m < out; m++) {
                    err[m] = feedback.x()[xoff + m] - traces[m];
                }
                if (feedback.errors() != null) {
                    System.arraycopy(err, 0, feedback.errors(), xoff, out);
                }
            }
            int uoff = t * chans;
            for (int i = 0; i < n; i++) {
                double cur = iSlow[i] + iFast[i];
                if (expand != null) {
                    cur += folded[i] * drive[uoff];
                } else {
                    int wrow = i * in;
                    for (int c = 0; c < in; c++) {
                        cur += win[wrow + c] * drive[uoff + c];
                    }
                }
                if (f != null) {
                    double fb = 0;
                    int frow = i * out;
                    for (int m = 0; m < out; m++) {
                        fb += f[frow + m] * err[m];
                    }
                    cur += k * fb;
                }
                if (sd > 0) {
                    cur += sd * noise.nextGaussian();
                }
                double vi = v[i] + alpha[i] * (vRest - v[i] + cur);
                v[i] = vi > 0 ? vi : 0.0;
            }
            double o = 0;
            for (int m = 0; m < out; m++) {
                o += readout[m] * traces[m];
            }
            y[t] = o;
            if (decoded != null) {
                System.arraycopy(traces, 0, decoded, t * out, out);
            }
        }
        return total;
    }
}
