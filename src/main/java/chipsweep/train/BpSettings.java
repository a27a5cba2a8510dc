package chipsweep.train;

import java.io.Serializable;

/**
 * Surrogate-gradient backprop settings (METHOD.md section 5.2; defaults {@link #DEFAULTS}): Adam
 * ({@code learningRate}, {@code beta1}, {@code beta2}, {@code epsilon}), minibatch size, epochs, the fast-sigmoid
 * surrogate's slope {@code k} in {@code ds/du = 1 / (1 + k |u - theta|)^2}, and the logit scale {@code gamma}.
 *
 * <p>Thread-safety: immutable.
 */
public record BpSettings(double learningRate, double beta1, double beta2, double epsilon, int batchSize, int epochs,
                         double surrogateSlope, double gamma) implements Serializable {
    public static final BpSettings DEFAULTS = new BpSettings(2e-3, 0.9, 0.999, 1e-8, 32, 150, 25.0, 10.0);

    public BpSettings {
        MhSettings.require(learningRate > 0 && Double.isFinite(learningRate), "learning_rate must be > 0 and finite", learningRate);
        MhSettings.require(beta1 >= 0 && beta1 < 1, "adam_beta1 must be in [0, 1)", beta1);
        MhSettings.require(beta2 >= 0 && beta2 < 1, "adam_beta2 must be in [0, 1)", beta2);
        MhSettings.require(epsilon > 0 && Double.isFinite(epsilon), "adam_epsilon must be > 0 and finite", epsilon);
        MhSettings.require(batchSize >= 1, "batch_size must be >= 1", batchSize);
        MhSettings.require(epochs >= 1, "epochs must be >= 1", epochs);
        MhSettings.require(surrogateSlope > 0 && Double.isFinite(surrogateSlope), "surrogate_slope must be > 0 and finite", surrogateSlope);
        MhSettings.require(gamma > 0 && Double.isFinite(gamma), "gamma must be > 0 and finite", gamma);
    }
}
