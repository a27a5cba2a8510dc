package chipsweep.chip;

/**
 * Gaussian membrane noise (METHOD.md section 4, "noise"): every step, every neuron's membrane gets
 * {@code sigma * eta}, {@code eta ~ N(0,1)}, drawn fresh for each evaluation from the cell's noise stream:
 * evaluation k of a chip uses the generator seeded with {@code Seeds.child(seed, k)}, so a run is repeatable
 * while two evaluations of the same weights differ. This makes the chip stochastic: MH then compares a fresh
 * noisy likelihood of the proposal with the cached one of the current state (a noisy, not an exact, chain).
 *
 * <p>Thread-safety: immutable.
 */
public record Noise(double sigma, long seed) implements Distortion {
    public Noise {
        if (!(sigma >= 0 && Double.isFinite(sigma))) {
            throw new IllegalArgumentException("noise sigma must be >= 0 and finite, but was " + sigma);
        }
    }

    @Override
    public String kind() {
        return "noise";
    }

    @Override
    public void applyTo(ChipPhysics.Builder b) {
        b.noise(sigma, seed);
    }
}
