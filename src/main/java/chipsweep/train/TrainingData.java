package chipsweep.train;

import chipsweep.chip.Batch;

/**
 * The training subset as a trainer gets it: normalised inputs and labels (1 = malignant).
 *
 * <p>Thread-safety: immutable (the label array is copied in and out).
 */
public record TrainingData(Batch inputs, int[] labels) {
    public TrainingData {
        labels = labels.clone();
        if (inputs.rows() != labels.length) {
            throw new IllegalArgumentException(inputs.rows() + " inputs but " + labels.length + " labels");
        }
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }

    public int size() {
        return labels.length;
    }
}
