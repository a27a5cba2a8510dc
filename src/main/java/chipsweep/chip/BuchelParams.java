package chipsweep.chip;

import java.io.Serializable;

/**
 * The neuron and synapse constants of the recurrent LIF network of Büchel et al. 2021 (spec/BUCHEL.md section 2),
 * in seconds and membrane units, as the authors' code has them: Euler step {@code dt}, membrane {@code tauMem},
 * fast, slow and output synaptic time constants, threshold, rest and reset potentials, and the standard
 * deviation of the membrane noise current (a property of the chip, added at evaluation only; 0: none).
 *
 * <p>Example: {@code BuchelParams.DEFAULTS} (dt 1 ms, tau_mem 50 ms, tau_fast 1 ms, tau_slow = tau_out = 100 ms,
 * threshold 1, rest 0.5, reset 0, no noise).
 *
 * <p>Thread-safety: immutable.
 */
public record BuchelParams(double dt, double tauMem, double tauFast, double tauSlow, double tauOut, double vThresh,
                           double vRest, double vReset, double noise) implements Serializable {
    /** The authors' values (spec section 2), without membrane noise. */
    public static final BuchelParams DEFAULTS = new BuchelParams(0.001, 0.05, 0.001, 0.1, 0.1, 1.0, 0.5, 0.0, 0.0);

    public BuchelParams {
        if (!(dt > 0 && dt <= 0.01)) {
            throw new IllegalArgumentException("dt must be in (0, 0.01] seconds, but was " + dt);
        }
        for (double[] v : new double[][] {{tauMem, 0}, {tauFast, 1}, {tauSlow, 2}, {tauOut, 3}}) {
            if (!(v[0] >= dt && v[0] <= 10)) {
                throw new IllegalArgumentException(new String[] {"tau_mem", "tau_fast", "tau_slow", "tau_out"}[(int) v[1]]
                        + " must be in [dt, 10] seconds, but was " + v[0]);
            }
        }
        if (!(vThresh > vReset && Double.isFinite(vThresh) && vReset >= 0)) {
            throw new IllegalArgumentException("v_thresh must be finite and above v_reset >= 0, but was " + vThresh
                    + " (v_reset " + vReset + ")");
        }
        if (!(vRest >= 0 && vRest < vThresh)) {
            throw new IllegalArgumentException("v_rest must be in [0, v_thresh), but was " + vRest);
        }
        if (!(noise >= 0 && Double.isFinite(noise))) {
            throw new IllegalArgumentException("noise must be >= 0 and finite, but was " + noise);
        }
    }

    /** The same constants with membrane noise of sd {@code sd}. */
    public BuchelParams withNoise(double sd) {
        return new BuchelParams(dt, tauMem, tauFast, tauSlow, tauOut, vThresh, vRest, vReset, sd);
    }
}
