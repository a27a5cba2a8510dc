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
     * last samples, and the thinned chain.
     */
    record Mh(double acceptanceRate, double burnInAcceptanceRate, double finalStep, double lambda,
              double[][] mapWeights, double[][] lastWeights, List<ChainPoint> chain) implements Diagnostics {
        public Mh {
            mapWeights = Weights.copy(mapWeights);
            lastWeights = Weights.copy(lastWeights);
            chain = List.copyOf(chain);
        }
    }

    /** Backprop: loss and training accuracy per epoch. */
    record Bp(List<EpochPoint> curve) implements Diagnostics {
        public Bp {
            curve = List.copyOf(curve);
        }
    }

    /** One thinned point of an MH chain: acceptance over the last {@code traceEvery} iterations. */
    record ChainPoint(int iteration, double logLikelihood, double logPrior, double acceptanceRate, double step) {
    }

    /** One epoch of backprop: mean minibatch loss and training accuracy of the chip's forward passes. */
    record EpochPoint(int epoch, double loss, double trainAccuracy) {
    }
}
