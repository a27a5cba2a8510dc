package chipsweep.chip;

/**
 * The nominal current-based LIF network of Cramer et al. 2022 ({@code spec/CRAMER.md} section 3):
 * {@code inputs} spike-raster inputs, {@code hidden} current-based LIF neurons, {@code outputs} non-spiking
 * leaky integrators, {@code steps} time steps of length {@code dt}, nominal membrane and synaptic time
 * constants {@code tauM}, {@code tauS} (in the units of {@code dt}) and nominal hidden threshold {@code theta}.
 * The chip's per-neuron values live in {@link CubaPhysics}.
 *
 * <p>Example: {@code CubaNetwork net = CubaNetwork.defaults(256, 10).withHidden(64).withSteps(25);}
 * gives 256-64-10, T = 25, dt = 1, tau_m = tau_s = 8, theta = 1.
 *
 * <p>Thread-safety: immutable.
 */
public record CubaNetwork(int inputs, int hidden, int outputs, int steps, double dt, double tauM, double tauS,
                          double theta) implements java.io.Serializable {
    /** The spec's default hidden size (the chip's 246 neurons). */
    public static final int DEFAULT_HIDDEN = 246;
    /** The spec's default number of steps. */
    public static final int DEFAULT_STEPS = 30;
    /** The spec's default tau_m and tau_s (units of dt). */
    public static final double DEFAULT_TAU = 8.0;
    /** The spec's default step length. */
    public static final double DEFAULT_DT = 1.0;
    /** The spec's default hidden threshold. */
    public static final double DEFAULT_THETA = 1.0;

    public CubaNetwork {
        if (!(inputs >= 1)) {
            throw new IllegalArgumentException("inputs must be >= 1, but was " + inputs);
        }
        if (!(hidden >= 1)) {
            throw new IllegalArgumentException("hidden must be >= 1, but was " + hidden);
        }
        if (!(outputs >= 1)) {
            throw new IllegalArgumentException("outputs must be >= 1, but was " + outputs);
        }
        if (!(steps >= 1)) {
            throw new IllegalArgumentException("steps must be >= 1, but was " + steps);
        }
        if (!(dt > 0 && Double.isFinite(dt))) {
            throw new IllegalArgumentException("dt must be > 0 and finite, but was " + dt);
        }
        if (!(tauM > 0 && Double.isFinite(tauM))) {
            throw new IllegalArgumentException("tau_m must be > 0 and finite, but was " + tauM);
        }
        if (!(tauS > 0 && Double.isFinite(tauS))) {
            throw new IllegalArgumentException("tau_s must be > 0 and finite, but was " + tauS);
        }
        if (!(theta > 0 && Double.isFinite(theta))) {
            throw new IllegalArgumentException("theta must be > 0 and finite, but was " + theta);
        }
    }

    /** {@code inputs}-246-{@code outputs}, T = 30, dt = 1, tau_m = tau_s = 8, theta = 1 (the spec's defaults). */
    public static CubaNetwork defaults(int inputs, int outputs) {
        return new CubaNetwork(inputs, DEFAULT_HIDDEN, outputs, DEFAULT_STEPS, DEFAULT_DT, DEFAULT_TAU, DEFAULT_TAU,
                DEFAULT_THETA);
    }

    public CubaNetwork withHidden(int h) {
        return new CubaNetwork(inputs, h, outputs, steps, dt, tauM, tauS, theta);
    }

    public CubaNetwork withSteps(int t) {
        return new CubaNetwork(inputs, hidden, outputs, t, dt, tauM, tauS, theta);
    }

    /** The same network with time constants {@code tauM} and {@code tauS}. */
    public CubaNetwork withTaus(double m, double s) {
        return new CubaNetwork(inputs, hidden, outputs, steps, dt, m, s, theta);
    }

    public CubaNetwork withTheta(double th) {
        return new CubaNetwork(inputs, hidden, outputs, steps, dt, tauM, tauS, th);
    }

    /** Layer sizes {@code [inputs, hidden, outputs]} (a fresh array). */
    public int[] layers() {
        return new int[] {inputs, hidden, outputs};
    }

    /** Entries of the flat input-to-hidden matrix {@code W1[i * hidden + j]}. */
    public int hiddenWeightCount() {
        return inputs * hidden;
    }

    /** Entries of the flat hidden-to-output matrix {@code W2[j * outputs + k]}. */
    public int outputWeightCount() {
        return hidden * outputs;
    }

    /** The nominal synaptic decay {@code exp(-dt / tau_s)}. */
    public double nominalAlpha() {
        return Math.exp(-dt / tauS);
    }

    /** The nominal membrane decay {@code exp(-dt / tau_m)}. */
    public double nominalBeta() {
        return Math.exp(-dt / tauM);
    }
}
