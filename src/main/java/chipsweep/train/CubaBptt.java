package chipsweep.train;

import chipsweep.chip.CubaInput;
import chipsweep.chip.CubaNetwork;
import chipsweep.chip.CubaRecording;
import java.util.Arrays;

/**
 * Backpropagation through time for the current-based network of {@code spec/CRAMER.md} section 3 with the
 * injection trick of section 4: the backward pass runs through the <em>ideal</em> model's equations (nominal
 * {@code alpha = exp(-dt/tau_s)}, {@code beta = exp(-dt/tau_m)}, {@code theta} of the {@link CubaNetwork}, the
 * host's W2) while every forward value it needs is the <em>measured</em> one of a {@link CubaRecording}: hidden
 * spikes (output currents, W2's gradient, the reset mask, the activity term) and hidden membranes (the
 * surrogate). With the recursions run backward from t = T-1 (all adjoints 0 after the last step):
 * <pre>
 *   output:  gVo_k[t] = beta gVo_k[t+1] + [t = t*_k] dL/dy_k          (max-over-time readout)
 *            gIo_k[t] = alpha gIo_k[t+1] + gVo_k[t]
 *            dW2[j][k] += s_j[t] gIo_k[t]
 *   hidden:  gS_j[t]  = sum_k W2[j][k] gIo_k[t] + dL/ds_j[t]           (activity term, {@link CubaLoss})
 *            gV_j[t]  = gS_j[t] sigma'(V_j[t]) + beta (1 - s_j[t]) gV_j[t+1]
 *            gI_j[t]  = alpha gI_j[t+1] + gV_j[t]
 *            dW1[i][j] += gI_j[t]  for every input i spiking at step t (sparse: only the input events)
 *   surrogate (SuperSpike): sigma'(V) = 1 / (beta_sg |V - theta| + 1)^2 at the measured V
 * </pre>
 * <b>Reset: detached.</b> The hard reset {@code V[t+1] = beta V[t] (1 - s[t]) + I[t+1]} is differentiated with the
 * mask {@code (1 - s[t])} held constant at its measured value: no gradient flows through {@code s[t]} in the reset
 * term (the usual choice, e.g. Zenke and Vogels 2021); a neuron that spiked at t passes nothing from
 * {@code V[t+1]} back to {@code V[t]}. {@code CubaBpttGradientTest} checks exactly this: the pass equals central
 * finite differences of a smooth stand-in whose reset mask is frozen.
 *
 * <p><b>What the ideal model leaves out.</b> The chip's per-neuron decays and thresholds, its quantised weights
 * (the host's full-precision W2 is used), its noise and its output clipping do not enter the Jacobians; they act
 * only through the measured spikes and membranes, which is the point of in-the-loop training.
 *
 * <p><b>Currents.</b> The synaptic currents are not measured, and their Jacobians ({@code alpha}, and the weights
 * applied to measured spikes) do not depend on their values, so the recomputed currents never enter the
 * gradient: only the measured spikes and membranes do.
 *
 * <p>Gradients are of the batch-mean loss and overwrite {@code gW1} (flat {@code [i * H + j]}) and {@code gW2}
 * (flat {@code [j * K + k]}). All buffers are allocated at construction: a backward pass allocates nothing.
 *
 * <p>Example:
 * <pre>{@code
 * chip.record(x, order, from, to, rec);
 * loss.evaluate(rec, to - from, labels, order, from);
 * bptt.backward(x, order, from, rec, loss, w2, gW1, gW2);
 * }</pre>
 *
 * <p>Thread-safety: mutable, confined to one thread.
 */
public final class CubaBptt {
    private final int inputs;
    private final int hidden;
    private final int outputs;
    private final int steps;
    private final double alpha;
    private final double beta;
    private final double theta;
    private final double sgBeta;
    private final double[][] w2T;
    private final double[][] gW1Rows;
    private final double[] gV;
    private final double[] gI;
    private final double[] gS;
    private final double[] gVo;
    private final double[] vRow;
    private final double[] keepRow;
    private final double[] gIo;

    public CubaBptt(CubaNetwork net, double surrogateBeta) {
        MhSettings.require(surrogateBeta > 0 && Double.isFinite(surrogateBeta), "surrogate_beta must be > 0 and finite",
                surrogateBeta);
        this.inputs = net.inputs();
        this.hidden = net.hidden();
        this.outputs = net.outputs();
        this.steps = net.steps();
        this.alpha = net.nominalAlpha();
        this.beta = net.nominalBeta();
        this.theta = net.theta();
        this.sgBeta = surrogateBeta;
        this.w2T = new double[outputs][hidden];
        this.gW1Rows = new double[inputs][hidden];
        this.gV = new double[hidden];
        this.gI = new double[hidden];
        this.gS = new double[hidden];
        this.gVo = new double[outputs];
        this.vRow = new double[hidden];
        this.keepRow = new double[hidden];
        this.gIo = new double[outputs];
    }

    /**
     * The gradient of the loss {@code loss} last evaluated on {@code rec}, whose rows are samples
     * {@code order[from ..]} of {@code x} ({@code from ..} if {@code order} is null), for host weights with
     * hidden-to-output matrix {@code w2}.
     */
    public void backward(CubaInput x, int[] order, int from, CubaRecording rec, CubaLoss loss, double[] w2,
                         double[] gW1, double[] gW2) {
        if (loss.rows() > rec.samples()) {
            throw new IllegalArgumentException("the loss covers " + loss.rows() + " rows, the recording "
                    + rec.samples());
        }
        backward(x, order, from, loss.rows(), rec.hiddenSpikes(), rec.hiddenSpikes(), rec.hiddenMembrane(), loss, w2,
                gW1, gW2);
    }

    /**
     * The pass on flat traces: {@code spikes} where the forward pass used s (output currents, W2's gradient),
     * {@code resetMask} where it reset (the two are the same array for a recording; a test's smooth stand-in
     * separates them) and {@code membrane} for the surrogate.
     */
    void backward(CubaInput x, int[] order, int from, int rows, double[] spikes, double[] resetMask,
                  double[] membrane, CubaLoss loss, double[] w2, double[] gW1, double[] gW2) {
        final int h = hidden;
        final int k = outputs;
        if (w2.length != h * k || gW2.length != h * k || gW1.length != inputs * h) {
            throw new IllegalArgumentException("weights and gradients must be " + inputs + " x " + h + " and " + h
                    + " x " + k);
        }
        if (x.inputs() != inputs || x.steps() != steps) {
            throw new IllegalArgumentException("inputs have " + x.inputs() + " inputs and " + x.steps()
                    + " steps, the network " + inputs + " and " + steps);
        }
        begin(w2, gW2);
        accumulate(x, order, from, rows, spikes, resetMask, membrane, loss, gW2);
        end(gW1);
    }

    /** Starts a minibatch's gradient: host weights {@code w2}, gradients set to 0. */
    void begin(double[] w2, double[] gW2) {
        final int h = hidden;
        final int k = outputs;
        for (int j = 0; j < h; j++) {
            for (int o = 0; o < k; o++) {
                w2T[o][j] = w2[j * k + o];
            }
        }
        for (double[] row : gW1Rows) {
            Arrays.fill(row, 0.0);
        }
        Arrays.fill(gW2, 0.0);
    }

    /**
     * Adds the gradient of {@code rows} recorded samples ({@code order[from ..]} of {@code x}) to the minibatch's:
     * parts of a minibatch accumulated in order give the same sums, bit for bit, as the whole minibatch at once.
     */
    void accumulate(CubaInput x, int[] order, int from, CubaRecording rec, CubaLoss loss, double[] gW2) {
        accumulate(x, order, from, loss.rows(), rec.hiddenSpikes(), rec.hiddenSpikes(), rec.hiddenMembrane(), loss,
                gW2);
    }

    private void accumulate(CubaInput x, int[] order, int from, int rows, double[] spikes, double[] resetMask,
                            double[] membrane, CubaLoss loss, double[] gW2) {
        for (int r = 0; r < rows; r++) {
            sample(x, order == null ? from + r : order[from + r], r, spikes, resetMask, membrane, loss, gW2);
        }
    }

    /** Writes the minibatch's W1 gradient, flat {@code [i * H + j]}. */
    void end(double[] gW1) {
        final int h = hidden;
        for (int i = 0; i < inputs; i++) {
            System.arraycopy(gW1Rows[i], 0, gW1, i * h, h);
        }
    }

    /**
     * {@code gS += W2 gIo}, four outputs per pass over gS, so gS is loaded and stored once per four outputs (the
     * gain over one output per pass was within the noise of a shared machine; the copied-out rows below were not).
     */
    private void outputToHidden() {
        final int h = hidden;
        final double[] gs = gS;
        final double[] go = gIo;
        int o = 0;
        for (; o + 3 < outputs; o += 4) {
            final double[] r0 = w2T[o];
            final double[] r1 = w2T[o + 1];
            final double[] r2 = w2T[o + 2];
            final double[] r3 = w2T[o + 3];
            final double g0 = go[o];
            final double g1 = go[o + 1];
            final double g2 = go[o + 2];
            final double g3 = go[o + 3];
            for (int j = 0; j < h; j++) {
                gs[j] = gs[j] + r0[j] * g0 + r1[j] * g1 + r2[j] * g2 + r3[j] * g3;
            }
        }
        for (; o < outputs; o++) {
            final double[] r0 = w2T[o];
            final double g0 = go[o];
            for (int j = 0; j < h; j++) {
                gs[j] = gs[j] + r0[j] * g0;
            }
        }
    }

    private void sample(CubaInput x, int n, int r, double[] spikes, double[] resetMask, double[] membrane,
                        CubaLoss loss, double[] gW2) {
        final int h = hidden;
        final int k = outputs;
        final double[] dY = loss.dY;
        final int[] argStep = loss.argStep;
        final double[] dCount = loss.dCount;
        final int cBase = r * h;
        final double a = alpha;
        final double b = beta;
        final double th = theta;
        final double sg = sgBeta;
        final double[] gv = gV;
        final double[] gi = gI;
        final double[] gs = gS;
        Arrays.fill(gv, 0.0);
        Arrays.fill(gi, 0.0);
        Arrays.fill(gVo, 0.0);
        Arrays.fill(gIo, 0.0);
        int lastArg = 0;
        for (int o = 0; o < k; o++) {
            lastArg = Math.max(lastArg, argStep[r * k + o]);
        }
        for (int t = steps - 1; t >= 0; t--) {
            final int base = (r * steps + t) * h;
            if (t <= lastArg) {
                for (int o = 0; o < k; o++) {
                    double gvo = b * gVo[o] + (argStep[r * k + o] == t ? dY[r * k + o] : 0.0);
                    gVo[o] = gvo;
                    gIo[o] = a * gIo[o] + gvo;
                }
                System.arraycopy(dCount, cBase, gs, 0, h);
                outputToHidden();
                for (int j = 0; j < h; j++) {
                    final double s = spikes[base + j];
                    if (s != 0.0) {
                        final int wBase = j * k;
                        for (int o = 0; o < k; o++) {
                            gW2[wBase + o] += s * gIo[o];
                        }
                    }
                }
            } else {
                System.arraycopy(dCount, cBase, gs, 0, h);
            }
            // Rows copied out first: a loop whose accesses all have offset 0 vectorises (see CubaPass), 2x faster.
            System.arraycopy(membrane, base, vRow, 0, h);
            System.arraycopy(resetMask, base, keepRow, 0, h);
            final double[] vr = vRow;
            final double[] kr = keepRow;
            for (int j = 0; j < h; j++) {
                final double d = sg * Math.abs(vr[j] - th) + 1.0;
                final double v = gs[j] / (d * d) + b * (1.0 - kr[j]) * gv[j];
                gv[j] = v;
                gi[j] = a * gi[j] + v;
            }
            final int e1 = x.eventStart(n, t + 1);
            for (int e = x.eventStart(n, t); e < e1; e++) {
                final double[] row = gW1Rows[x.event(e)];
                for (int j = 0; j < h; j++) {
                    row[j] += gi[j];
                }
            }
        }
    }
}
