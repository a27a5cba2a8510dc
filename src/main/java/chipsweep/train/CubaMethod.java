package chipsweep.train;

import chipsweep.chip.CubaChip;
import chipsweep.chip.SimulatedCubaChip;

/**
 * The training methods of {@code spec/CRAMER.md} section 4, as where the forward pass of training runs and where
 * the trained weights are tested:
 * <ul>
 *   <li>{@link #ITL}: forward (recorded) on the chip, backward through the ideal model with the chip's
 *       measurements injected; tested on the chip;</li>
 *   <li>{@link #SOFTWARE}: forward and backward on the ideal model; tested on the ideal model (the paper's
 *       software row);</li>
 *   <li>{@link #TRANSFER}: trained as {@link #SOFTWARE}, then deployed and tested on the chip.</li>
 * </ul>
 *
 * <p>Example: {@code CubaScore s = CubaScore.of(m.testChip(chip), test, m.trainer(settings).train(chip, train, w0,
 * rng).weights(), 500);}
 *
 * <p>Thread-safety: immutable.
 */
public enum CubaMethod {
    ITL("itl"),
    SOFTWARE("software"),
    TRANSFER("transfer");

    private final String id;

    CubaMethod(String id) {
        this.id = id;
    }

    /** The job-file name: {@code itl}, {@code software}, {@code transfer}. */
    public String id() {
        return id;
    }

    /** The method of a job-file name, refusing others in one line. */
    public static CubaMethod of(String id) {
        for (CubaMethod m : values()) {
            if (m.id.equals(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("method must be one of itl, software, transfer, but was " + id);
    }

    /** The trainer of this method. */
    public CubaTrainer trainer(CubaSettings settings) {
        return this == ITL ? CubaTrainer.inTheLoop(settings) : CubaTrainer.offline(settings);
    }

    /** Where this method's weights are tested: the chip, or for {@link #SOFTWARE} the ideal model of its network. */
    public CubaChip testChip(CubaChip chip) {
        return this == SOFTWARE ? SimulatedCubaChip.ideal(chip.network()) : chip;
    }
}
