package chipsweep.chip;

/**
 * A neuromorphic chip as trainers see it: a black box that can be programmed with weights and asked to run
 * a batch of inputs. How it distorts what it is programmed with is hidden (METHOD.md section 4).
 *
 * <p>Example:
 * <pre>{@code
 * chip.program(weights);                 // one flat row-major array per layer
 * chip.evaluate(batch, readout);         // spike counts and membrane sums per sample
 * int predicted = readout.prediction(0);
 * }</pre>
 *
 * <p>Thread-safety: a chip holds its programmed state and is confined to one thread (one cell).
 */
public interface Chip extends BlackBox {
    /** The nominal network: layer sizes, T, nominal beta and theta. */
    Network network();

    /** The nominal network's zeroed weights. */
    @Override
    default double[][] newWeights() {
        return network().newWeights();
    }

    /**
     * Programs the weights {@code w[l][i * size(l+1) + j]} (input i of layer l to neuron j of layer l+1).
     * Every weight must be finite. The arrays are copied.
     */
    @Override
    void program(double[][] w);

    /** Runs every sample of {@code inputs} for T steps on the programmed weights and fills {@code out}. */
    void evaluate(Batch inputs, Readout out);

    /**
     * Runs only the samples {@code order[from]}, ..., {@code order[to - 1]} of {@code inputs} and fills their
     * rows of {@code out} (which is sized for all of {@code inputs}); the other rows keep their values. The
     * indices must be valid row numbers; {@code 0 <= from <= to <= order.length}. On a {@link #deterministic}
     * chip each sample's outputs are the same as in a whole-batch {@link #evaluate}.
     */
    void evaluate(Batch inputs, int[] order, int from, int to, Readout out);

    /**
     * Whether the same inputs on the same programmed weights always give the same outputs. A chip with
     * membrane noise is not deterministic: each evaluation draws fresh noise.
     */
    @Override
    boolean deterministic();

    /** Like {@link #evaluate}, also writing down every layer's currents, membranes and spikes. */
    void record(Batch inputs, Recording out);
}
