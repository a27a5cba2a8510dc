package chipsweep.train;

import chipsweep.chip.CubaChip;
import chipsweep.chip.SimulatedCubaChip;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Surrogate-gradient training of the current-based network ({@code spec/CRAMER.md} section 4): per epoch a
 * fresh shuffle drawn from the trainer's generator, then per minibatch of {@code batch_size} (the last one
 * smaller): program the weights, record the minibatch's forward pass, evaluate {@link CubaLoss} on the
 * recording, back-propagate with {@link CubaBptt} (the ideal model, measurements injected) and take one
 * {@link Adam} step.
 *
 * <p>{@link #inTheLoop} records the forward pass on the given chip (decalibrated, quantised, noisy: whatever it
 * is; the trainer sees only {@link CubaChip}) and counts every recorded sample as a chip evaluation.
 * {@link #offline} records it on the ideal model of the chip's nominal network and never runs the chip (0
 * evaluations): that is {@code software} and the training half of {@code transfer}. Both share every other line,
 * so on an ideal, noiseless, full-precision chip they give the same weights bit for bit.
 *
 * <p>Example:
 * <pre>{@code
 * CubaWeights w0 = CubaWeights.gaussian(net, s.initScale(), Streams.generator(initSeed));
 * CubaTrainResult r = CubaTrainer.inTheLoop(s).train(chip, train, w0, Streams.generator(orderSeed));
 * }</pre>
 *
 * <p>Thread-safety: immutable; {@link #train} is confined to the calling thread. After the buffers of the
 * first minibatch, a training step allocates nothing.
 */
public final class CubaTrainer {
    private final CubaSettings settings;
    private final boolean inTheLoop;

    private CubaTrainer(CubaSettings settings, boolean inTheLoop) {
        if (settings == null) {
            throw new IllegalArgumentException("settings must be given");
        }
        this.settings = settings;
        this.inTheLoop = inTheLoop;
    }

    /** {@code itl}: forward on the chip, backward through the ideal model with the measurements injected. */
    public static CubaTrainer inTheLoop(CubaSettings settings) {
        return new CubaTrainer(settings, true);
    }

    /** {@code software} / {@code transfer}'s training: forward and backward on the ideal model. */
    public static CubaTrainer offline(CubaSettings settings) {
        return new CubaTrainer(settings, false);
    }

    public CubaSettings settings() {
        return settings;
    }

    /**
     * Trains from {@code initial} on {@code data}, drawing the minibatch order from {@code order}; the chip is
     * used only if this trainer is in the loop.
     */
    public CubaTrainResult train(CubaChip chip, CubaData data, CubaWeights initial, RandomGenerator order) {
        CubaTraining run = start(chip, data, initial);
        List<CubaTrainResult.Epoch> curve = new ArrayList<>(settings.epochs());
        for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
            curve.add(run.epoch(order));
        }
        return new CubaTrainResult(run.weights(), run.sampleEvaluations(), curve);
    }

    /**
     * A training run of this trainer, ready for its first epoch: {@link #train} is this plus
     * {@code epochs} calls of {@link CubaTraining#epoch}.
     */
    public CubaTraining start(CubaChip chip, CubaData data, CubaWeights initial) {
        return new CubaTraining(settings, chip, inTheLoop ? chip : SimulatedCubaChip.ideal(chip.network()), data,
                initial);
    }
}
