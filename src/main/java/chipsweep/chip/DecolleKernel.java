package chipsweep.chip;

import java.util.Arrays;

/**
 * The forward pass of a {@link DecolleNetwork} over a batch of samples, one step at a time (BISNN.md section 1,
 * in the update order of ../shared/golden/README.md, decolle section). Per layer, per step t, for every input i
 * then every neuron j:
 * <pre>
 * P_i = alpha * P_i + Q_i              (Q of the previous step)
 * Q_i = beta * Q_i + s_in_i[t]
 * R_j = alpha_rp * R_j + s_j[t-1]
 * U_j = scale * (sum_i W[i][j] * P_i) - R_j      (scale = 1/n_in, sum over i ascending)
 * s_j[t] = 1 if U_j > 0 else 0
 * y_k = sum_j B[j][k] * s_j[t]                    (the layer's readout this step)
 * </pre>
 * The input of layer 1 is the sample's input spikes at t, of layer l > 1 the spikes of layer l-1 at the same
 * t. Spikes are counted over all steps; readouts are summed over {@code t >= burn_in}. The prediction is the
 * argmax of the top layer's readout sum, the lower index on ties.
 *
 * <p>Between steps a caller (a learning rule) may read the live state through {@link #trace}, {@link #membrane},
 * {@link #spikes} and {@link #readout} and change the weights it passes to the next {@link #step}.
 *
 * <p>Example:
 * <pre>{@code
 * DecolleKernel k = new DecolleKernel(net, 32);
 * k.run(trains, rows, weights, null);
 * int p = k.prediction(0);
 * }</pre>
 *
 * <p>Allocation-free after construction. Thread-safety: mutable, confined to one thread.
 */
public final class DecolleKernel {
    private final DecolleNetwork net;
    private final int capacity;
    private final int layers;
    private final int classes;
    private final double alpha;
    private final double beta;
    private final double alphaRef;
    private final double[][] p;
    private final double[][] q;
    private final double[][] r;
    private final double[][] u;
    private final double[][] s;
    private final double[][] y;
    private final int[][] counts;
    private final double[][] sums;
    private final double[] input;
    private int rows;
    private int t;

    /** A kernel for batches of up to {@code capacity} samples. */
    public DecolleKernel(DecolleNetwork net, int capacity) {
        if (!(capacity >= 1)) {
            throw new IllegalArgumentException("capacity must be >= 1, but was " + capacity);
        }
        this.net = net;
        this.capacity = capacity;
        this.layers = net.weightLayers();
        this.classes = net.classes();
        this.alpha = net.params().alpha();
        this.beta = net.params().beta();
        this.alphaRef = net.params().alphaRef();
        p = new double[layers][];
        q = new double[layers][];
        r = new double[layers][];
        u = new double[layers][];
        s = new double[layers][];
        y = new double[layers][];
        counts = new int[layers][];
        sums = new double[layers][];
        for (int l = 0; l < layers; l++) {
            int in = net.size(l);
            int out = net.size(l + 1);
            p[l] = new double[capacity * in];
            q[l] = new double[capacity * in];
            r[l] = new double[capacity * out];
            u[l] = new double[capacity * out];
            s[l] = new double[capacity * out];
            y[l] = new double[capacity * classes];
            counts[l] = new int[capacity * out];
            sums[l] = new double[capacity * classes];
        }
        input = new double[capacity * net.size(0)];
        rows = 0;
    }

    /** Clears all state for a new batch of {@code rows} samples; the next step is t = 0. */
    public void reset(int rows) {
        if (!(rows >= 1 && rows <= capacity)) {
            throw new IllegalArgumentException("rows must be in 1.." + capacity + ", but was " + rows);
        }
        this.rows = rows;
        this.t = 0;
        for (int l = 0; l < layers; l++) {
            Arrays.fill(p[l], 0.0);
            Arrays.fill(q[l], 0.0);
            Arrays.fill(r[l], 0.0);
            Arrays.fill(u[l], 0.0);
            Arrays.fill(s[l], 0.0);
            Arrays.fill(y[l], 0.0);
            Arrays.fill(counts[l], 0);
            Arrays.fill(sums[l], 0.0);
        }
    }

    /**
     * Advances one step. {@code in} holds this step's input spikes, {@code rows x n_0} (0.0 or 1.0);
     * {@code w[l]} is layer l's flat {@code n_l x n_{l+1}} weight matrix.
     */
    public void step(double[] in, double[][] w) {
        if (t >= net.steps()) {
            throw new IllegalStateException("all " + net.steps() + " steps are done; reset first");
        }
        boolean readOut = t >= net.burnIn();
        double[] layerIn = in;
        for (int l = 0; l < layers; l++) {
            int nIn = net.size(l);
            int nOut = net.size(l + 1);
            double scale = 1.0 / nIn;
            double[] wl = w[l];
            double[] pl = p[l];
            double[] ql = q[l];
            double[] rl = r[l];
            double[] ul = u[l];
            double[] sl = s[l];
            double[] yl = y[l];
            double[] b = net.readoutView(l);
            int[] cl = counts[l];
            double[] suml = sums[l];
            for (int n = 0; n < rows; n++) {
                int pi = n * nIn;
                for (int i = 0; i < nIn; i++) {
                    pl[pi + i] = alpha * pl[pi + i] + ql[pi + i];
                    ql[pi + i] = beta * ql[pi + i] + layerIn[pi + i];
                }
                int uj = n * nOut;
                for (int j = 0; j < nOut; j++) {
                    ul[uj + j] = 0.0;
                }
                for (int i = 0; i < nIn; i++) { // ascending i for every j: the reference's summation order
                    double pv = pl[pi + i];
                    if (pv != 0.0) {
                        int row = i * nOut;
                        for (int j = 0; j < nOut; j++) {
                            ul[uj + j] = ul[uj + j] + wl[row + j] * pv;
                        }
                    }
                }
                int yk = n * classes;
                for (int k = 0; k < classes; k++) {
                    yl[yk + k] = 0.0;
                }
                for (int j = 0; j < nOut; j++) {
                    rl[uj + j] = alphaRef * rl[uj + j] + sl[uj + j];
                    double v = scale * ul[uj + j] - rl[uj + j];
                    ul[uj + j] = v;
                    if (v > 0) {
                        sl[uj + j] = 1.0;
                        cl[uj + j]++;
                        int row = j * classes;
                        for (int k = 0; k < classes; k++) {
                            yl[yk + k] = yl[yk + k] + b[row + k];
                        }
                    } else {
                        sl[uj + j] = 0.0;
                    }
                }
                if (readOut) {
                    for (int k = 0; k < classes; k++) {
                        suml[yk + k] = suml[yk + k] + yl[yk + k];
                    }
                }
            }
            layerIn = sl;
        }
        t++;
    }

    /**
     * Resets and runs all steps of the samples {@code sampleRows} of {@code x} (at most the capacity). If
     * {@code membranesOfFirst} is not null, {@code membranesOfFirst[l][t]} receives layer l's U of the first
     * of those samples at step t (arrays of {@code n_{l+1}}).
     */
    public void run(SpikeTrains x, int[] sampleRows, double[][] w, double[][][] membranesOfFirst) {
        if (x.inputs() != net.size(0) || x.steps() != net.steps()) {
            throw new IllegalArgumentException("spike trains must have " + net.steps() + " steps of " + net.size(0)
                    + " inputs, but were " + x);
        }
        reset(sampleRows.length);
        int n0 = net.size(0);
        for (int step = 0; step < net.steps(); step++) {
            for (int n = 0; n < sampleRows.length; n++) {
                x.copyStep(sampleRows[n], step, input, n * n0);
            }
            step(input, w);
            if (membranesOfFirst != null) {
                for (int l = 0; l < layers; l++) {
                    System.arraycopy(u[l], 0, membranesOfFirst[l][step], 0, net.size(l + 1));
                }
            }
        }
    }

    /** The network. */
    public DecolleNetwork network() {
        return net;
    }

    /** Rows of the current batch. */
    public int rows() {
        return rows;
    }

    /** The next step to run (= steps run since reset). */
    public int time() {
        return t;
    }

    /** Live view of layer l's presynaptic membrane trace P, {@code rows x n_l}: read, never write. */
    public double[] trace(int l) {
        return p[l];
    }

    /** Live view of layer l's membranes U of the last step, {@code rows x n_{l+1}}. */
    public double[] membrane(int l) {
        return u[l];
    }

    /** Live view of layer l's spikes of the last step, {@code rows x n_{l+1}} (0.0 or 1.0). */
    public double[] spikes(int l) {
        return s[l];
    }

    /** Live view of layer l's readout of the last step, {@code rows x classes}. */
    public double[] readout(int l) {
        return y[l];
    }

    /** Spikes of neuron j of layer l (0-based LIF layer) for batch row n, over all steps so far. */
    public int count(int l, int n, int j) {
        return counts[l][n * net.size(l + 1) + j];
    }

    /** Layer l's readout for class k, batch row n, summed over the steps {@code t >= burn_in} so far. */
    public double readoutSum(int l, int n, int k) {
        return sums[l][n * classes + k];
    }

    /** The argmax of the top layer's readout sum for batch row n, the lower index on ties. */
    public int prediction(int n) {
        double[] top = sums[layers - 1];
        int best = 0;
        for (int k = 1; k < classes; k++) {
            if (top[n * classes + k] > top[n * classes + best]) {
                best = k;
            }
        }
        return best;
    }
}
