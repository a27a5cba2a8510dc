package chipsweep.train;

import chipsweep.chip.Network;
import java.io.Serializable;

/**
 * Settings of the binary-weight methods on the LIF chip ({@code bp-st}, {@code bp-bayes}, {@code mh-sign};
 * docs/binary-chip.md): a binary weight of layer l is {@code +-scale / sqrt(fan_in_l)}, the sd the initial
 * weights of every method are drawn with, so a binary network starts with the same per-layer rms as a
 * full-precision one. The Bayesian rule's {@code lr_bayes}, {@code rho}, {@code temperature} and {@code prior_p}
 * are those of BISNN.md section 2 ({@link BinaryWeights#bayesStep}, plain SGD on the natural parameters).
 * {@code initial_flips} is the number of signs {@code mh-sign}'s first proposals flip; like {@code mh}'s step it
 * adapts during burn-in.
 *
 * <p>The scale is a setting, not a sampled parameter: the three binary methods then deploy on the same weight
 * grid and differ only in how they choose the signs, and the sign chain stays a chain over a discrete space (its
 * flat Gaussian prior, equal on every pattern, needs no tuning).
 *
 * <p>Every refusal is one line, {@code field_name must ..., but was VALUE}.
 *
 * <p>Thread-safety: immutable.
 */
public record BinarySettings(double scale, double lrBayes, double rho, double temperature, double priorP,
                             double initialFlips) implements Serializable {
    /**
     * Scale 1 (the init sd); lr_bayes 30 and rho 5e-6, the values of jobs/bisnn2021.json (BISNN.md's rho 5e-4
     * with a learning rate of this order shrinks the natural parameters by {@code 1 - lr*rho} per step and keeps
     * the posterior near uniform, see {@link BisnnSettings#TWO_MOONS}); tau 1 and p0 0.5 as BISNN.md; one flip to
     * start.
     */
    public static final BinarySettings DEFAULTS = new BinarySettings(1.0, 30.0, 5e-6, 1.0, 0.5, 1.0);

    public BinarySettings {
        MhSettings.require(scale > 0 && Double.isFinite(scale), "scale must be > 0 and finite", scale);
        MhSettings.require(lrBayes > 0 && Double.isFinite(lrBayes), "lr_bayes must be > 0 and finite", lrBayes);
        MhSettings.require(rho >= 0 && Double.isFinite(rho), "rho must be >= 0 and finite", rho);
        MhSettings.require(temperature > 0 && Double.isFinite(temperature), "temperature must be > 0 and finite",
                temperature);
        MhSettings.require(priorP > 0 && priorP < 1, "prior_p must be in (0, 1)", priorP);
        MhSettings.require(initialFlips >= 1 && Double.isFinite(initialFlips), "initial_flips must be >= 1 and finite",
                initialFlips);
    }

    /** The magnitude of layer l's binary weights: {@code scale / sqrt(fan_in_l)}. */
    public double layerScale(Network net, int l) {
        return scale / Math.sqrt(net.size(l));
    }

    /** The prior's natural parameter {@code w0 = 0.5 ln(p0 / (1 - p0))}. */
    public double priorNatural() {
        return BinaryWeights.priorNatural(priorP);
    }

    /** {@code w[l][k] = layerScale(l) * sign(from[l][k])} (sign(0) = +1), into {@code w}. */
    public void binarise(Network net, double[][] from, double[][] w) {
        for (int l = 0; l < from.length; l++) {
            binariseLayer(from[l], w[l], layerScale(net, l));
        }
    }

    /** {@code w[k] = s * sign(from[k])} (sign(0) = +1). */
    static void binariseLayer(double[] from, double[] w, double s) {
        BinaryWeights.sign(from, w);
        for (int k = 0; k < w.length; k++) {
            w[k] = s * w[k];
        }
    }
}
