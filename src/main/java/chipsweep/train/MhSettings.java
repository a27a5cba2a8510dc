package chipsweep.train;

import java.io.Serializable;

/**
 * Metropolis-Hastings settings (METHOD.md section 5.1; the defaults are {@link #DEFAULTS}): iterations and
 * burn-in, initial proposal step and its adaptation (every {@code adaptEvery} burn-in iterations,
 * {@code s <- s * exp(acceptance - targetAcceptance)}), Gaussian prior sd, likelihood tempering
 * {@code lambda = max(1, likelihoodN0 / N)}, logit scale {@code gamma}, chain-trace thinning.
 *
 * <p>Convergence and the saturation plateau (issue #16): {@code chains} independent chains per cell (chain 0 is
 * today's chain; more chains cost their chip time, and the cell deploys the chain whose deployed weights fit the
 * training set best, see {@link MhChains}); {@code plateauShare}, the share of training samples with every output
 * neuron at T spikes from which a state counts as on the saturation plateau (see {@link Plateau}); and
 * {@code average}, which states the deployed posterior mean averages: {@link Average#ALL} post-burn-in states
 * (METHOD.md) or only those {@link Average#OFF_PLATEAU}.
 *
 * <p>Thread-safety: immutable.
 */
public record MhSettings(int iterations, int burnIn, double initialStep, int adaptEvery, double targetAcceptance,
                         double priorSd, double likelihoodN0, double gamma, int traceEvery, int chains,
                         double plateauShare, Average average) implements Serializable {
    /** METHOD.md section 5.1 as written: one chain, the posterior mean over every post-burn-in state. */
    public static final MhSettings SINGLE_CHAIN = new MhSettings(6000, 2000, 0.02, 100, 0.25, 1.0, 64, 10.0, 50);

    /**
     * METHOD.md's chain settings with issue #16's remedy: two chains, the better-fitting one deployed, its
     * posterior mean over the states off the plateau. Chosen by measurement (README, "MH convergence").
     */
    public static final MhSettings DEFAULTS = new MhSettings(6000, 2000, 0.02, 100, 0.25, 1.0, 64, 10.0, 50, 2, 0.25,
            Average.OFF_PLATEAU);

    /** Which post-burn-in states the deployed posterior mean averages. */
    public enum Average {
        /** Every post-burn-in state, repeats included (METHOD.md). */
        ALL("all"),
        /** The post-burn-in states not on the saturation plateau (all of them if every one is on it). */
        OFF_PLATEAU("off_plateau");

        private final String id;

        Average(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        /** The value of a job file's {@code mh.average}. */
        public static Average of(String id) {
            for (Average a : values()) {
                if (a.id.equals(id)) {
                    return a;
                }
            }
            throw new IllegalArgumentException("average must be all or off_plateau, but was " + id);
        }
    }

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
        require(chains >= 1 && chains <= 64, "chains must be in [1, 64]", chains);
        require(plateauShare > 0 && plateauShare <= 1, "plateau_share must be in (0, 1]", plateauShare);
        require(average != null, "average must be all or off_plateau", average);
    }

    /**
     * METHOD.md's single chain: one chain, the posterior mean over every post-burn-in state (the plateau from a
     * quarter of the samples saturated, for the diagnostics).
     */
    public MhSettings(int iterations, int burnIn, double initialStep, int adaptEvery, double targetAcceptance,
                      double priorSd, double likelihoodN0, double gamma, int traceEvery) {
        this(iterations, burnIn, initialStep, adaptEvery, targetAcceptance, priorSd, likelihoodN0, gamma, traceEvery,
                1, 0.25, Average.ALL);
    }

    /** The same settings with another number of iterations and burn-in (warm starts' budgets). */
    public MhSettings withIterations(int newIterations, int newBurnIn) {
        return new MhSettings(newIterations, newBurnIn, initialStep, adaptEvery, targetAcceptance, priorSd,
                likelihoodN0, gamma, traceEvery, chains, plateauShare, average);
    }

    /**
     * Whether the convergence settings are those of the single chain of METHOD.md section 5.1 (one chain, every
     * post-burn-in state averaged, the plateau at a quarter of the samples): the chain chipsweep ran before
     * issue #16, whose cells keep their ids (see {@code JobJson}).
     */
    public boolean singleChain() {
        return chains == 1 && plateauShare == 0.25 && average == Average.ALL;
    }

    static void require(boolean ok, String what, Object value) {
        if (!ok) {
            throw new IllegalArgumentException(what + ", but was " + value);
        }
    }
}
