package chipsweep.sweep;

import chipsweep.chip.DistortionSettings;
import chipsweep.chip.Network;
import chipsweep.train.BinarySettings;
import chipsweep.train.BpSettings;
import chipsweep.train.MhSettings;
import java.io.Serializable;

/**
 * A job's scientific settings: everything besides the grid that decides a cell's numbers. Two runs with equal
 * science and equal cell fields give bit-identical results; a resume with different science is refused.
 *
 * <p>Thread-safety: immutable.
 */
public record Science(long globalSeed, double trainFraction, Network network, DistortionSettings chip,
                      MhSettings mh, BpSettings bp, DeploymentSettings deployment, Model model, CubaScience cuba,
                      BisnnScience bisnn, BinarySettings binary, BuchelScience buchel) implements Serializable {
    public Science {
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("train_fraction must be in (0, 1), but was " + trainFraction);
        }
        if (network == null || chip == null || mh == null || bp == null || deployment == null || model == null
                || binary == null) {
            throw new IllegalArgumentException("every settings block must be given");
        }
        if ((model == Model.CUBA) != (cuba != null)) {
            throw new IllegalArgumentException("the cuba settings go with model cuba, and only with it");
        }
        if ((model == Model.BISNN) != (bisnn != null)) {
            throw new IllegalArgumentException("the bisnn settings go with model bisnn, and only with it");
        }
        if ((model == Model.BUCHEL) != (buchel != null)) {
            throw new IllegalArgumentException("the buchel settings go with model buchel, and only with it");
        }
    }

    /** Science without binary-weight settings ({@link BinarySettings#DEFAULTS}). */
    public Science(long globalSeed, double trainFraction, Network network, DistortionSettings chip, MhSettings mh,
                   BpSettings bp, DeploymentSettings deployment, Model model, CubaScience cuba, BisnnScience bisnn) {
        this(globalSeed, trainFraction, network, chip, mh, bp, deployment, model, cuba, bisnn, BinarySettings.DEFAULTS,
                null);
    }

    /** A {@link Model#LIF} science. */
    public Science(long globalSeed, double trainFraction, Network network, DistortionSettings chip, MhSettings mh,
                   BpSettings bp, DeploymentSettings deployment) {
        this(globalSeed, trainFraction, network, chip, mh, bp, deployment, Model.LIF, null, null);
    }

    /** Science without deployment questions ({@link DeploymentSettings#DEFAULTS}). */
    public Science(long globalSeed, double trainFraction, Network network, DistortionSettings chip, MhSettings mh,
                   BpSettings bp) {
        this(globalSeed, trainFraction, network, chip, mh, bp, DeploymentSettings.DEFAULTS);
    }

    /** The METHOD.md defaults with the given global seed. */
    public static Science defaults(long globalSeed) {
        return new Science(globalSeed, 0.7, new Network(new int[] {30, 20, 2}, 20, 0.9, 1.0),
                DistortionSettings.DEFAULTS, MhSettings.DEFAULTS, BpSettings.DEFAULTS);
    }

    /** The same science with other deployment settings. */
    public Science withDeployment(DeploymentSettings d) {
        return new Science(globalSeed, trainFraction, network, chip, mh, bp, d, model, cuba, bisnn, binary, buchel);
    }

    /** The same science with other binary-weight settings (methods bp-st, bp-bayes, mh-sign). */
    public Science withBinary(BinarySettings b) {
        return new Science(globalSeed, trainFraction, network, chip, mh, bp, deployment, model, cuba, bisnn, b, buchel);
    }

    /** The layer sizes of {@code cell}'s network (the init stream's field): the model's, with its hidden axis. */
    public int[] layers(Cell cell) {
        if (model == Model.CUBA) {
            return new int[] {cuba.network().inputs(), (int) cell.param("hidden", cuba.network().hidden()),
                    cuba.network().outputs()};
        }
        if (model == Model.BISNN) {
            return BisnnCells.settings(bisnn.training(), cell).layerArray();
        }
        if (model == Model.BUCHEL) {
            return new int[] {1, buchel.settings().neurons(), 1};
        }
        return network.layers();
    }

    /** The same settings for a {@link Model#CUBA} job with {@code cuba}. */
    public Science withCuba(CubaScience c) {
        return new Science(globalSeed, trainFraction, network, chip, mh, bp, deployment, Model.CUBA, c, null, binary,
                null);
    }

    /** The same settings for a {@link Model#BISNN} job with {@code b}. */
    public Science withBisnn(BisnnScience b) {
        return new Science(globalSeed, trainFraction, network, chip, mh, bp, deployment, Model.BISNN, null, b, binary,
                null);
    }

    /** The same settings for a {@link Model#BUCHEL} job with {@code b}. */
    public Science withBuchel(BuchelScience b) {
        return new Science(globalSeed, trainFraction, network, chip, mh, bp, deployment, Model.BUCHEL, null, null,
                binary, b);
    }
}
