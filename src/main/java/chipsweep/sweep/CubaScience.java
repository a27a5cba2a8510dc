package chipsweep.sweep;

import chipsweep.chip.CubaNetwork;
import chipsweep.data.LatencyCode;
import chipsweep.train.CubaSettings;
import java.io.Serializable;

/**
 * The science of a {@link Model#CUBA} job (spec/CRAMER.md): the nominal network (its hidden size is the default
 * of the {@code hidden} axis), the latency code of the inputs, the chip's fresh membrane noise ({@code noise}, sd
 * per step; 0 = off) and output clipping ({@code vClip}; 0 = off), and the training settings (whose {@code rho_b}
 * is the default of the {@code rho_b} axis and whose {@code w_max} is the hidden layer's 7-bit range; 0 = full
 * precision).
 *
 * <p>Thread-safety: immutable.
 */
public record CubaScience(CubaNetwork network, LatencyCode code, double noise, double vClip, CubaSettings training)
        implements Serializable {
    public CubaScience {
        if (network == null || code == null || training == null) {
            throw new IllegalArgumentException("the cuba network, code and training settings must be given");
        }
        if (!(noise >= 0 && Double.isFinite(noise))) {
            throw new IllegalArgumentException("noise must be >= 0 and finite, but was " + noise);
        }
        if (!(vClip >= 0 && Double.isFinite(vClip))) {
            throw new IllegalArgumentException("v_clip must be >= 0 and finite (0 = off), but was " + vClip);
        }
        if (code.steps() != network.steps()) {
            throw new IllegalArgumentException("steps of the latency code (" + code.steps() + ") and of the network ("
                    + network.steps() + ") must agree");
        }
    }

    /** The spec's defaults: 256-246-10, T 30, tau_m = tau_s = 8, theta 1; tau_in 3, theta_in 0.2; no noise. */
    public static CubaScience defaults() {
        return new CubaScience(CubaNetwork.defaults(256, 10), LatencyCode.DEFAULTS, 0.0, 0.0, CubaSettings.DEFAULTS);
    }
}
