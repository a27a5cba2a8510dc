package chipsweep.data;

import java.util.Arrays;

/**
 * One sample's input spikes as events per step, the sparse form a kernel iterates: for step t, the
 * inputs that spike are {@code index(k)} for {@code k} in {@code start(t) .. start(t + 1) - 1}, in
 * ascending input order (compressed sparse rows: {@link #stepStart()} has {@code steps + 1} entries).
 * Built from per-input steps such as {@link LatencyCode#steps(double[])} gives.
 *
 * <p>Example:
 * <pre>{@code
 * InputSpikes s = LatencyCode.DEFAULTS.events(x);
 * for (int t = 0; t < s.steps(); t++)
 *     for (int k = s.start(t); k < s.start(t + 1); k++) current[s.index(k)] += ...;
 * }</pre>
 *
 * <p>Thread-safety: immutable; {@link #stepStart()} and {@link #indices()} return fresh arrays.
 */
public final class InputSpikes {
    private final int steps;
    private final int inputs;
    private final int[] stepStart;
    private final int[] index;

    private InputSpikes(int steps, int inputs, int[] stepStart, int[] index) {
        this.steps = steps;
        this.inputs = inputs;
        this.stepStart = stepStart;
        this.index = index;
    }

    /**
     * Groups the inputs by step: {@code stepOf[i]} is input i's step in 0..steps-1, or
     * {@link LatencyCode#NO_SPIKE} (-1) for none.
     *
     * @throws IllegalArgumentException naming the input whose step is outside -1..steps-1
     */
    public static InputSpikes of(int[] stepOf, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, but was " + steps);
        }
        int[] start = new int[steps + 1];
        for (int i = 0; i < stepOf.length; i++) {
            int k = stepOf[i];
            if (k < LatencyCode.NO_SPIKE || k >= steps) {
                throw new IllegalArgumentException("step of input " + i + " must be in -1.." + (steps - 1)
                        + ", but was " + k);
            }
            if (k >= 0) {
                start[k + 1]++;
            }
        }
        for (int t = 0; t < steps; t++) {
            start[t + 1] += start[t];
        }
        int[] next = Arrays.copyOf(start, steps);
        int[] index = new int[start[steps]];
        for (int i = 0; i < stepOf.length; i++) { // ascending i: ascending within each step
            int k = stepOf[i];
            if (k >= 0) {
                index[next[k]++] = i;
            }
        }
        return new InputSpikes(steps, stepOf.length, start, index);
    }

    /** Number of steps T. */
    public int steps() {
        return steps;
    }

    /** Number of inputs (spiking or not). */
    public int inputs() {
        return inputs;
    }

    /** Total number of spikes. */
    public int count() {
        return index.length;
    }

    /** First event of step {@code t}; {@code start(steps())} is {@link #count()}. */
    public int start(int t) {
        return stepStart[t];
    }

    /** The input of event {@code k}. */
    public int index(int k) {
        return index[k];
    }

    /** The inputs that spike in step {@code t}, ascending. */
    public int[] at(int t) {
        return Arrays.copyOfRange(index, stepStart[t], stepStart[t + 1]);
    }

    /** The CSR offsets, {@code steps + 1} entries. */
    public int[] stepStart() {
        return stepStart.clone();
    }

    /** The CSR input indices, {@link #count()} entries. */
    public int[] indices() {
        return index.clone();
    }

    /** Back to one step per input ({@link LatencyCode#NO_SPIKE} for none). */
    public int[] stepOf() {
        int[] k = new int[inputs];
        Arrays.fill(k, LatencyCode.NO_SPIKE);
        for (int t = 0; t < steps; t++) {
            for (int e = stepStart[t]; e < stepStart[t + 1]; e++) {
                k[index[e]] = t;
            }
        }
        return k;
    }

    @Override
    public String toString() {
        return "InputSpikes[" + count() + " spikes of " + inputs + " inputs in " + steps + " steps]";
    }
}
