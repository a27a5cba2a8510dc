package chipsweep.train;

import chipsweep.chip.Chip;
import java.util.random.RandomGenerator;

/**
 * A way of training a chip whose distortion is unknown: it programs and evaluates the chip, nothing else,
 * and returns the weights to deploy with its diagnostics.
 *
 * <p>Example: {@code TrainResult r = new MetropolisHastings(settings).train(chip, data, initial, rng);}
 *
 * <p>Thread-safety: implementations are immutable; one call uses the given chip and generator only.
 */
public interface Trainer {
    /**
     * Trains {@code chip} on {@code data}, starting from {@code initial} (not modified), drawing every random
     * number from {@code rng}.
     */
    TrainResult train(Chip chip, TrainingData data, double[][] initial, RandomGenerator rng);
}
