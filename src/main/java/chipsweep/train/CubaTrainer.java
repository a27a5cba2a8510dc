package chipsweep.train;

import chipsweep.chip.CubaChip;
import chipsweep.chip.CubaNetwork;
import chipsweep.chip.CubaRecording;
import chipsweep.chip.SimulatedCubaChip;
import chipsweep.rng.Streams;
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
        CubaNetwork net = chip.network();
        if (data.input().inputs() != net.inputs() || data.input().steps() != net.steps()) {
            throw new IllegalArgumentException("data have " + data.input().inputs() + " inputs and "
                    + data.input().steps() + " steps, the network " + net.inputs() + " and " + net.steps());
        }
        CubaChip forward = inTheLoop ? chip : SimulatedCubaChip.ideal(net);
        long before = chip.sampleEvaluations();
        CubaSettings s = settings;
        int n = data.size();
        int batch = Math.min(s.batchSize(), n);
        CubaRecording full = new CubaRecording(net, batch);
        CubaRecording rest = n % batch == 0 ? full : new CubaRecording(net, n % batch);
        CubaLoss loss = new CubaLoss(net, batch, s.rhoA(), s.rhoB());
        CubaBptt bptt = new CubaBptt(net, s.surrogateBeta());
        Adam adam = Adam.of(s, net.hiddenWeightCount(), net.outputWeightCount());
        double[][] w = {initial.w1(), initial.w2()};
        double[][] g = {new double[w[0].length], new double[w[1].length]};
        int[] labels = data.labelsView();
        int[] perm = new int[n];
        List<CubaTrainResult.Epoch> curve = new ArrayList<>(s.epochs());
        for (int epoch = 1; epoch <= s.epochs(); epoch++) {
            for (int i = 0; i < n; i++) {
                perm[i] = i;
            }
            Streams.shuffle(perm, order);
            double lossSum = 0.0;
            long correct = 0;
            long spikes = 0;
            for (int from = 0; from < n; from += batch) {
                int to = Math.min(n, from + batch);
                int rows = to - from;
                CubaRecording rec = rows == batch ? full : rest;
                forward.program(w[0], w[1]);
                forward.record(data.input(), perm, from, to, rec);
                lossSum += loss.evaluate(rec, rows, labels, perm, from) * rows;
                for (int r = 0; r < rows; r++) {
                    correct += rec.readout().prediction(r) == labels[perm[from + r]] ? 1 : 0;
                    spikes += rec.readout().hiddenSpikes(r);
                }
                bptt.backward(data.input(), perm, from, rec, loss, w[1], g[0], g[1]);
                adam.step(w, g);
            }
            curve.add(new CubaTrainResult.Epoch(epoch, lossSum / n, (double) correct / n, (double) spikes / n));
        }
        long used = chip.sampleEvaluations() - before;
        return new CubaTrainResult(new CubaWeights(w[0], w[1]), used, curve);
    }
}
