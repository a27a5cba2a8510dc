package chipsweep.train;

import java.io.Serializable;

/**
 * A learning-rate schedule over the epochs of a surrogate-gradient training: the factor by which epoch
 * {@code e} (0-based) of {@code E} scales the job's {@code learning_rate}, held for the whole epoch.
 * <ul>
 *   <li>{@code constant}: 1 (what chipsweep did before schedules existed);</li>
 *   <li>{@code cosine}: {@code (1 + cos(pi e / E)) / 2}, the cosine annealing of Loshchilov and Hutter (SGDR,
 *       ICLR 2017) without restarts, from 1 at the first epoch down towards 0 at the last (whatever {@code E});</li>
 *   <li>{@code step}: {@code factor^floor(e / every)}, the classic step decay.</li>
 * </ul>
 * The spec (CRAMER.md) names Adam's rate but no schedule; a schedule is a job setting ({@code lr_schedule},
 * {@code lr_step_every}, {@code lr_step_factor} of the {@code itl} block).
 *
 * <p>Example: {@code LrSchedule.COSINE.factor(10, 20) == 0.5}.
 *
 * <p>Thread-safety: immutable.
 */
public record LrSchedule(Kind kind, int every, double factor) implements Serializable {
    /** The learning rate unchanged at every epoch. */
    public static final LrSchedule CONSTANT = new LrSchedule(Kind.CONSTANT, 1, 1.0);
    /** Cosine annealing over the training's epochs. */
    public static final LrSchedule COSINE = new LrSchedule(Kind.COSINE, 1, 1.0);

    /** The schedule's shape. */
    public enum Kind {
        CONSTANT("constant"), COSINE("cosine"), STEP("step");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        /** The job-file name. */
        public String id() {
            return id;
        }

        /** @throws IllegalArgumentException naming the job setting and listing the known names */
        public static Kind of(String id) {
            for (Kind k : values()) {
                if (k.id.equals(id)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("lr_schedule must be constant, cosine or step, but was " + id);
        }
    }

    public LrSchedule {
        MhSettings.require(kind != null, "lr_schedule must be constant, cosine or step", kind);
        MhSettings.require(every >= 1, "lr_step_every must be >= 1", every);
        MhSettings.require(factor > 0 && factor <= 1, "lr_step_factor must be in (0, 1]", factor);
    }

    /** Step decay: the rate times {@code factor} every {@code every} epochs. */
    public static LrSchedule step(int every, double factor) {
        return new LrSchedule(Kind.STEP, every, factor);
    }

    /** The factor of epoch {@code epoch} (0-based) of a training of {@code epochs} epochs. */
    public double factor(int epoch, int epochs) {
        return switch (kind) {
            case CONSTANT -> 1.0;
            case COSINE -> 0.5 * (1.0 + Math.cos(Math.PI * epoch / epochs));
            case STEP -> Math.pow(factor, epoch / every);
        };
    }
}
