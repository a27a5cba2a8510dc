package chipsweep.chip;

import java.io.Serializable;

/**
 * Settings of the distortion kinds that are not drawn at random: the quantiser's bit width and clip range.
 *
 * <p>Thread-safety: immutable.
 */
public record DistortionSettings(int quantizeBits, double quantizeMax) implements Serializable {
    /** 7-bit signed weights clipped to [-2, 2]. */
    public static final DistortionSettings DEFAULTS = new DistortionSettings(7, 2.0);

    public DistortionSettings {
        if (!(quantizeBits >= 2 && quantizeBits <= 32)) {
            throw new IllegalArgumentException("quantize_bits must be in [2, 32], but was " + quantizeBits);
        }
        if (!(quantizeMax > 0 && Double.isFinite(quantizeMax))) {
            throw new IllegalArgumentException("quantize_max must be > 0 and finite, but was " + quantizeMax);
        }
    }
}
