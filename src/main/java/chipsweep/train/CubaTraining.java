package chipsweep.train;

import chipsweep.chip.CubaChip;
import chipsweep.chip.CubaNetwork;
import chipsweep.chip.CubaRecording;
import chipsweep.rng.Streams;
import java.util.random.RandomGenerator;

/**
 * One training run of a {@link CubaTrainer} in progress: the host's weights, Adam's moments and every buffer of
 * a minibatch step, allocated once. {@link #epoch} draws a fresh shuffle from the given generator, then per
 * minibatch programs the forward chip once, records the minibatch and back-propagates it ({@link CubaLoss},
 * {@link CubaBptt}) {@value #CHUNK} samples at a time, accumulating one gradient, and takes one {@link Adam} step.
 * After the first epoch (which makes the recording of a short last part) an epoch allocates only its returned
 * point.
 *
 * <p>Example: {@code CubaTraining run = trainer.start(chip, data, w0); run.epoch(order); run.weights();}
 *
 * <p>Thread-safety: mutable, confined to one thread.
 */
public final class CubaTraining {
    /**
     * Samples recorded and back-propagated at a time within a minibatch: the traces of 20 samples (2.4 MB at
     * H 246, T 30) stay in cache between the forward and the backward pass, those of 100 do not (record 25 -> 18,
     * backward 41 -> 26 us per image). The gradient is the same, bit for bit.
     */
    static final int CHUNK = 20;

    private final CubaChip chip;
    private final CubaChip forward;
    private final CubaData data;
    private final int batch;
    private final int chunk;
    private final CubaNetwork net;
    private final CubaRecording full;
    private final CubaRecording[] rests;
    private final CubaLoss loss;
    private final CubaBptt bptt;
    private final Adam adam;
    private final double[][] w;
    private final double[][] g;
    private final int[] labels;
    private final int[] perm;
    private final long evaluationsBefore;
    private final LrSchedule schedule;
    private final int plannedEpochs;
    private int epochs;

    CubaTraining(CubaSettings s, CubaChip chip, CubaChip forward, CubaData data, CubaWeights initial) {
        this(s, chip, forward, data, initial, CHUNK);
    }

    /** With minibatches recorded and back-propagated {@code chunk} samples at a time (same gradients). */
    CubaTraining(CubaSettings s, CubaChip chip, CubaChip forward, CubaData data, CubaWeights initial, int chunk) {
        CubaNetwork net = chip.network();
        if (data.input().inputs() != net.inputs() || data.input().steps() != net.steps()) {
            throw new IllegalArgumentException("data have " + data.input().inputs() + " inputs and "
                    + data.input().steps() + " steps, the network " + net.inputs() + " and " + net.steps());
        }
        this.chip = chip;
        this.forward = forward;
        this.data = data;
        int n = data.size();
        this.batch = Math.min(s.batchSize(), n);
        this.chunk = Math.min(chunk, batch);
        this.net = net;
        this.full = new CubaRecording(net, this.chunk);
        this.rests = new CubaRecording[this.chunk];
        this.loss = new CubaLoss(net, this.chunk, s.rhoA(), s.rhoB());
        this.bptt = new CubaBptt(net, s.surrogateBeta());
        this.adam = Adam.of(s, net.hiddenWeightCount(), net.outputWeightCount());
        this.w = new double[][] {initial.w1(), initial.w2()};
        this.g = new double[][] {new double[w[0].length], new double[w[1].length]};
        this.labels = data.labelsView();
        this.perm = new int[n];
        this.evaluationsBefore = chip.sampleEvaluations();
        this.schedule = s.schedule();
        this.plannedEpochs = s.epochs();
    }

    /**
     * One epoch over the data in an order drawn from {@code order}, at the learning rate the schedule gives this
     * epoch (epochs past the settings' count keep the last one's); its mean loss, accuracy and spikes.
     */
    public CubaTrainResult.Epoch epoch(RandomGenerator order) {
        adam.scaleLearningRate(schedule.factor(Math.min(epochs, plannedEpochs - 1), plannedEpochs));
        int n = perm.length;
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
            forward.program(w[0], w[1]);
            bptt.begin(w[1], g[1]);
            for (int part = from; part < to; part += chunk) {
                int end = Math.min(to, part + chunk);
                CubaRecording rec = end - part == chunk ? full : rest(end - part);
                forward.record(data.input(), perm, part, end, rec);
                lossSum += loss.evaluatePart(rec, end - part, rows, labels, perm, part) * rows;
                for (int r = 0; r < end - part; r++) {
                    correct += rec.readout().prediction(r) == labels[perm[part + r]] ? 1 : 0;
                    spikes += rec.readout().hiddenSpikes(r);
                }
                bptt.accumulate(data.input(), perm, part, rec, loss, g[1]);
            }
            bptt.end(g[0]);
            adam.step(w, g);
        }
        epochs++;
        return new CubaTrainResult.Epoch(epochs, lossSum / n, (double) correct / n, (double) spikes / n);
    }

    /** A recording of {@code rows} (fewer than a chunk) samples, made at first use. */
    private CubaRecording rest(int rows) {
        CubaRecording r = rests[rows];
        if (r == null) {
            r = new CubaRecording(net, rows);
            rests[rows] = r;
        }
        return r;
    }

    /** The host's current weights (a copy). */
    public CubaWeights weights() {
        return new CubaWeights(w[0], w[1]);
    }

    /** The chip's sample evaluations since this run started (0 unless in the loop). */
    public long sampleEvaluations() {
        return chip.sampleEvaluations() - evaluationsBefore;
    }
}
