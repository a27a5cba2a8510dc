package chipsweep.chip;

import java.util.random.RandomGenerator;

/**
 * A {@link CubaChip} simulated by {@link CubaKernel} on one {@link CubaPhysics} (decalibrated, quantised, noisy
 * as that physics says). Membrane noise is drawn from the generator given at construction, continuing from
 * pass to pass, so every evaluation sees fresh noise and a run is repeatable from the generator's seed.
 *
 * <p>Example:
 * <pre>{@code
 * CubaPhysics p = CubaPhysics.decalibrated(net, 0.3, Streams.generator(decalSeed))
 *         .withQuantization(1.0).withMembraneNoise(0.02);
 * CubaChip chip = SimulatedCubaChip.of(p, Streams.generator(noiseSeed));
 * }</pre>
 *
 * <p>Thread-safety: mutable, confined to one thread.
 */
public final class SimulatedCubaChip implements CubaChip {
    private final CubaKernel kernel;
    private final RandomGenerator noise;
    private long samples;

    private SimulatedCubaChip(CubaPhysics physics, RandomGenerator noise) {
        this.kernel = new CubaKernel(physics);
        this.noise = noise;
    }

    /** A chip of {@code physics}; {@code noise} may be null only if the physics has no membrane noise. */
    public static SimulatedCubaChip of(CubaPhysics physics, RandomGenerator noise) {
        if (physics == null) {
            throw new IllegalArgumentException("a chip physics must be given");
        }
        if (noise == null && physics.noiseSd() > 0) {
            throw new IllegalArgumentException("a chip with membrane noise sd " + physics.noiseSd()
                    + " needs a noise generator");
        }
        return new SimulatedCubaChip(physics, noise);
    }

    /** The ideal model of {@code net}: nominal neurons, full-precision weights, no noise, no clipping. */
    public static SimulatedCubaChip ideal(CubaNetwork net) {
        return of(CubaPhysics.ideal(net), null);
    }

    @Override
    public CubaNetwork network() {
        return kernel.network();
    }

    @Override
    public void program(double[] w1, double[] w2) {
        kernel.program(w1, w2);
    }

    @Override
    public void forward(CubaInput x, int[] order, int from, int to, CubaReadout out) {
        kernel.forward(x, order, from, to, out, noise);
        samples += to - from;
    }

    @Override
    public void record(CubaInput x, int[] order, int from, int to, CubaRecording rec) {
        kernel.record(x, order, from, to, rec, noise);
        samples += to - from;
    }

    /** Deterministic unless its physics has membrane noise. */
    @Override
    public boolean deterministic() {
        return kernel.physics().noiseSd() == 0.0;
    }

    @Override
    public long sampleEvaluations() {
        return samples;
    }

    @Override
    public String toString() {
        return "SimulatedCubaChip[" + kernel.physics() + "]";
    }
}
