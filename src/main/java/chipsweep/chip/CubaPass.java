package chipsweep.chip;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The per-sample loops of {@link CubaKernel} and their state (one sample's currents, membranes and spikes,
 * allocated once). The weights are the kernel's row arrays, shared: programming the kernel rewrites them in
 * place. The kernel checks every argument; this class checks nothing.
 *
 * <p>Thread-safety: mutable, confined to the thread of its kernel.
 */
final class CubaPass {
    private final int hidden;
    private final int outputs;
    private final int steps;
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
    // One sample's state, reused.
    private final double[] cur;
    private final double[] mem;
    private final double[] spk;
    private final double[] acc;
    private final double[] hNoise;
    private final int[] fired;
    private final double[] oCur;
    private final double[] oMem;
    private final double[] oAcc;
    private final double[] oMax;

    CubaPass(CubaPhysics physics, double[][] w1Rows, double[][] w2Rows) {
        CubaNetwork net = physics.network();
        hidden = net.hidden();
        outputs = net.outputs();
        steps = net.steps();
        this.w1Rows = w1Rows;
        this.w2Rows = w2Rows;
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
        hNoise = new double[hidden];
        fired = new int[hidden];
        oCur = new double[outputs];
        oMem = new double[outputs];
        oAcc = new double[outputs];
        oMax = new double[outputs];
    }

    /** Runs sample {@code n} of {@code x} into row {@code row} of {@code out} (and of {@code rec} if not null). */
    void run(CubaInput x, int n, int row, CubaReadout out, CubaRecording rec, RandomGenerator noise) {
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

    /**
     * {@link #hiddenStep()} with membrane noise {@code sd * z} added to each V after its update, j ascending. The
     * step's z are drawn first into a buffer (the same draws in the same order), so that the update loops stay
     * branch-free and vectorise: drawing inside the loop made a noisy pass 3x slower than a quiet one.
     */
    private void hiddenStep(RandomGenerator noise) {
        final double[] z = hNoise;
        for (int j = 0; j < hidden; j++) {
            z[j] = noise.nextGaussian();
        }
        final double[] c = cur;
        final double[] v = mem;
        final double[] s = spk;
        final double[] a = acc;
        final double[] al = hAlpha;
        final double[] be = hBeta;
        final double[] th = hTheta;
        final double sd = noiseSd;
        for (int j = 0; j < hidden; j++) {
            c[j] = al[j] * c[j] + a[j];
        }
        for (int j = 0; j < hidden; j++) {
            final double u = (be[j] * (v[j] * (1.0 - s[j])) + c[j]) + sd * z[j];
            v[j] = u;
            s[j] = Math.min(1.0, Math.max(0.0, Math.ceil(u - th[j])));
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
}
