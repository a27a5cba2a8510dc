package chipsweep.chip;

import java.io.Serializable;

/**
 * A chip instance's non-ideality, frozen once drawn (METHOD.md section 4). Each kind is scaled by
 * {@code sigma}; a distortion with {@code sigma == 0} is never built (the chip is then exactly ideal).
 * Instances are made by {@link Distortions#draw} from a chip seed, or explicitly (golden files, tests).
 *
 * <p>Thread-safety: immutable.
 */
public sealed interface Distortion extends Serializable
        permits Distortion.Ideal, Mismatch, Nonlin, NeuronMismatch, Quantize, Noise, Composite {

    /** The kind's name as in job files: {@code none}, {@code mismatch}, {@code mismatch+nonlin}, ... */
    String kind();

    /** The scale of the distortion; 0 for the ideal chip. */
    double sigma();

    /** Writes this distortion's effect into the chip's physical parameters. */
    void applyTo(ChipPhysics.Builder physics);

    /** The ideal chip: effective weights equal programmed weights, identity transfer, nominal neurons. */
    record Ideal() implements Distortion {
        public static final Ideal INSTANCE = new Ideal();

        @Override
        public String kind() {
            return "none";
        }

        @Override
        public double sigma() {
            return 0.0;
        }

        @Override
        public void applyTo(ChipPhysics.Builder physics) {
            // nothing: the builder starts ideal
        }
    }
}
