package chipsweep.chip;

/**
 * What only the oracle baseline may see of a chip: its true effective weights, synapse gains, transfer
 * slopes and neuron parameters (METHOD.md section 5.4). Trainers that claim to treat the chip as a black box
 * never take this type.
 *
 * <p>Thread-safety: as the chip it belongs to.
 */
public interface ChipInternals {
    /** The effective weights of layer {@code l} for the currently programmed weights. Do not modify. */
    double[] effectiveWeights(int l);

    /** d Weff / d W of synapse {@code k} of layer {@code l} (quantisation passed straight through). */
    double gain(int l, int k);

    /** dg/dI of neuron {@code j} of layer {@code l} at input current {@code current}. */
    double transferSlope(int l, int j, double current);

    /** Leak of neuron {@code j} of layer {@code l}. */
    double beta(int l, int j);

    /** Threshold of neuron {@code j} of layer {@code l}. */
    double theta(int l, int j);
}
