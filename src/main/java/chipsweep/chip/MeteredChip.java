package chipsweep.chip;

/**
 * A chip that counts what it is asked to do, for either model ({@link #of(Chip)} for the LIF network,
 * {@link #of(CubaChip)} for the current-based one, whose {@link Cuba} counts in the same way): the samples it runs (one per sample of every {@link #evaluate} and
 * {@link #record} call, so a chunk of an early-rejecting MH iteration counts only the samples it ran) and the
 * times it is programmed. On hardware these are the chip time a training method costs. It otherwise behaves
 * exactly as the chip it wraps, which stays a black box.
 *
 * <p>Example:
 * <pre>{@code
 * MeteredChip metered = MeteredChip.of(chip);
 * trainer.train(metered, data, initial, rng);
 * long samples = metered.samples();
 * }</pre>
 *
 * <p>Thread-safety: like the chip it wraps, confined to one thread.
 */
public final class MeteredChip implements Chip {
    private final Chip chip;
    private long samples;
    private long programs;

    private MeteredChip(Chip chip) {
        if (chip == null) {
            throw new IllegalArgumentException("chip must be given");
        }
        this.chip = chip;
    }

    public static MeteredChip of(Chip chip) {
        return new MeteredChip(chip);
    }

    /** A current-based chip that counts its samples (forward or recorded) and programmings. */
    public static Cuba of(CubaChip chip) {
        return new Cuba(chip);
    }

    /** Sample evaluations run so far (forward passes of one sample, recorded or not). */
    public long samples() {
        return samples;
    }

    /** Programming operations so far. */
    public long programs() {
        return programs;
    }

    @Override
    public Network network() {
        return chip.network();
    }

    @Override
    public void program(double[][] w) {
        chip.program(w);
        programs++;
    }

    @Override
    public void evaluate(Batch inputs, Readout out) {
        chip.evaluate(inputs, out);
        samples += inputs.rows();
    }

    @Override
    public void evaluate(Batch inputs, int[] order, int from, int to, Readout out) {
        chip.evaluate(inputs, order, from, to, out);
        samples += to - from;
    }

    @Override
    public boolean deterministic() {
        return chip.deterministic();
    }

    @Override
    public void record(Batch inputs, Recording out) {
        chip.record(inputs, out);
        samples += inputs.rows();
    }

    /**
     * The metered current-based chip: samples run by {@link #forward} and {@link #record} (its
     * {@link #sampleEvaluations}, counted by the chip it wraps) and programming operations.
     *
     * <p>Thread-safety: like the chip it wraps, confined to one thread.
     */
    public static final class Cuba implements CubaChip {
        private final CubaChip chip;
        private final long samplesBefore;
        private long programs;

        private Cuba(CubaChip chip) {
            if (chip == null) {
                throw new IllegalArgumentException("chip must be given");
            }
            this.chip = chip;
            this.samplesBefore = chip.sampleEvaluations();
        }

        /** Sample evaluations run through this meter so far. */
        public long samples() {
            return chip.sampleEvaluations() - samplesBefore;
        }

        /** Programming operations so far. */
        public long programs() {
            return programs;
        }

        @Override
        public CubaNetwork network() {
            return chip.network();
        }

        @Override
        public void program(double[] w1, double[] w2) {
            chip.program(w1, w2);
            programs++;
        }

        @Override
        public void forward(CubaInput x, int[] order, int from, int to, CubaReadout out) {
            chip.forward(x, order, from, to, out);
        }

        @Override
        public void record(CubaInput x, int[] order, int from, int to, CubaRecording rec) {
            chip.record(x, order, from, to, rec);
        }

        @Override
        public boolean deterministic() {
            return chip.deterministic();
        }

        @Override
        public long sampleEvaluations() {
            return chip.sampleEvaluations();
        }
    }
}
