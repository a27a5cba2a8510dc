package chipsweep.chip;

/**
 * A chip that counts what it is asked to do: the samples it runs (one per sample of every {@link #evaluate} and
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
}
