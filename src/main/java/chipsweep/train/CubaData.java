package chipsweep.train;

import chipsweep.chip.CubaInput;
import chipsweep.data.ImageSplit;
import chipsweep.data.LatencyCode;

/**
 * Labelled latency-coded images for the current-based network: the spikes of every image
 * ({@link CubaInput}) and its label 0..9.
 *
 * <p>Example: {@code CubaData train = CubaData.encode(IdxReader.load(dir).train(), LatencyCode.DEFAULTS);}
 *
 * <p>Thread-safety: immutable (labels are copied in and out).
 */
public final class CubaData {
    private final CubaInput input;
    private final int[] labels;

    private CubaData(CubaInput input, int[] labels) {
        this.input = input;
        this.labels = labels;
    }

    /** The given inputs and labels (one per sample, each >= 0). */
    public static CubaData of(CubaInput input, int[] labels) {
        if (input == null || labels == null || labels.length != input.samples()) {
            throw new IllegalArgumentException("one label per sample is needed: " + (input == null ? 0
                    : input.samples()) + " samples, " + (labels == null ? 0 : labels.length) + " labels");
        }
        for (int n = 0; n < labels.length; n++) {
            if (labels[n] < 0) {
                throw new IllegalArgumentException("label of sample " + n + " must be >= 0, but was " + labels[n]);
            }
        }
        return new CubaData(input, labels.clone());
    }

    /** Every image of {@code split}, 16x16, latency-coded by {@code code} (CRAMER.md sections 1-2). */
    public static CubaData encode(ImageSplit split, LatencyCode code) {
        int n = split.size();
        int[][] steps = new int[n][];
        double[] x = new double[256];
        for (int i = 0; i < n; i++) {
            split.inputs(i, x, 0);
            steps[i] = code.steps(x);
        }
        return new CubaData(CubaInput.ofSpikeSteps(steps, code.steps()), split.labels());
    }

    /** The images {@code rows} of {@code split} (all of them, in order, if null), 16x16 and latency-coded. */
    public static CubaData encode(ImageSplit split, int[] rows, LatencyCode code) {
        if (rows == null) {
            return encode(split, code);
        }
        int[][] steps = new int[rows.length][];
        int[] labels = new int[rows.length];
        double[] x = new double[256];
        for (int i = 0; i < rows.length; i++) {
            split.inputs(rows[i], x, 0);
            steps[i] = code.steps(x);
            labels[i] = split.label(rows[i]);
        }
        return new CubaData(CubaInput.ofSpikeSteps(steps, code.steps()), labels);
    }

    public CubaInput input() {
        return input;
    }

    public int size() {
        return labels.length;
    }

    /** The labels (a copy). */
    public int[] labels() {
        return labels.clone();
    }

    /** The labels, not copied, for the trainers of this package. */
    int[] labelsView() {
        return labels;
    }
}
