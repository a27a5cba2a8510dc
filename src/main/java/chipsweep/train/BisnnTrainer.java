package chipsweep.train;

import chipsweep.chip.DecolleNetwork;
import chipsweep.chip.SpikeTrains;
import chipsweep.rng.Streams;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Trains a {@link DecolleNetwork} with one BiSNN rule (BISNN.md section 2): initial parameters of the
 * settings' {@link BisnnInit} drawn layer by layer, row-major; then per epoch a Fisher-Yates shuffle, and per batch of
 * {@code batch_size} samples (the last one smaller) T steps of {@link BisnnLearner}, one online update per step
 * after burn-in. Every draw (initial parameters, shuffles, relaxed samples) comes from the generator passed in,
 * in that order.
 *
 * <p>Example:
 * <pre>{@code
 * DecolleNetwork net = BisnnTrainer.network(s, 2, readoutRng);
 * BisnnModel m = new BisnnTrainer(s).train(net, trainSpikes, labels, BisnnRule.ST, trainRng);
 * }</pre>
 *
 * <p>Thread-safety: immutable; {@link #train} is confined to the calling thread.
 */
public final class BisnnTrainer {
    private final BisnnSettings settings;

    public BisnnTrainer(BisnnSettings settings) {
        this.settings = settings;
    }

    /** The network of the settings with random readouts ({@link DecolleNetwork#randomReadouts}) from {@code rng}. */
    public static DecolleNetwork network(BisnnSettings s, int classes, RandomGenerator rng) {
        int[] layers = s.layerArray();
        return DecolleNetwork.of(layers, s.steps(), s.burnIn(), s.neuron(),
                DecolleNetwork.randomReadouts(layers, classes, rng));
    }

    /** Initial parameters {@code N(0, sd^2)} (init gaussian), layer by layer, row-major. */
    public static double[][] initial(DecolleNetwork net, double sd, RandomGenerator rng) {
        return initial(net, BisnnInit.GAUSSIAN, 0.5, sd, rng);
    }

    /**
     * Initial parameters of {@code rule} by the settings' {@link BisnnInit} ({@link BisnnSettings#initOf}), layer
     * by layer, row-major; {@code lsuv} rescales its orthogonal weights on the first samples of {@code x}.
     */
    public static double[][] initial(DecolleNetwork net, BisnnSettings s, BisnnRule rule, SpikeTrains x,
                                     RandomGenerator rng) {
        BisnnInit init = s.initOf(rule);
        if (init == BisnnInit.LSUV) {
            double[][] w = Lsuv.orthogonal(net, rng);
            Lsuv.rescale(net, w, x);
            return w;
        }
        return initial(net, init, s.priorP(), s.initSd(), rng);
    }

    private static double[][] initial(DecolleNetwork net, BisnnInit init, double priorP, double sd,
                                      RandomGenerator rng) {
        double[][] w = net.newWeights();
        for (double[] layer : w) {
            init.draw(layer, priorP, sd, rng);
        }
        return w;
    }

    /**
     * Trains on {@code x} with {@code labels} (classes 0..K-1).
     *
     * @throws IllegalArgumentException if the data do not fit the network
     */
    public BisnnModel train(DecolleNetwork net, SpikeTrains x, int[] labels, BisnnRule rule, RandomGenerator rng) {
        BisnnSettings s = settings;
        if (x.inputs() != net.size(0) || x.steps() != net.steps() || x.samples() != labels.length) {
            throw new IllegalArgumentException("training data must be " + labels.length + " samples of "
                    + net.steps() + " steps x " + net.size(0) + " inputs, but were " + x);
        }
        for (int y : labels) {
            if (y < 0 || y >= net.classes()) {
                throw new IllegalArgumentException("labels must be in 0.." + (net.classes() - 1) + ", but was " + y);
            }
        }
        int n = x.samples();
        int batch = Math.min(s.batchSize(), n);
        BisnnLearner learner = new BisnnLearner(net, rule, s, initial(net, s, rule, x, rng), batch);
        int n0 = net.size(0);
        double[] input = new double[batch * n0];
        int[] perm = new int[n];
        int[][] batchLabels = new int[batch + 1][];
        List<Double> losses = new ArrayList<>(s.epochs());
        for (int epoch = 0; epoch < s.epochs(); epoch++) {
            for (int i = 0; i < n; i++) {
                perm[i] = i;
            }
            Streams.shuffle(perm, rng);
            double total = 0.0;
            int batches = 0;
            for (int from = 0; from < n; from += batch) {
                int size = Math.min(batch, n - from);
                if (batchLabels[size] == null) {
                    batchLabels[size] = new int[size];
                }
                int[] y = batchLabels[size];
                for (int r = 0; r < size; r++) {
                    y[r] = labels[perm[from + r]];
                }
                learner.beginBatch(size, rng);
                for (int t = 0; t < net.steps(); t++) {
                    for (int r = 0; r < size; r++) {
                        x.copyStep(perm[from + r], t, input, r * n0);
                    }
                    total = total + learner.step(input, y, rng);
                }
                batches++;
            }
            losses.add(total / batches);
        }
        return new BisnnModel(net, rule, learner.parameters(), losses);
    }
}
