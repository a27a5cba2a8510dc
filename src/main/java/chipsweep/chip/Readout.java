package chipsweep.chip;

/**
 * What a chip reports for a batch: per sample and output neuron, the spike count and the sum of the membrane
 * potential over the steps; optionally the hidden layers' spike counts. A reusable buffer: one evaluation
 * overwrites it, so the MH loop allocates nothing.
 *
 * <p>Example: {@code Readout r = new Readout(net, batch.rows(), false); chip.evaluate(batch, r); r.prediction(0);}
 *
 * <p>Thread-safety: mutable, confined to one thread.
 */
public final class Readout {
    final int samples;
    final int outputs;
    final int[] counts;
    final double[] membraneSums;
    /** Per hidden layer h (LIF layers before the output), counts [sample * size + j]; null if not wanted. */
    final int[][] hiddenCounts;

    public Readout(Network net, int samples, boolean withHiddenCounts) {
        this.samples = samples;
        this.outputs = net.outputs();
        this.counts = new int[samples * outputs];
        this.membraneSums = new double[samples * outputs];
        if (withHiddenCounts) {
            hiddenCounts = new int[net.weightLayers() - 1][];
            for (int h = 0; h < hiddenCounts.length; h++) {
                hiddenCounts[h] = new int[samples * net.size(h + 1)];
            }
        } else {
            hiddenCounts = null;
        }
    }

    public int samples() {
        return samples;
    }

    public int outputs() {
        return outputs;
    }

    /** Spike count of output neuron {@code k} for sample {@code n}. */
    public int count(int n, int k) {
        return counts[n * outputs + k];
    }

    /** Sum over t = 1..T of output neuron {@code k}'s membrane potential, for sample {@code n}. */
    public double membraneSum(int n, int k) {
        return membraneSums[n * outputs + k];
    }

    /** Spike count of neuron {@code j} of hidden layer {@code h} (0 = first hidden layer) for sample {@code n}. */
    public int hiddenCount(int h, int n, int j) {
        if (hiddenCounts == null) {
            throw new IllegalStateException("this readout was made without hidden counts");
        }
        int size = hiddenCounts[h].length / samples;
        return hiddenCounts[h][n * size + j];
    }

    /**
     * The predicted class of sample {@code n}: the output with the most spikes; ties go to the larger membrane
     * sum, then to the lower index (METHOD.md section 3).
     */
    public int prediction(int n) {
        int base = n * outputs;
        int best = 0;
        for (int k = 1; k < outputs; k++) {
            int c = counts[base + k];
            int cb = counts[base + best];
            if (c > cb || (c == cb && membraneSums[base + k] > membraneSums[base + best])) {
                best = k;
            }
        }
        return best;
    }

    /** Fraction of samples whose prediction equals {@code labels[n]}. */
    public double accuracy(int[] labels) {
        int ok = 0;
        for (int n = 0; n < samples; n++) {
            if (prediction(n) == labels[n]) {
                ok++;
            }
        }
        return (double) ok / samples;
    }
}
