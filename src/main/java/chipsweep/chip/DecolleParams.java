package chipsweep.chip;

import java.io.Serializable;

/**
 * Time constants of the DECOLLE-style LIF layer (BISNN.md section 1), in steps: membrane {@code tauMem},
 * synaptic {@code tauSyn}, refractory {@code tauRef}. The decays are {@code exp(-1/tau)}, computed once.
 * {@link #DEFAULTS}: 10, 6, 2.
 *
 * <p>Example: {@code new DecolleParams(10.0, 6.0, 2.0).alpha() // exp(-0.1)}
 *
 * <p>Thread-safety: immutable.
 */
public record DecolleParams(double tauMem, double tauSyn, double tauRef) implements Serializable {
    /** tau_mem = 10, tau_syn = 6, tau_ref = 2 steps. */
    public static final DecolleParams DEFAULTS = new DecolleParams(10.0, 6.0, 2.0);

    /** Validates the time constants, naming the setting and the value. */
    public DecolleParams {
        require(tauMem > 0 && Double.isFinite(tauMem), "tau_mem must be > 0 and finite", tauMem);
        require(tauSyn > 0 && Double.isFinite(tauSyn), "tau_syn must be > 0 and finite", tauSyn);
        require(tauRef > 0 && Double.isFinite(tauRef), "tau_ref must be > 0 and finite", tauRef);
    }

    /** Membrane decay {@code exp(-1/tau_mem)} (the P trace). */
    public double alpha() {
        return Math.exp(-1.0 / tauMem);
    }

    /** Synaptic decay {@code exp(-1/tau_syn)} (the Q trace). */
    public double beta() {
        return Math.exp(-1.0 / tauSyn);
    }

    /** Refractory decay {@code exp(-1/tau_ref)} (the R trace). */
    public double alphaRef() {
        return Math.exp(-1.0 / tauRef);
    }

    private static void require(boolean ok, String what, Object value) {
        if (!ok) {
            throw new IllegalArgumentException(what + ", but was " + value);
        }
    }
}
