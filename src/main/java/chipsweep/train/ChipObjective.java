package chipsweep.train;

import chipsweep.chip.BlackBox;

/**
 * A training set on a black-box chip as a gradient-free trainer ({@link MetropolisHastings}) sees it, for either
 * network model: program weights on {@link #chip}, run some or all samples, read each sample's loss. The loss is
 * the model's softmax cross-entropy of its readout: {@link SpikeObjective} for the LIF network (spike-count logits
 * {@code gamma c / T}, METHOD.md section 3), {@link CubaObjective} for the current-based one (the max-over-time
 * readout {@code y_k} as logits, the cross-entropy term of spec/CRAMER.md section 4). Buffers are allocated once:
 * evaluating allocates nothing.
 *
 * <p>Example: {@code obj.chip().program(w); obj.evaluateAll(); double l = obj.lossSum();}
 *
 * <p>Thread-safety: mutable (the last evaluation's readout), confined to one thread with its chip.
 */
public interface ChipObjective {
    /** The chip the samples run on. */
    BlackBox chip();

    /** Training samples. */
    int size();

    /** Runs every sample on the programmed weights. */
    void evaluateAll();

    /**
     * Runs samples {@code order[from]}, ..., {@code order[to - 1]} on the programmed weights; the other samples'
     * losses keep their values.
     */
    void evaluate(int[] order, int from, int to);

    /** The loss (>= 0) of sample {@code i} in the evaluation that last ran it. */
    double sampleLoss(int i);

    /** The sum over all samples, in order, of their losses (after {@link #evaluateAll}). */
    double lossSum();

    /**
     * The share of samples whose readout is saturated (every output at its largest value, see {@link Plateau});
     * 0 for a readout that cannot saturate.
     */
    double saturatedShare();
}
