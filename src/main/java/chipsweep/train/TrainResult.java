package chipsweep.train;

/**
 * What a trainer hands back: the weights to deploy (flat row-major per layer) and its diagnostics.
 *
 * <p>Thread-safety: immutable by convention (arrays are copied in; callers must not modify what they get).
 */
public record TrainResult(double[][] weights, Diagnostics diagnostics) {
    public TrainResult {
        weights = Weights.copy(weights);
    }
}
