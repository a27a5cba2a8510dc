package chipsweep.data;

import java.io.Serializable;

/**
 * The latency code of CRAMER.md section 2: an input value x (a pixel in [0, 1]) is a current into an
 * input unit that spikes at most once, at time {@code t = tauIn * ln(x / (x - thetaIn))} for
 * {@code x > thetaIn}, in step {@code k = floor(t / dt)}; no spike ({@link #NO_SPIKE}) if
 * {@code x <= thetaIn} (or x is NaN) or {@code k >= steps}. The quotient is evaluated first, then
 * {@link Math#log}, which reproduces the golden files' {@code input_spike_steps} exactly.
 * {@link #DEFAULTS}: tau_in = 3, theta_in = 0.2, dt = 1, T = 30 (spikes fall in steps 0..9).
 *
 * <p>Example: {@code int[] k = LatencyCode.DEFAULTS.steps(Downsample.to16x16(image)); // 256 steps, -1 none}
 *
 * <p>Thread-safety: immutable.
 */
public record LatencyCode(double tauIn, double thetaIn, double dt, int steps) implements Serializable {
    /** The step of an input that does not spike. */
    public static final int NO_SPIKE = -1;
    /** tau_in = 3, theta_in = 0.2, dt = 1, T = 30. */
    public static final LatencyCode DEFAULTS = new LatencyCode(3.0, 0.2, 1.0, 30);

    /** Validates the settings, naming the job setting and the value. */
    public LatencyCode {
        require(tauIn > 0 && Double.isFinite(tauIn), "tau_in must be > 0 and finite", tauIn);
        require(thetaIn >= 0 && thetaIn < 1, "theta_in must be in [0, 1)", thetaIn);
        require(dt > 0 && Double.isFinite(dt), "dt must be > 0 and finite", dt);
        require(steps >= 1, "T must be >= 1", steps);
    }

    /** The step (0..steps-1) in which an input of value {@code x} spikes, or {@link #NO_SPIKE}. */
    public int step(double x) {
        if (!(x > thetaIn)) {
            return NO_SPIKE;
        }
        double t = tauIn * Math.log(x / (x - thetaIn));
        double k = Math.floor(t / dt);
        return k < steps ? (int) k : NO_SPIKE;
    }

    /** The step of every value of {@code x}, in order ({@link #NO_SPIKE} for none). */
    public int[] steps(double[] x) {
        int[] k = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            k[i] = step(x[i]);
        }
        return k;
    }

    /** The spikes of {@code x} as events per step (see {@link InputSpikes}). */
    public InputSpikes events(double[] x) {
        return InputSpikes.of(steps(x), steps);
    }

    private static void require(boolean ok, String what, Object value) {
        if (!ok) {
            throw new IllegalArgumentException(what + ", but was " + value);
        }
    }
}
