package chipsweep.chip;

/**
 * Weight quantisation (METHOD.md section 4, "quantize"): programmed weights are clipped to
 * {@code [-wMax, wMax]} and rounded to the nearest of {@code 2L + 1} evenly spaced signed levels, applied
 * before any other distortion. {@code sigma} scales the level spacing: {@code L = floor((2^(bits-1) - 1) / sigma)},
 * so sigma 1 is a {@code bits}-bit signed weight memory (BrainScaleS-2: 7 bits), sigma 2 has half as many
 * levels, and a sigma so large that {@code L = 0} leaves only the level 0.
 *
 * <p>Thread-safety: immutable.
 */
public record Quantize(double sigma, int bits, double wMax) implements Distortion {
    public Quantize {
        if (!(sigma >= 0 && Double.isFinite(sigma))) {
            throw new IllegalArgumentException("quantize sigma must be >= 0 and finite, but was " + sigma);
        }
        if (!(bits >= 2 && bits <= 32)) {
            throw new IllegalArgumentException("quantize bits must be in [2, 32], but was " + bits);
        }
        if (!(wMax > 0 && Double.isFinite(wMax))) {
            throw new IllegalArgumentException("quantize w_max must be > 0 and finite, but was " + wMax);
        }
    }

    /** Levels on each side of zero. */
    public double levels() {
        return Math.floor(((1L << (bits - 1)) - 1) / sigma);
    }

    @Override
    public String kind() {
        return "quantize";
    }

    @Override
    public void applyTo(ChipPhysics.Builder b) {
        b.quantize(levels(), wMax);
    }
}
