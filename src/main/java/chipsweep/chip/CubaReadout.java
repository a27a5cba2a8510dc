package chipsweep.chip;

/**
 * What the current-based chip reports for a batch ({@code spec/CRAMER.md} section 3): per sample the hidden
 * spike counts, the readout {@code y_k = max_t V_k[t]} of every output and the prediction
 * {@code argmax_k y_k} (lower index on ties). A reusable buffer sized for a batch: each pass overwrites it.
 *
 * <p>Layout (flat, row-major): hidden counts at {@code n * H + j}, output maxima at {@code n * K + k}.
 *
 * <p>Example: {@code CubaReadout r = new CubaReadout(net, x.samples()); kernel.forward(x, r); r.prediction(0);}
 *
 * <p>Thread-safety: mutable, confined to one thread.
 */
public final class CubaReadout {
    final int samples;
    final int hidden;
    final int outputs;
    final int[] hiddenCounts;
    final double[] outputMax;
    final int[] predictions;

    public CubaReadout(CubaNetwork net, int samples) {
        if (!(samples >= 1)) {
            throw new IllegalArgumentException("a readout needs at least one sample, but was " + samples);
        }
        this.samples = samples;
        this.hidden = net.hidden();
        this.outputs = net.outputs();
        this.hiddenCounts = new int[samples * hidden];
        this.outputMax = new double[samples * outputs];
        this.predictions = new int[samples];
    }

    public int samples() {
        return samples;
    }

    /** Spikes of hidden neuron {@code j} in sample {@code n}. */
    public int hiddenCount(int n, int j) {
        return hiddenCounts[n * hidden + j];
    }

    /** All hidden spikes of sample {@code n}. */
    public int hiddenSpikes(int n) {
        int s = 0;
        for (int j = 0; j < hidden; j++) {
            s += hiddenCounts[n * hidden + j];
        }
        return s;
    }

    /** {@code max_t V_k[t]} of output {@code k} in sample {@code n}. */
    public double outputMax(int n, int k) {
        return outputMax[n * outputs + k];
    }

    /** The predicted class of sample {@code n}. */
    public int prediction(int n) {
        return predictions[n];
    }

    /** Fraction of samples whose prediction equals {@code labels[n]}. */
    public double accuracy(int[] labels) {
        if (labels.length != samples) {
            throw new IllegalArgumentException(labels.length + " labels for " + samples + " samples");
        }
        int ok = 0;
        for (int n = 0; n < samples; n++) {
            if (predictions[n] == labels[n]) {
                ok++;
            }
        }
        return (double) ok / samples;
    }

    /** The flat hidden counts {@code [n * H + j]}. Do not modify. */
    public int[] hiddenCounts() {
        return hiddenCounts;
    }

    /** The flat output maxima {@code [n * K + k]}. Do not modify. */
    public double[] outputMaxima() {
        return outputMax;
    }
}
