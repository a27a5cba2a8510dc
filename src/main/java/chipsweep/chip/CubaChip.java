package chipsweep.chip;

/**
 * A current-based chip ({@code spec/CRAMER.md} section 3) as trainers see it: a black box that is programmed
 * with weights and runs minibatches, reporting either its readout or, for in-the-loop training, everything
 * its ADCs measure (hidden spikes and membranes, output membranes). Its per-neuron decays and thresholds,
 * quantiser and noise stay hidden; only the nominal network is visible.
 *
 * <p>Example:
 * <pre>{@code
 * chip.program(w1, w2);                                   // flat W1[i * H + j], W2[j * K + k]
 * chip.record(x, order, from, from + 100, recording);     // one minibatch, measured traces
 * long used = chip.sampleEvaluations();
 * }</pre>
 *
 * <p>Thread-safety: a chip holds its programmed state and is confined to one thread.
 */
public interface CubaChip extends BlackBox {
    /** The nominal network (sizes, T, nominal time constants and threshold). */
    CubaNetwork network();

    /** Programs W1 (inputs x hidden) and W2 (hidden x outputs), flat row-major, every weight finite. */
    void program(double[] w1, double[] w2);

    /** W1 and W2 of the nominal network, zero. */
    @Override
    default double[][] newWeights() {
        return new double[][] {new double[network().hiddenWeightCount()], new double[network().outputWeightCount()]};
    }

    /** {@link #program(double[], double[])} with {@code w = {W1, W2}}. */
    @Override
    default void program(double[][] w) {
        if (w.length != 2) {
            throw new IllegalArgumentException("a current-based chip takes 2 weight layers, but was given " + w.length);
        }
        program(w[0], w[1]);
    }

    /**
     * Runs samples {@code order[from .. to)} of {@code x} ({@code from .. to} if {@code order} is null) into rows
     * {@code 0 .. to - from} of {@code out}, sized for exactly {@code to - from} samples.
     */
    void forward(CubaInput x, int[] order, int from, int to, CubaReadout out);

    /** Like {@link #forward}, also recording every step's hidden spikes and membranes and output membranes. */
    void record(CubaInput x, int[] order, int from, int to, CubaRecording rec);

    /** Samples run so far (forward passes of one sample, recorded or not): the chip time used. */
    long sampleEvaluations();
}
