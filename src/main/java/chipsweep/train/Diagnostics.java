package chipsweep.train;

import java.util.List;

/**
 * A trainer's diagnostics: {@link Mh} for Metropolis-Hastings, {@link Bp} for the backprop family.
 *
 * <p>Thread-safety: immutable.
 */
public sealed interface Diagnostics {
    /**
     * MH: acceptance after and during burn-in, the frozen step, the likelihood temperature lambda, the MAP and
     * last samples, the thinned chain, and the saturation plateau (see {@link Plateau}): the share of post-burn-in
     * iterations the chain spent on it, and the iteration at which it last left it (-1: it never left one).
     * {@code chains} is the multi-chain summary of the cell (see {@link MhChains}); null from a lone
     * {@link MetropolisHastings} chain.
     */
    record Mh(double acceptanceRate, double burnInAcceptanceRate, double finalStep, double lambda,
              double[][] mapWeights, double[][] lastWeights, List<ChainPoint> chain, double plateauShare,
              int plateauExit, Chains chains) implements Diagnostics {
        public Mh {
            mapWeights = Weights.copy(mapWeights);
            lastWeights = Weights.copy(lastWeights);
            chain = List.copyOf(chain);
        }

        /** The same chain with the cell's multi-chain summary. */
        public Mh withChains(Chains c) {
            return new Mh(acceptanceRate, burnInAcceptanceRate, finalStep, lambda, mapWeights, lastWeights, chain,
                    plateauShare, plateauExit, c);
        }

        /** Whether the chain spent more than half of its post-burn-in iterations on the plateau. */
        public boolean collapsed() {
            return plateauShare > 0.5;
        }
    }

    /**
     * A cell's chains: how many ran, which one is deployed, how many collapsed, chain 0's plateau share (the lone
     * chain's of METHOD.md, for before/after comparisons), rank-normalised split-R-hat and
     * bulk ESS (over the post-burn-in trace points of every chain) of the log-likelihood and of the weight
     * summaries (per-layer norms; the largest R-hat and the smallest ESS among them), and every chain's trace.
     */
    record Chains(int count, int deployed, int collapsed, double firstPlateauShare, double rhatLoss, double essLoss, double rhatWeights,
                  double essWeights, List<List<ChainPoint>> traces) {
        public Chains {
            traces = traces.stream().map(List::copyOf).toList();
        }
    }

    /** Backprop: loss and training accuracy per epoch. */
    record Bp(List<EpochPoint> curve) implements Diagnostics {
        public Bp {
            curve = List.copyOf(curve);
        }
    }

    /**
     * One thinned point of an MH chain: acceptance over the last {@code traceEvery} iterations, the share of
     * training samples saturated in the current state (see {@link Plateau}), and the L2 norm of each weight layer.
     */
    record ChainPoint(int iteration, double logLikelihood, double logPrior, double acceptanceRate, double step,
                      double saturatedShare, List<Double> layerNorms) {
        public ChainPoint {
            layerNorms = List.copyOf(layerNorms);
        }
    }

    /** One epoch of backprop: mean minibatch loss and training accuracy of the chip's forward passes. */
    record EpochPoint(int epoch, double loss, double trainAccuracy) {
    }
}
