package chipsweep.sweep;

import java.io.Serializable;

/**
 * How a job asks the deployment questions: {@code evalChips} (K) other chips of the cell's family on which every
 * cell's deployed weights are also evaluated (0: none, and the ideal chip is not evaluated either), and
 * {@code sourceChip}, the index of the family chip on which the warm-start methods' source networks are
 * trained. Family chip k of a (distortion, sigma) is the same for every method and seed (see
 * {@link CellSeeds#familyChip}).
 *
 * <p>Example: {@code new DeploymentSettings(20, 0)}.
 *
 * <p>Thread-safety: immutable.
 */
public record DeploymentSettings(int evalChips, int sourceChip) implements Serializable {
    /** No fleet evaluation; warm starts from family chip 0. */
    public static final DeploymentSettings DEFAULTS = new DeploymentSettings(0, 0);
    /** More fleet chips than this is almost surely a typo (each costs an evaluation of the test set per cell). */
    public static final int MAX_EVAL_CHIPS = 10_000;

    public DeploymentSettings {
        if (!(evalChips >= 0 && evalChips <= MAX_EVAL_CHIPS)) {
            throw new IllegalArgumentException("eval_chips must be in [0, " + MAX_EVAL_CHIPS + "], but was " + evalChips);
        }
        if (!(sourceChip >= 0)) {
            throw new IllegalArgumentException("source_chip must be >= 0, but was " + sourceChip);
        }
    }
}
