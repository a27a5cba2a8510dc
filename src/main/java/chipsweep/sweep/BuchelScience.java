package chipsweep.sweep;

import chipsweep.data.GeneratedData;
import chipsweep.train.BuchelSettings;
import java.io.Serializable;

/**
 * The science of a {@link Model#BUCHEL} job (spec/BUCHEL.md): the network, training and evaluation settings
 * ({@link BuchelSettings}); each cell generates its temporal XOR trials.
 *
 * <p>Thread-safety: immutable.
 */
public record BuchelScience(BuchelSettings settings) implements Serializable {
    public BuchelScience {
        if (settings == null) {
            throw new IllegalArgumentException("the buchel settings must be given");
        }
    }

    /** The task each cell generates (its test trials per cell as the test size). */
    public GeneratedData data() {
        return new GeneratedData(GeneratedData.TEMPORAL_XOR, settings.testTrials(), 0);
    }
}
