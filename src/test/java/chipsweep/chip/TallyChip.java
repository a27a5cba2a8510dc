package chipsweep.chip;

/**
 * A test's own tally of what a trainer asks of a chip (samples run, recorded or not, and programmings), kept
 * beside the chip it wraps and passing everything through: the independent count that {@link MeteredChip}'s
 * figures are checked against.
 */
public final class TallyChip implements Chip {
    public final SimulatedChip inner;
    public long samples;
    public long programs;
    /** With {@link #keepPrograms}, a copy of every weight set the chip is programmed with, in order. */
    public final java.util.List<double[][]> programmed = new java.util.ArrayList<>();
    public boolean keepPrograms;

    public TallyChip(SimulatedChip inner) {
        this.inner = inner;
    }

    @Override
    public Network network() {
        return inner.network();
    }

    @Override
    public void program(double[][] w) {
        programs += 1;
        if (keepPrograms) {
            double[][] c = new double[w.length][];
            for (int l = 0; l < w.length; l++) {
                c[l] = w[l].clone();
            }
            programmed.add(c);
        }
        inner.program(w);
    }

    @Override
    public void evaluate(Batch inputs, Readout out) {
        samples += inputs.rows();
        inner.evaluate(inputs, out);
    }

    @Override
    public void evaluate(Batch inputs, int[] order, int from, int to, Readout out) {
        samples += to - from;
        inner.evaluate(inputs, order, from, to, out);
    }

    @Override
    public boolean deterministic() {
        return inner.deterministic();
    }

    @Override
    public void record(Batch inputs, Recording out) {
        samples += inputs.rows();
        inner.record(inputs, out);
    }
}
