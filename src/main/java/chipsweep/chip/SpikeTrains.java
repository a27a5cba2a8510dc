package chipsweep.chip;

import java.util.Arrays;

/**
 * Binary input spike trains, {@code samples x steps x inputs}, held as one flat byte array
 * ({@code [(n * steps + t) * inputs + i]}, 0 or 1): the input of a {@link DecolleKernel}.
 *
 * <p>Example:
 * <pre>{@code
 * SpikeTrains x = SpikeTrains.of(new int[][][] {{{0, 1}, {1, 0}}}); // 1 sample, 2 steps, 2 inputs
 * x.copyStep(0, 1, buffer, 0);                                       // buffer = {1.0, 0.0}
 * }</pre>
 *
 * <p>Thread-safety: immutable.
 */
public final class SpikeTrains {
    private final int samples;
    private final int steps;
    private final int inputs;
    private final byte[] spikes;

    private SpikeTrains(int samples, int steps, int inputs, byte[] spikes) {
        this.samples = samples;
        this.steps = steps;
        this.inputs = inputs;
        this.spikes = spikes;
    }

    /**
     * From nested arrays {@code [sample][step][input]} of 0s and 1s, all of one shape.
     *
     * @throws IllegalArgumentException if the arrays are empty, ragged or hold anything but 0 and 1
     */
    public static SpikeTrains of(int[][][] trains) {
        if (trains.length == 0 || trains[0].length == 0 || trains[0][0].length == 0) {
            throw new IllegalArgumentException("spike trains must have at least one sample, step and input");
        }
        int steps = trains[0].length;
        int inputs = trains[0][0].length;
        byte[] s = new byte[trains.length * steps * inputs];
        for (int n = 0; n < trains.length; n++) {
            if (trains[n].length != steps) {
                throw new IllegalArgumentException("sample " + n + " must have " + steps + " steps, but was "
                        + trains[n].length);
            }
            for (int t = 0; t < steps; t++) {
                if (trains[n][t].length != inputs) {
                    throw new IllegalArgumentException("sample " + n + ", step " + t + " must have " + inputs
                            + " inputs, but was " + trains[n][t].length);
                }
                for (int i = 0; i < inputs; i++) {
                    int v = trains[n][t][i];
                    if (v != 0 && v != 1) {
                        throw new IllegalArgumentException("spike of sample " + n + ", step " + t + ", input " + i
                                + " must be 0 or 1, but was " + v);
                    }
                    s[(n * steps + t) * inputs + i] = (byte) v;
                }
            }
        }
        return new SpikeTrains(trains.length, steps, inputs, s);
    }

    /** Wraps a flat array that the caller gives up ({@code [(n * steps + t) * inputs + i]}, 0 or 1). */
    public static SpikeTrains wrap(int samples, int steps, int inputs, byte[] spikes) {
        if (!(samples >= 1 && steps >= 1 && inputs >= 1) || spikes.length != samples * steps * inputs) {
            throw new IllegalArgumentException("spikes must have samples * steps * inputs = " + samples + " * "
                    + steps + " * " + inputs + " entries, but was " + spikes.length);
        }
        for (byte b : spikes) {
            if (b != 0 && b != 1) {
                throw new IllegalArgumentException("spikes must be 0 or 1, but was " + b);
            }
        }
        return new SpikeTrains(samples, steps, inputs, spikes);
    }

    /** Number of samples. */
    public int samples() {
        return samples;
    }

    /** Number of steps T. */
    public int steps() {
        return steps;
    }

    /** Number of inputs per step. */
    public int inputs() {
        return inputs;
    }

    /** The spike (0 or 1) of input {@code i} of sample {@code n} at step {@code t}. */
    public int spike(int n, int t, int i) {
        return spikes[(n * steps + t) * inputs + i];
    }

    /** Writes step {@code t} of sample {@code n} into {@code dst[offset .. offset + inputs - 1]} as 0.0 / 1.0. */
    public void copyStep(int n, int t, double[] dst, int offset) {
        int base = (n * steps + t) * inputs;
        for (int i = 0; i < inputs; i++) {
            dst[offset + i] = spikes[base + i];
        }
    }

    /** Spikes of sample {@code n} summed over steps, per input. */
    public int[] counts(int n) {
        int[] c = new int[inputs];
        for (int t = 0; t < steps; t++) {
            int base = (n * steps + t) * inputs;
            for (int i = 0; i < inputs; i++) {
                c[i] += spikes[base + i];
            }
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpikeTrains s && s.samples == samples && s.steps == steps && s.inputs == inputs
                && Arrays.equals(s.spikes, spikes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(spikes) * 31 + inputs;
    }

    @Override
    public String toString() {
        return "SpikeTrains[" + samples + " samples x " + steps + " steps x " + inputs + " inputs]";
    }
}
