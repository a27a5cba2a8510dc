package chipsweep.sweep;

import chipsweep.data.GeneratedData;
import chipsweep.train.BisnnSettings;
import java.io.Serializable;

/**
 * The science of a {@link Model#BISNN} job (spec/BISNN.md): the network and learning settings, and the generated
 * task's size: test points per cell and the side of the uncertainty map's grid over [0, 1]^2.
 *
 * <p>Thread-safety: immutable.
 */
public record BisnnScience(BisnnSettings training, int testPoints, int gridSide) implements Serializable {
    public BisnnScience {
        if (training == null) {
            throw new IllegalArgumentException("the bisnn settings must be given");
        }
        new GeneratedData("two-moons", testPoints, gridSide); // validates both, naming them
    }

    /** The spec's two-moons settings (BisnnSettings.TWO_MOONS), 200 test points, a 21 x 21 grid. */
    public static BisnnScience defaults() {
        return new BisnnScience(BisnnSettings.TWO_MOONS, 200, 21);
    }

    /** The task each cell generates. */
    public GeneratedData data() {
        return new GeneratedData("two-moons", testPoints, gridSide);
    }
}
