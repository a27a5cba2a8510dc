package chipsweep.chip;

import java.util.Arrays;

/**
 * A batch of sparse spike-raster inputs for {@link CubaKernel}: per sample and step, the inputs that spike,
 * in increasing index (the golden summation order). Stored as one event list: the events of sample n at step
 * t are {@code index[start[n * T + t] .. start[n * T + t + 1])}, so a pass visits only the inputs that spike.
 *
 * <p>Two ways in: {@link #ofSpikeSteps} from a latency code (each input spikes at most once; its step, or -1
 * for none, as the encoder of {@code spec/CRAMER.md} section 2 gives it), or {@link #ofEvents} from per-step
 * event lists (an input may then spike at several steps).
 *
 * <p>Example: {@code CubaInput x = CubaInput.ofSpikeSteps(new int[][] {{0, -1, 3}}, 30);} (3 inputs, 1 sample).
 *
 * <p>Thread-safety: immutable.
 */
public final class CubaInput {
    private final int samples;
    private final int inputs;
    private final int steps;
    final int[] start;
    final int[] index;

    private CubaInput(int samples, int inputs, int steps, int[] start, int[] index) {
        this.samples = samples;
        this.inputs = inputs;
        this.steps = steps;
        this.start = start;
        this.index = index;
    }

    /**
     * From latency-coded samples: {@code spikeSteps[n][i]} is the step (0..steps-1) at which input i of sample
     * n spikes, or -1 if it does not. All samples must have the same number of inputs.
     */
    public static CubaInput ofSpikeSteps(int[][] spikeSteps, int steps) {
        if (!(steps >= 1)) {
            throw new IllegalArgumentException("steps must be >= 1, but was " + steps);
        }
        if (spikeSteps == null || spikeSteps.length == 0) {
            throw new IllegalArgumentException("a batch needs at least one sample");
        }
        int samples = spikeSteps.length;
        int inputs = spikeSteps[0].length;
        if (!(inputs >= 1)) {
            throw new IllegalArgumentException("samples must have at least one input, but had " + inputs);
        }
        int[] start = new int[samples * steps + 1];
        int events = 0;
        for (int n = 0; n < samples; n++) {
            int[] row = spikeSteps[n];
            if (row.length != inputs) {
                throw new IllegalArgumentException("sample " + n + " has " + row.length + " inputs, expected " + inputs);
            }
            for (int i = 0; i < inputs; i++) {
                int k = row[i];
                if (!(k >= -1 && k < steps)) {
                    throw new IllegalArgumentException("spike step of sample " + n + ", input " + i
                            + " must be -1 or in [0, " + steps + "), but was " + k);
                }
                if (k >= 0) {
                    start[n * steps + k + 1]++;
                    events++;
                }
            }
        }
        for (int c = 1; c < start.length; c++) {
            start[c] += start[c - 1];
        }
        int[] index = new int[events];
        int[] fill = Arrays.copyOf(start, start.length - 1);
        for (int n = 0; n < samples; n++) {
            for (int i = 0; i < inputs; i++) {
                int k = spikeSteps[n][i];
                if (k >= 0) {
                    index[fill[n * steps + k]++] = i; // i ascending within each step
                }
            }
        }
        return new CubaInput(samples, inputs, steps, start, index);
    }

    /**
     * From event lists: {@code events[n][t]} holds the inputs (0..inputs-1, strictly increasing) that spike at
     * step t of sample n; every sample has the same number of steps.
     */
    public static CubaInput ofEvents(int inputs, int[][][] events) {
        if (!(inputs >= 1)) {
            throw new IllegalArgumentException("inputs must be >= 1, but was " + inputs);
        }
        if (events == null || events.length == 0 || events[0].length == 0) {
            throw new IllegalArgumentException("a batch needs at least one sample of at least one step");
        }
        int samples = events.length;
        int steps = events[0].length;
        int[] start = new int[samples * steps + 1];
        int total = 0;
        for (int n = 0; n < samples; n++) {
            if (events[n].length != steps) {
                throw new IllegalArgumentException("sample " + n + " has " + events[n].length + " steps, expected "
                        + steps);
            }
            for (int t = 0; t < steps; t++) {
                int prev = -1;
                for (int i : events[n][t]) {
                    if (!(i > prev && i < inputs)) {
                        throw new IllegalArgumentException("events of sample " + n + ", step " + t
                                + " must be strictly increasing inputs in [0, " + inputs + "), but were "
                                + Arrays.toString(events[n][t]));
                    }
                    prev = i;
                }
                total += events[n][t].length;
                start[n * steps + t + 1] = total;
            }
        }
        int[] index = new int[total];
        for (int n = 0; n < samples; n++) {
            for (int t = 0; t < steps; t++) {
                int[] e = events[n][t];
                System.arraycopy(e, 0, index, start[n * steps + t], e.length);
            }
        }
        return new CubaInput(samples, inputs, steps, start, index);
    }

    public int samples() {
        return samples;
    }

    public int inputs() {
        return inputs;
    }

    public int steps() {
        return steps;
    }

    /** The inputs that spike at step {@code t} of sample {@code n}, increasing (a copy). */
    public int[] spikingAt(int n, int t) {
        int c = n * steps + t;
        return Arrays.copyOfRange(index, start[c], start[c + 1]);
    }

    /**
     * Allocation-free access to the event list: the events of sample {@code n} at step {@code t} are
     * {@link #event}{@code (e)} for {@code e} in {@code eventStart(n, t) .. eventStart(n, t + 1) - 1} (so
     * {@code eventStart(n, steps())} is where step 0 of sample n + 1 starts). Indices are not checked.
     */
    public int eventStart(int n, int t) {
        return start[n * steps + t];
    }

    /** The input of event {@code e} (see {@link #eventStart}). */
    public int event(int e) {
        return index[e];
    }

    /** The number of input spikes of sample {@code n}. */
    public int spikeCount(int n) {
        return start[(n + 1) * steps] - start[n * steps];
    }
}
