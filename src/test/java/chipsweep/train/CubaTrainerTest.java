package chipsweep.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chipsweep.chip.CubaChip;
import chipsweep.chip.CubaInput;
import chipsweep.chip.CubaNetwork;
import chipsweep.chip.CubaPhysics;
import chipsweep.chip.CubaReadout;
import chipsweep.chip.CubaRecording;
import chipsweep.chip.SimulatedCubaChip;
import chipsweep.rng.Streams;
import java.lang.management.ManagementFactory;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * The trainers on a small random task: {@code itl} on an ideal noiseless full-precision chip is {@code software}
 * bit for bit (gradients and weights), chip evaluations are counted, seeds reproduce, the chip stays a black
 * box, training lowers the loss, the hidden-spike count per image is reported, a backward pass allocates
 * nothing.
 */
class CubaTrainerTest {
    private static final CubaNetwork NET = new CubaNetwork(64, 24, 4, 20, 1.0, 8.0, 8.0, 1.0);

    /** 230 samples whose class decides which block of inputs spikes early (learnable), with random extra spikes. */
    static CubaData task(long seed) {
        RandomGenerator rng = Streams.generator(seed);
        int n = 230;
        int[][] steps = new int[n][NET.inputs()];
        int[] labels = new int[n];
        for (int s = 0; s < n; s++) {
            int y = rng.nextInt(NET.outputs());
            labels[s] = y;
            for (int i = 0; i < NET.inputs(); i++) {
                boolean own = i / 16 == y;
                steps[s][i] = rng.nextDouble() < (own ? 0.8 : 0.25) ? rng.nextInt(own ? 3 : 10) : -1;
            }
        }
        return CubaData.of(CubaInput.ofSpikeSteps(steps, NET.steps()), labels);
    }

    static CubaSettings settings() {
        return new CubaSettings(3, 50, 2e-3, 0.9, 0.999, 1e-8, 1e-3, 1e-4, 50, 2.0, 0);
    }

    static CubaWeights init() {
        return CubaWeights.gaussian(NET, 2.0, Streams.generator(7));
    }

    @Test
    void itlOnIdealChipIsSoftwareBitForBit() {
        CubaData data = task(1);
        SimulatedCubaChip chip = SimulatedCubaChip.ideal(NET);
        CubaTrainResult itl = CubaTrainer.inTheLoop(settings()).train(chip, data, init(), Streams.generator(3));
        CubaTrainResult sw = CubaTrainer.offline(settings()).train(chip, data, init(), Streams.generator(3));
        assertArrayEquals(sw.weights().w1(), itl.weights().w1(), "W1 after 3 epochs of 5 minibatches");
        assertArrayEquals(sw.weights().w2(), itl.weights().w2(), "W2");
        assertEquals(sw.curve(), itl.curve());
        assertNotEquals(init(), itl.weights(), "training moved the weights");
        assertEquals(3L * data.size(), itl.sampleEvaluations(), "itl counts every recorded sample");
        assertEquals(0L, sw.sampleEvaluations(), "software never runs the chip");
    }

    @Test
    void itlGradientOnIdealChipIsSoftwareGradientBitForBit() {
        CubaData data = task(2);
        CubaWeights w = init();
        int[] order = Streams.permutation(data.size(), Streams.generator(5));
        CubaChip[] chips = {SimulatedCubaChip.of(CubaPhysics.ideal(NET), null), SimulatedCubaChip.ideal(NET)};
        double[][] g1 = new double[2][NET.hiddenWeightCount()];
        double[][] g2 = new double[2][NET.outputWeightCount()];
        for (int c = 0; c < 2; c++) {
            CubaRecording rec = new CubaRecording(NET, 40);
            chips[c].program(w.w1(), w.w2());
            chips[c].record(data.input(), order, 10, 50, rec);
            CubaLoss loss = new CubaLoss(NET, 40, 1e-3, 1e-4);
            loss.evaluate(rec, 40, data.labels(), order, 10);
            new CubaBptt(NET, 50).backward(data.input(), order, 10, rec, loss, w.w2(), g1[c], g2[c]);
        }
        assertArrayEquals(g1[0], g1[1]);
        assertArrayEquals(g2[0], g2[1]);
        double norm = 0;
        for (double v : g1[0]) {
            norm += v * v;
        }
        assertTrue(norm > 0, "W1's gradient does not vanish");
    }

    @Test
    void itlOnADecalibratedNoisyQuantisedChipDiffersAndReproduces() {
        CubaData data = task(3);
        CubaTrainResult[] r = new CubaTrainResult[2];
        for (int k = 0; k < 2; k++) {
            CubaPhysics p = CubaPhysics.decalibrated(NET, 0.3, Streams.generator(11)).withQuantization(1.0)
                    .withMembraneNoise(0.02);
            r[k] = CubaTrainer.inTheLoop(settings()).train(SimulatedCubaChip.of(p, Streams.generator(12)), data,
                    init(), Streams.generator(3));
        }
        assertEquals(r[0].weights(), r[1].weights(), "same seeds, same weights");
        CubaTrainResult sw = CubaTrainer.offline(settings()).train(SimulatedCubaChip.ideal(NET), data, init(),
                Streams.generator(3));
        assertNotEquals(sw.weights(), r[0].weights(), "the chip's measurements change the training");
        assertEquals(3L * data.size(), r[0].sampleEvaluations());
    }

    @Test
    void minibatchesRecordedInChunksGiveTheSameWeights() {
        CubaData data = task(6);
        CubaWeights[] w = new CubaWeights[3];
        int[] chunks = {50, 7, 1};
        for (int c = 0; c < 3; c++) {
            CubaPhysics p = CubaPhysics.decalibrated(NET, 0.2, Streams.generator(11)).withQuantization(1.0)
                    .withMembraneNoise(0.02);
            SimulatedCubaChip chip = SimulatedCubaChip.of(p, Streams.generator(12));
            CubaTraining run = new CubaTraining(settings(), chip, chip, data, init(), chunks[c]);
            RandomGenerator order = Streams.generator(3);
            run.epoch(order);
            run.epoch(order);
            w[c] = run.weights();
        }
        assertEquals(w[0], w[1], "chunks of 7 (and a rest) of minibatches of 50");
        assertEquals(w[0], w[2], "one sample at a time");
    }

    @Test
    void offlineTrainingNeverTouchesTheChip() {
        CubaChip untouchable = new CubaChip() {
            @Override
            public CubaNetwork network() {
                return NET;
            }

            @Override
            public void program(double[] w1, double[] w2) {
                throw new AssertionError("programmed");
            }

            @Override
            public void forward(CubaInput x, int[] order, int from, int to, CubaReadout out) {
                throw new AssertionError("run");
            }

            @Override
            public void record(CubaInput x, int[] order, int from, int to, CubaRecording rec) {
                throw new AssertionError("recorded");
            }

            @Override
            public boolean deterministic() {
                throw new AssertionError("asked");
            }

            @Override
            public long sampleEvaluations() {
                return 0;
            }
        };
        CubaTrainResult r = CubaMethod.TRANSFER.trainer(settings()).train(untouchable, task(4), init(),
                Streams.generator(3));
        assertEquals(0, r.sampleEvaluations());
        assertFalse(CubaMethod.SOFTWARE.testChip(untouchable) == untouchable, "software is tested on the ideal model");
        assertTrue(CubaMethod.TRANSFER.testChip(untouchable) == untouchable, "transfer is tested on the chip");
    }

    @Test
    void trainingLearnsTheTaskAndReportsHiddenSpikes() {
        CubaData data = task(5);
        SimulatedCubaChip chip = SimulatedCubaChip.ideal(NET);
        CubaScore before = CubaScore.of(chip, data, init(), 64);
        CubaTrainResult r = CubaTrainer.offline(settings().withEpochs(8)).train(chip, data, init(),
                Streams.generator(3));
        CubaScore after = CubaScore.of(chip, data, r.weights(), 64);
        assertTrue(r.curve().get(7).loss() < r.curve().get(0).loss(), "loss falls: " + r.curve());
        assertTrue(after.accuracy() > before.accuracy() + 0.2, before + " -> " + after);
        CubaReadout out = new CubaReadout(NET, data.size());
        chip.program(r.weights().w1(), r.weights().w2());
        chip.forward(data.input(), null, 0, data.size(), out);
        long spikes = 0;
        for (int n = 0; n < data.size(); n++) {
            spikes += out.hiddenSpikes(n);
        }
        assertEquals((double) spikes / data.size(), after.hiddenSpikesPerImage(), 1e-12);
        assertTrue(after.hiddenSpikesPerImage() > 0);
        assertTrue(r.curve().get(0).hiddenSpikesPerImage() > 0, "the curve reports hidden spikes per image");
    }

    @Test
    void theActivityTermBuysSparsity() {
        CubaData data = task(8);
        SimulatedCubaChip chip = SimulatedCubaChip.ideal(NET);
        CubaSettings s = settings().withEpochs(6);
        CubaTrainResult free = CubaTrainer.offline(s.withRegularisers(1e-3, 0)).train(chip, data, init(),
                Streams.generator(3));
        CubaTrainResult sparse = CubaTrainer.offline(s.withRegularisers(1e-3, 1.0)).train(chip, data, init(),
                Streams.generator(3));
        double a = CubaScore.of(chip, data, free.weights(), 100).hiddenSpikesPerImage();
        double b = CubaScore.of(chip, data, sparse.weights(), 100).hiddenSpikesPerImage();
        assertTrue(b < 0.8 * a, "rho_b 1 gives " + b + " hidden spikes per image, rho_b 0 gives " + a);
    }

    @Test
    void aBackwardPassAllocatesNothing() {
        CubaNetwork net = CubaNetwork.defaults(256, 10).withHidden(246);
        RandomGenerator rng = Streams.generator(9);
        int[][] steps = new int[50][256];
        for (int[] row : steps) {
            for (int i = 0; i < 256; i++) {
                row[i] = rng.nextDouble() < 0.4 ? rng.nextInt(10) : -1;
            }
        }
        CubaInput x = CubaInput.ofSpikeSteps(steps, 30);
        int[] labels = new int[50];
        CubaWeights w = CubaWeights.gaussian(net, 1.0, rng);
        SimulatedCubaChip chip = SimulatedCubaChip.ideal(net);
        chip.program(w.w1(), w.w2());
        CubaRecording rec = new CubaRecording(net, 50);
        chip.record(x, null, 0, 50, rec);
        CubaLoss loss = new CubaLoss(net, 50, 1e-3, 1e-4);
        CubaBptt bptt = new CubaBptt(net, 50);
        double[] w2 = w.w2();
        double[] g1 = new double[net.hiddenWeightCount()];
        double[] g2 = new double[net.outputWeightCount()];
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 30; i++) {
            loss.evaluate(rec, 50, labels, null, 0);
            bptt.backward(x, null, 0, rec, loss, w2, g1, g2);
        }
        long before = mx.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 10; i++) {
            loss.evaluate(rec, 50, labels, null, 0);
            bptt.backward(x, null, 0, rec, loss, w2, g1, g2);
        }
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 1024, "10 loss and backward passes allocated " + allocated + " bytes");
    }

    @Test
    void misuseIsRefused() {
        CubaNetwork other = NET.withSteps(10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CubaTrainer.offline(settings()).train(SimulatedCubaChip.ideal(other), task(1), init(),
                        Streams.generator(1)));
        assertEquals("data have 64 inputs and 20 steps, the network 64 and 10", e.getMessage());
        assertEquals("method must be one of itl, software, transfer, but was bp",
                assertThrows(IllegalArgumentException.class, () -> CubaMethod.of("bp")).getMessage());
    }
}
