package chipsweep.train;

import java.io.Serializable;

/**
 * Metropolis-Hastings settings (METHOD.md section 5.1; the defaults are {@link #DEFAULTS}): iterations and
 * burn-in, initial proposal step and its adaptation (every {@code adaptEvery} burn-in iterations,
 * {@code s <- s * exp(acceptance - targetAcceptance)}), Gaussian prior sd, likelihood tempering
 * {@code lambda = max(1, likelihoodN0 / N)}, logit scale {@code gamma}, chain-trace thinning.
 *
 * <p>Thread-safety: immutable.
 */
public record MhSettings(int iterations, int burnIn, double initialStep, int adaptEvery, double targetAcceptance,
                         double priorSd, double likelihoodN0, double gamma, int traceEvery) implements Serializable {
    public static final MhSettings DEFAULTS = new MhSettings(6000, 2000, 0.02, 100, 0.25, 1.0, 64, 10.0, 50);

    public MhSettings {
        require(iterations >= 1, "iterations must be >= 1", iterations);
        require(burnIn >= 0 && burnIn < iterations, "burn_in must be >= 0 and < iterations (" + iterations + ")", burnIn);
        require(initialStep > 0 && Double.isFinite(initialStep), "initial_step must be > 0 and finite", initialStep);
        require(adaptEvery >= 1, "adapt_every must be >= 1", adaptEvery);
        require(targetAcceptance > 0 && targetAcceptance < 1, "target_acceptance must be in (0, 1)", targetAcceptance);
        require(priorSd > 0 && Double.isFinite(priorSd), "prior_sd must be > 0 and finite", priorSd);
        require(likelihoodN0 >= 0 && Double.isFinite(likelihoodN0), "likelihood_n0 must be >= 0 and finite", likelihoodN0);
        require(gamma > 0 && Double.isFinite(gamma), "gamma must be > 0 and finite", gamma);
        require(traceEvery >= 1, "trace_every must be >= 1", traceEvery);
    }

    static void require(boolean ok, String what, Object value) {
        if (!ok) {
            throw new IllegalArgumentException(what + ", but was " + value);
        }
    }
}
