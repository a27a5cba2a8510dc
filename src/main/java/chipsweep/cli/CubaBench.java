package chipsweep.cli;

import chipsweep.chip.CubaNetwork;
import chipsweep.chip.CubaReadout;
import chipsweep.chip.SimulatedCubaChip;
import chipsweep.data.IdxReader;
import chipsweep.data.ImageDataset;
import chipsweep.data.LatencyCode;
import chipsweep.rng.Streams;
import chipsweep.train.CubaData;
import chipsweep.train.CubaSettings;
import chipsweep.train.CubaTrainer;
import chipsweep.train.CubaWeights;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The {@code bench} figures of the current-based chip, on the workload of {@code ../shared/bench/cuba_reference.py}:
 * the first {@value #IMAGES} Fashion-MNIST test images, latency-coded, a 256-{@value #HIDDEN}-10 network with
 * T = {@value #STEPS}, weights W1 ~ N(0, (5/16)^2) and W2 ~ N(0, 1/H), random labels, minibatches of
 * {@value #BATCH}, one thread: chip forward passes (inference) and {@code itl} training (recorded forward on the
 * chip, BPTT with the injected measurements, Adam), in images per second, best of the timed runs (as the reference
 * reports), after {@value #WARM_UP_SECONDS} s of untimed runs.
 *
 * <p>Thread-safety: confined to one thread.
 */
final class CubaBench {
    static final int IMAGES = 1000;
    static final int BATCH = 100;
    static final int HIDDEN = 246;
    static final int STEPS = 30;

    private final CubaData data;
    private final CubaNetwork net;
    private final CubaWeights weights;

    private CubaBench(CubaData data) {
        this.data = data;
        this.net = CubaNetwork.defaults(256, 10).withHidden(HIDDEN).withSteps(STEPS);
        RandomGenerator rng = Streams.generator(0);
        double[] w1 = new double[net.hiddenWeightCount()];
        double[] w2 = new double[net.outputWeightCount()];
        for (int i = 0; i < w1.length; i++) {
            w1[i] = rng.nextGaussian() * 5.0 / 16.0;
        }
        for (int i = 0; i < w2.length; i++) {
            w2[i] = rng.nextGaussian() / Math.sqrt(HIDDEN);
        }
        this.weights = new CubaWeights(w1, w2);
    }

    static CubaBench of(Path fashionMnist) {
        ImageDataset d = IdxReader.load(fashionMnist);
        int n = Math.min(IMAGES, d.test().size());
        int[] rows = new int[n];
        Arrays.setAll(rows, i -> i);
        CubaData enc = CubaData.encode(d.test(), rows, LatencyCode.DEFAULTS);
        RandomGenerator rng = Streams.generator(1);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(10);
        }
        return new CubaBench(CubaData.of(enc.input(), labels));
    }

    /** Best images/s over {@code runs} timed runs, after untimed ones for {@value #WARM_UP_SECONDS} s (JIT). */
    double measure(boolean itl, int runs) {
        long until = System.nanoTime() + (long) (WARM_UP_SECONDS * 1e9);
        while (System.nanoTime() < until) {
            if (itl) {
                train();
            } else {
                forward();
            }
        }
        double best = 0;
        for (int r = 0; r < runs; r++) {
            best = Math.max(best, itl ? train() : forward());
        }
        return best;
    }

    /** Untimed work before timing: enough for C2 to compile the kernel's loops. */
    static final double WARM_UP_SECONDS = 3.0;

    private double forward() {
        SimulatedCubaChip chip = SimulatedCubaChip.ideal(net);
        chip.program(weights.w1(), weights.w2());
        CubaReadout out = new CubaReadout(net, BATCH);
        long t0 = System.nanoTime();
        for (int from = 0; from < data.size(); from += BATCH) {
            chip.forward(data.input(), null, from, Math.min(data.size(), from + BATCH), out);
        }
        return data.size() / ((System.nanoTime() - t0) / 1e9);
    }

    private double train() {
        SimulatedCubaChip chip = SimulatedCubaChip.ideal(net);
        CubaSettings s = CubaSettings.DEFAULTS.withEpochs(1).withBatchSize(BATCH);
        long t0 = System.nanoTime();
        CubaTrainer.inTheLoop(s).train(chip, data, weights, Streams.generator(2));
        return data.size() / ((System.nanoTime() - t0) / 1e9);
    }
}
