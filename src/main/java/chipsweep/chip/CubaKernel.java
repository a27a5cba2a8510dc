package chipsweep.chip;

import java.util.Arrays;
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
 * chip's copy (quantised if the chip quantises). State is sized for one sample and allocated once: a pass
 * allocates nothing.
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
    /** The on-chip weights, flat ({@code W1[i * H + j]}, {@code W2[j * K + k]}) and W1 as one array per input. */
    private final double[] w1;
    private final double[] w2;
    private final double[][] w1Rows;
    private final double[][] w2Rows;
    // The chip's neurons (CubaPhysics is immutable; its arrays are never modified).
    private final double[] hAlpha;
    private final double[] hBeta;
    private final double[] hTheta;
    private final double[] oAlpha;
    private final double[] oBeta;
    private final double noiseSd;
    private final double clip;
    private boolean programmed;
    // Per-sample state, reused.
    private final double[] cur;
    private final double[] mem;
    private final double[] spk;
    private final double[] acc;
    private final int[] fired;
    private final double[] oCur;
    private final double[] oMem;
    private final double[] oAcc;
    private final double[] oMax;

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
        hAlpha = physics.ha();
        hBeta = physics.hb();
        hTheta = physics.ht();
        oAlpha = physics.oa();
        oBeta = physics.ob();
        noiseSd = physics.noiseSd();
        clip = physics.outputClip();
        cur = new double[hidden];
        mem = new double[hidden];
        spk = new double[hidden];
        acc = new double[hidden];
        fired = new int[hidden];
        oCur = new double[outputs];
        oMem = new double[outputs];
        oAcc = new double[outputs];
        oMax = new double[outputs];
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
            sample(x, order == null ? from + r : order[from + r], r, out, null, noise);
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
            sample(x, order == null ? from + r : order[from + r], r, rec.readout, rec, noise);
        }
    }

    /** Sample {@code n} of {@code x} into row {@code row} of {@code out} (and of {@code rec} if not null). */
    private void sample(CubaInput x, int n, int row, CubaReadout out, CubaRecording rec, RandomGenerator noise) {
        final int h = hidden;
        final int k = outputs;
        final int[] counts = out.hiddenCounts;
        final int cBase = row * h;
        Arrays.fill(cur, 0.0);
        Arrays.fill(mem, 0.0);
        Arrays.fill(spk, 0.0);
        Arrays.fill(oCur, 0.0);
        Arrays.fill(oMem, 0.0);
        Arrays.fill(oMax, Double.NEGATIVE_INFINITY);
        Arrays.fill(counts, cBase, cBase + h, 0);
        final int[] start = x.start;
        final int[] index = x.index;
        for (int t = 0; t < steps; t++) {
            final int e0 = start[n * steps + t];
            final int e1 = start[n * steps + t + 1];
            if (e0 < e1) {
                inputCurrents(index, e0, e1);
            } else {
                Arrays.fill(acc, 0.0); // alpha * I + 0.0, as the reference's empty sum
            }
            if (noise == null || noiseSd == 0.0) {
                hiddenStep();
            } else {
                hiddenStep(noise);
            }
            final int nFired = fired();
            for (int f = 0; f < nFired; f++) {
                counts[cBase + fired[f]]++;
            }
            outputCurrents(nFired);
            outputStep(noise);
            if (rec != null) {
                final int base = (row * steps + t) * h;
                System.arraycopy(mem, 0, rec.hiddenMembrane, base, h);
                System.arraycopy(spk, 0, rec.hiddenSpikes, base, h);
                System.arraycopy(oMem, 0, rec.outputMembrane, (row * steps + t) * k, k);
            }
        }
        int best = 0;
        for (int o = 0; o < k; o++) {
            out.outputMax[row * k + o] = oMax[o];
            if (oMax[o] > oMax[best]) {
                best = o;
            }
        }
        out.predictions[row] = best;
    }

    /**
     * {@code I = alpha I + acc}, {@code V = beta (V (1 - s)) + I}, {@code s = V > theta} for every hidden neuron,
     * branch-free: for finite doubles {@code V - theta > 0} exactly when {@code V > theta}, and
     * {@code min(1, max(0, ceil(V - theta)))} is then 1.0 and otherwise +0.0 (so the loop vectorises; a
     * conditional here cost twice the time of the whole pass's input currents).
     */
    private void hiddenStep() {
        final double[] c = cur;
        final double[] v = mem;
        final double[] s = spk;
        final double[] a = acc;
        final double[] al = hAlpha;
        final double[] be = hBeta;
        final double[] th = hTheta;
        for (int j = 0; j < hidden; j++) {
            c[j] = al[j] * c[j] + a[j];
        }
        for (int j = 0; j < hidden; j++) { // one loop with the one above stays scalar: 1.5x slower
            final double u = be[j] * (v[j] * (1.0 - s[j])) + c[j];
            v[j] = u;
            s[j] = Math.min(1.0, Math.max(0.0, Math.ceil(u - th[j])));
        }
    }

    /** {@link #hiddenStep()} with membrane noise {@code sd * z} added to each V after its update, j ascending. */
    private void hiddenStep(RandomGenerator noise) {
        for (int j = 0; j < hidden; j++) {
            final double i = hAlpha[j] * cur[j] + acc[j];
            cur[j] = i;
            final double u = (hBeta[j] * (mem[j] * (1.0 - spk[j])) + i) + noiseSd * noise.nextGaussian();
            mem[j] = u;
            spk[j] = u > hTheta[j] ? 1.0 : 0.0;
        }
    }

    /** Writes the hidden neurons that spiked this step into {@code fired}, ascending; returns how many. */
    private int fired() {
        int nFired = 0;
        final double[] s = spk;
        final int[] f = fired;
        for (int j = 0; j < hidden; j++) {
            f[nFired] = j;
            nFired += (int) s[j];
        }
        return nFired;
    }

    /** {@code oAcc = 0.0 + W2[j_0] + W2[j_1] + ...} over the hidden neurons that fired, ascending, two rows a pass. */
    private void outputCurrents(int nFired) {
        final double[] a = oAcc;
        final int k = outputs;
        Arrays.fill(a, 0.0);
        int f = 0;
        for (; f + 1 < nFired; f += 2) {
            final double[] r0 = w2Rows[fired[f]];
            final double[] r1 = w2Rows[fired[f + 1]];
            for (int o = 0; o < k; o++) {
                a[o] = (a[o] + r0[o]) + r1[o];
            }
        }
        if (f < nFired) {
            final double[] r0 = w2Rows[fired[f]];
            for (int o = 0; o < k; o++) {
                a[o] = a[o] + r0[o];
            }
        }
    }

    /** {@code I_k = alpha_k I_k + acc_k}, {@code V_k = beta_k V_k + I_k} (+ noise, then clipping), running max. */
    private void outputStep(RandomGenerator noise) {
        final boolean noisy = noise != null && noiseSd > 0;
        for (int o = 0; o < outputs; o++) {
            final double c = oAlpha[o] * oCur[o] + oAcc[o];
            oCur[o] = c;
            double v = oBeta[o] * oMem[o] + c;
            if (noisy) {
                v = v + noiseSd * noise.nextGaussian();
            }
            v = Math.max(-clip, Math.min(clip, v));
            oMem[o] = v;
            if (v > oMax[o]) {
                oMax[o] = v;
            }
        }
    }

    /**
     * {@code acc = 0.0 + W1[i_0] + W1[i_1] + ...} over the inputs {@code index[e0 .. e1)}, in that order, up to
     * four rows per pass over acc. Each row is its own array so that every access in a loop has offset 0, which
     * is what the JIT's vectoriser needs (a flat {@code w1[r + j]} stayed scalar: 3x slower).
     */
    private void inputCurrents(int[] index, int e0, int e1) {
        final int h = hidden;
        final double[] a = acc;
        final double[] r0 = w1Rows[index[e0]];
        int e = e0 + 1;
        if (e + 2 < e1) {
            final double[] r1 = w1Rows[index[e]];
            final double[] r2 = w1Rows[index[e + 1]];
            final double[] r3 = w1Rows[index[e + 2]];
            for (int j = 0; j < h; j++) {
                a[j] = (((0.0 + r0[j]) + r1[j]) + r2[j]) + r3[j];
            }
            e += 3;
        } else {
            for (int j = 0; j < h; j++) {
                a[j] = 0.0 + r0[j];
            }
        }
        for (; e + 3 < e1; e += 4) {
            final double[] r1 = w1Rows[index[e]];
            final double[] r2 = w1Rows[index[e + 1]];
            final double[] r3 = w1Rows[index[e + 2]];
            final double[] r4 = w1Rows[index[e + 3]];
            for (int j = 0; j < h; j++) {
                a[j] = (((a[j] + r1[j]) + r2[j]) + r3[j]) + r4[j];
            }
        }
        for (; e < e1; e++) {
            final double[] r1 = w1Rows[index[e]];
            for (int j = 0; j < h; j++) {
                a[j] = a[j] + r1[j];
            }
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
