package chipsweep.chip;

import java.util.random.RandomGenerator;

/**
 * The current-based LIF forward pass of {@code spec/CRAMER.md} section 3 on one chip instance
 * ({@link CubaPhysics}), event-driven over sparse spike-raster inputs ({@link CubaInput}). For t = 0..T-1, all
 * state 0 before t = 0:
 * <pre>
 *   hidden:  I_j = alpha_j I_j + acc_j,  acc_j = 0.0 + W1[i][j] + ... over the inputs i spiking at t, ascending
 *            V_j = beta_j (V_j (1 - s_j)) + I_j      (hard reset: s_j of step t-1)
 *            s_j = V_j > theta_j                      (strict)
 *   output:  I_k = alpha_k I_k + acc_k,  acc_k = 0.0 + W2[j][k] + ... over the hidden j spiking at t, ascending
 *            V_k = beta_k V_k + I_k                   (no threshold, no reset)
 *   readout: y_k = max_t V_k,  prediction = argmax_k y_k (lower index on ties)
 * </pre>
 * These are the golden files' summation orders, so a pass reproduces them bit for bit where the reference
 * does. Sparsity is used twice: a step without input spikes adds no row of W1 (only {@code alpha I + 0.0}),
 * and the output currents add only the W2 rows of the hidden neurons that spiked. With membrane noise
 * ({@link CubaPhysics#withMembraneNoise}) each step adds {@code sd * z} to every hidden membrane (j ascending),
 * then to every output membrane (k ascending), z drawn by {@code nextGaussian()} of the generator of the pass,
 * samples in order; output clipping then bounds each {@code V_k} to {@code [-v_clip, v_clip]}, and the clipped
 * value is the state carried to the next step.
 *
 * <p>Weights are flat and row-major, {@code W1[i * H + j]}, {@code W2[j * K + k]}; {@link #program} stores the
 * chip's copy (quantised if the chip quantises). State is sized for one sample and allocated once (in the
 * package-private {@link CubaPass}, which holds the loops): a pass allocates nothing.
 *
 * <p>Example:
 * <pre>{@code
 * CubaKernel kernel = new CubaKernel(CubaPhysics.ideal(CubaNetwork.defaults(256, 10)));
 * kernel.program(w1, w2);
 * CubaReadout out = new CubaReadout(kernel.network(), x.samples());
 * kernel.forward(x, out);
 * }</pre>
 *
 * <p>Thread-safety: mutable, confined to one thread.
 */
public final class CubaKernel {
    private final CubaPhysics physics;
    private final int inputs;
    private final int hidden;
    private final int outputs;
    private final int steps;
    /** The on-chip weights, flat ({@code W1[i * H + j]}, {@code W2[j * K + k]}) and as one array per row. */
    private final double[] w1;
    private final double[] w2;
    private final double[][] w1Rows;
    private final double[][] w2Rows;
    private final CubaPass pass;
    private boolean programmed;

    public CubaKernel(CubaPhysics physics) {
        if (physics == null) {
            throw new IllegalArgumentException("a chip physics must be given");
        }
        CubaNetwork net = physics.network();
        this.physics = physics;
        this.inputs = net.inputs();
        this.hidden = net.hidden();
        this.outputs = net.outputs();
        this.steps = net.steps();
        this.w1 = new double[net.hiddenWeightCount()];
        this.w2 = new double[net.outputWeightCount()];
        this.w1Rows = new double[inputs][hidden];
        this.w2Rows = new double[hidden][outputs];
        this.pass = new CubaPass(physics, w1Rows, w2Rows);
    }

    public CubaNetwork network() {
        return physics.network();
    }

    public CubaPhysics physics() {
        return physics;
    }

    /**
     * Programs {@code w1} (inputs x hidden) and {@code w2} (hidden x outputs), flat row-major, every weight
     * finite; the chip keeps its own (quantised) copy.
     */
    public void program(double[] w1Programmed, double[] w2Programmed) {
        check("W1", w1Programmed, w1.length);
        check("W2", w2Programmed, w2.length);
        physics.onChipWeights(w1Programmed, w2Programmed, w1, w2);
        for (int i = 0; i < inputs; i++) {
            System.arraycopy(w1, i * hidden, w1Rows[i], 0, hidden);
        }
        for (int j = 0; j < hidden; j++) {
            System.arraycopy(w2, j * outputs, w2Rows[j], 0, outputs);
        }
        programmed = true;
    }

    /** The weights on the chip, layer 0 (W1) or 1 (W2), as a copy. */
    public double[] onChipWeights(int layer) {
        if (layer != 0 && layer != 1) {
            throw new IllegalArgumentException("layer must be 0 or 1, but was " + layer);
        }
        return (layer == 0 ? w1 : w2).clone();
    }

    /** Whether a pass always gives the same outputs (no membrane noise). */
    public boolean deterministic() {
        return physics.noiseSd() == 0.0;
    }

    /** Runs every sample of {@code x} on a chip without membrane noise. */
    public void forward(CubaInput x, CubaReadout out) {
        forward(x, out, null);
    }

    /**
     * Runs every sample of {@code x} and fills {@code out}; {@code noise} supplies this pass's membrane noise
     * and must be given exactly when the chip has noise (it is ignored otherwise). A chip's k-th evaluation
     * would use e.g. {@code Streams.generator(Seeds.child(noiseSeed, k))}.
     */
    public void forward(CubaInput x, CubaReadout out, RandomGenerator noise) {
        forward(x, null, 0, x.samples(), out, noise);
    }

    /**
     * Runs the samples {@code order[from]}, ..., {@code order[to - 1]} of {@code x} (samples {@code from .. to}
     * if {@code order} is null) into rows {@code 0 .. to - from} of {@code out}, which is sized for exactly
     * {@code to - from} samples: a minibatch of a large input set. Without noise each sample's result is the
     * same as in a whole-batch pass.
     */
    public void forward(CubaInput x, int[] order, int from, int to, CubaReadout out, RandomGenerator noise) {
        checkPass(x, order, from, to, out.samples, out.hidden, out.outputs, noise);
        for (int r = 0; r < to - from; r++) {
            pass.run(x, order == null ? from + r : order[from + r], r, out, null, noise);
        }
    }

    /** Like {@link #forward(CubaInput, CubaReadout, RandomGenerator)}, also writing down every step's state. */
    public void record(CubaInput x, CubaRecording rec, RandomGenerator noise) {
        record(x, null, 0, x.samples(), rec, noise);
    }

    /**
     * Like {@link #forward(CubaInput, int[], int, int, CubaReadout, RandomGenerator)}, also writing down every
     * step's hidden spikes and membranes and output membranes into rows {@code 0 .. to - from} of {@code rec}.
     */
    public void record(CubaInput x, int[] order, int from, int to, CubaRecording rec, RandomGenerator noise) {
        checkPass(x, order, from, to, rec.samples, rec.hidden, rec.outputs, noise);
        if (rec.steps != steps) {
            throw new IllegalArgumentException("recording has " + rec.steps + " steps, the chip runs " + steps);
        }
        for (int r = 0; r < to - from; r++) {
            pass.run(x, order == null ? from + r : order[from + r], r, rec.readout, rec, noise);
        }
    }

    private void checkPass(CubaInput x, int[] order, int from, int to, int samples, int h, int k,
                           RandomGenerator noise) {
        if (!programmed) {
            throw new IllegalStateException("program the chip's weights before running it");
        }
        if (x.inputs() != inputs || x.steps() != steps) {
            throw new IllegalArgumentException("inputs have " + x.inputs() + " inputs and " + x.steps()
                    + " steps, the chip expects " + inputs + " and " + steps);
        }
        int available = order == null ? x.samples() : order.length;
        if (!(from >= 0 && from <= to && to <= available)) {
            throw new IllegalArgumentException("sample range [" + from + ", " + to + ") must lie in [0, " + available
                    + "]");
        }
        if (samples != to - from || h != hidden || k != outputs) {
            throw new IllegalArgumentException("output buffer sized for " + samples + " samples of " + h + "-" + k
                    + ", the pass has " + (to - from) + " samples of " + hidden + "-" + outputs);
        }
        if (order != null) {
            for (int r = from; r < to; r++) {
                if (!(order[r] >= 0 && order[r] < x.samples())) {
                    throw new IllegalArgumentException("order[" + r + "] must be a sample in [0, " + x.samples()
                            + "), but was " + order[r]);
                }
            }
        }
        if (noise == null && physics.noiseSd() > 0) {
            throw new IllegalArgumentException("a chip with membrane noise sd " + physics.noiseSd()
                    + " needs a noise generator for each pass");
        }
    }

    private static void check(String name, double[] w, int n) {
        if (w == null || w.length != n) {
            throw new IllegalArgumentException(name + " must have " + n + " entries, but had "
                    + (w == null ? "none" : w.length));
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(w[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] must be finite, but was " + w[i]);
            }
        }
    }
}
