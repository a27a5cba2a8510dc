package chipsweep.chip;

/**
 * A current-based chip pass written down in full, as the chip's ADCs would read it for in-the-loop training
 * ({@code spec/CRAMER.md} section 4): hidden spikes (0.0 or 1.0), hidden membranes {@code V_j[t]} (after the
 * update, before the next step's reset) and output membranes {@code V_k[t]}, plus the {@link CubaReadout} of
 * the same pass. Synaptic currents are not measured (the trainer recomputes them from the spikes).
 *
 * <p>Layout (flat): sample n, step t at {@code (n * T + t) * H + j} for the hidden arrays and
 * {@code (n * T + t) * K + k} for the output membranes. A buffer: each recording overwrites it.
 *
 * <p>Example: {@code CubaRecording r = new CubaRecording(net, 100); kernel.record(x, r, null); r.hiddenMembrane();}
 *
 * <p>Thread-safety: mutable, confined to one thread.
 */
public final class CubaRecording {
    final int samples;
    final int steps;
    final int hidden;
    final int outputs;
    final double[] hiddenSpikes;
    final double[] hiddenMembrane;
    final double[] outputMembrane;
    final CubaReadout readout;

    public CubaRecording(CubaNetwork net, int samples) {
        this.readout = new CubaReadout(net, samples);
        if (!((long) samples * net.steps() * net.hidden() <= Integer.MAX_VALUE - 8)) {
            throw new IllegalArgumentException("a recording of " + samples + " samples x " + net.steps() + " steps x "
                    + net.hidden() + " neurons exceeds one Java array; record minibatches");
        }
        this.samples = samples;
        this.steps = net.steps();
        this.hidden = net.hidden();
        this.outputs = net.outputs();
        this.hiddenSpikes = new double[samples * steps * hidden];
        this.hiddenMembrane = new double[samples * steps * hidden];
        this.outputMembrane = new double[samples * steps * outputs];
    }

    public int samples() {
        return samples;
    }

    /** Hidden spikes {@code [(n * T + t) * H + j]}. Do not modify. */
    public double[] hiddenSpikes() {
        return hiddenSpikes;
    }

    /** Hidden membranes {@code [(n * T + t) * H + j]}. Do not modify. */
    public double[] hiddenMembrane() {
        return hiddenMembrane;
    }

    /** Output membranes {@code [(n * T + t) * K + k]}. Do not modify. */
    public double[] outputMembrane() {
        return outputMembrane;
    }

    public double hiddenSpike(int n, int t, int j) {
        return hiddenSpikes[(n * steps + t) * hidden + j];
    }

    public double hiddenMembrane(int n, int t, int j) {
        return hiddenMembrane[(n * steps + t) * hidden + j];
    }

    public double outputMembrane(int n, int t, int k) {
        return outputMembrane[(n * steps + t) * outputs + k];
    }

    /** Hidden counts, output maxima and predictions of the same pass. */
    public CubaReadout readout() {
        return readout;
    }
}
