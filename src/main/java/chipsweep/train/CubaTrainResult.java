package chipsweep.train;

import java.util.List;

/**
 * What a {@link CubaTrainer} hands back: the weights to deploy, the chip's sample evaluations the training used
 * (every recorded sample for {@code itl}, 0 for {@code software} and {@code transfer}) and one point per epoch.
 *
 * <p>Thread-safety: immutable.
 */
public record CubaTrainResult(CubaWeights weights, long sampleEvaluations, List<Epoch> curve) {
    public CubaTrainResult {
        curve = List.copyOf(curve);
    }

    /**
     * One epoch: mean minibatch loss, accuracy of the training forward passes and their mean hidden spikes per
     * image, all measured on the pass that produced the gradient.
     */
    public record Epoch(int epoch, double loss, double trainAccuracy, double hiddenSpikesPerImage) {
    }
}
