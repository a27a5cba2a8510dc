package chipsweep.chip;

/**
 * What every chip model has in common as a black box (METHOD.md section 4): it takes weights, one flat row-major
 * array per weight layer, and says whether running the same inputs twice gives the same outputs. Each model adds
 * how a batch is evaluated ({@link Chip#evaluate} for the LIF network, {@link CubaChip#forward} for the
 * current-based one); a gradient-free trainer needs nothing else (see {@code train.ChipObjective}).
 *
 * <p>Example: {@code double[][] w = chip.newWeights(); chip.program(w);}
 *
 * <p>Thread-safety: a chip holds its programmed state and is confined to one thread (one cell).
 */
public interface BlackBox {
    /** Zeroed weights of this chip's shape: one flat row-major array per weight layer. */
    double[][] newWeights();

    /** Programs every weight layer ({@code w.length} must be the chip's weight layers). The arrays are copied. */
    void program(double[][] w);

    /**
     * Whether the same inputs on the same programmed weights always give the same outputs. A chip with
     * membrane noise is not deterministic: each evaluation draws fresh noise.
     */
    boolean deterministic();
}
