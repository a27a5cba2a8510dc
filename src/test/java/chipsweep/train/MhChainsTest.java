package chipsweep.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chipsweep.chip.Batch;
import chipsweep.chip.DistortionSettings;
import chipsweep.chip.Distortions;
import chipsweep.chip.Network;
import chipsweep.chip.Readout;
import chipsweep.chip.SimulatedChip;
import chipsweep.chip.TallyChip;
import chipsweep.cli.BenchInputs;
import chipsweep.data.Prepared;
import chipsweep.data.WdbcLoader;
import chipsweep.rng.Seeds;
import chipsweep.rng.Streams;
import java.nio.file.Path;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * One chain of {@link MhChains} is exactly a lone {@link MetropolisHastings} chain (weights, trace, chip time);
 * several chains keep chain 0 as it is, run chains of their own, deploy the best-fitting one and report finite
 * diagnostics.
 */
class MhChainsTest {
    private static final Network NET = new Network(new int[] {30, 20, 2}, 20, 0.9, 1.0);
    private static final MhSettings ONE = new MhSettings(600, 200, 0.02, 100, 0.25, 1.0, 64, 10.0, 50);

    private static TrainingData data() {
        Prepared p = BenchInputs.prepared(WdbcLoader.load(Path.of(System.getProperty("basedir", "."))
                .resolve("datasets").resolve("wdbc.csv")));
        return new TrainingData(Batch.of(p.xTrain()), p.yTrain());
    }

    private static TallyChip chip() {
        return new TallyChip(SimulatedChip.of(NET, Distortions.draw("mismatch", 2.0, NET, DistortionSettings.DEFAULTS,
                0, 5)));
    }

    private static double[][] initial(int c) {
        return Weights.initial(NET, Streams.generator(c == 0 ? 11 : Seeds.child(11, c)));
    }

    private static RandomGenerator generator(int c) {
        return Streams.generator(c == 0 ? 12 : Seeds.child(12, c));
    }

    private static MhSettings chains(int k) {
        return new MhSettings(600, 200, 0.02, 100, 0.25, 1.0, 64, 10.0, 50, k, 0.25, MhSettings.Average.ALL);
    }

    private static TrainResult run(MhSettings s, TallyChip chip, TrainingData data) {
        int k = s.chains();
        double[][][] init = new double[k][][];
        RandomGenerator[] gen = new RandomGenerator[k];
        for (int c = 0; c < k; c++) {
            init[c] = initial(c);
            gen[c] = generator(c);
        }
        return new MhChains(s, true).train(chip, data, init, gen);
    }

    @Test
    void oneChainIsTheLoneChainBitForBit() {
        TrainingData data = data();
        TallyChip lone = chip();
        TallyChip one = chip();
        TrainResult a = new MetropolisHastings(ONE).train(lone, data, initial(0), generator(0));
        TrainResult b = run(ONE, one, data);
        for (int l = 0; l < a.weights().length; l++) {
            assertArrayEquals(a.weights()[l], b.weights()[l], 0.0);
        }
        Diagnostics.Mh da = (Diagnostics.Mh) a.diagnostics();
        Diagnostics.Mh db = (Diagnostics.Mh) b.diagnostics();
        assertNull(da.chains());
        assertEquals(da.chain(), db.chain());
        assertEquals(da.acceptanceRate(), db.acceptanceRate(), 0.0);
        assertEquals(lone.samples, one.samples, "no extra chip time for one chain");
        assertEquals(lone.programs, one.programs);
        Diagnostics.Chains ch = db.chains();
        assertEquals(1, ch.count());
        assertEquals(0, ch.deployed());
        assertTrue(Double.isFinite(ch.rhatLoss()) && Double.isFinite(ch.essLoss()), "split-R-hat of one chain");
    }

    @Test
    void severalChainsKeepChainZeroDeployTheBestFitAndCountTheirChipTime() {
        TrainingData data = data();
        TallyChip lone = chip();
        TrainResult zero = new MetropolisHastings(ONE).train(lone, data, initial(0), generator(0));
        TallyChip three = chip();
        TrainResult r = run(chains(3), three, data);
        Diagnostics.Chains ch = ((Diagnostics.Mh) r.diagnostics()).chains();
        assertEquals(3, ch.count());
        assertEquals(((Diagnostics.Mh) zero.diagnostics()).chain(), ch.traces().get(0), "chain 0 is today's chain");
        assertNotEquals(ch.traces().get(0), ch.traces().get(1), "chain 1 has streams of its own");
        assertNotEquals(ch.traces().get(1), ch.traces().get(2));
        assertTrue(three.samples > 2 * lone.samples, "every chain runs on the chip: " + three.samples);
        // the deployed chain fits the training set at least as well as chain 0's posterior mean
        assertTrue(trainLoss(r.weights(), data) <= trainLoss(zero.weights(), data));
        for (double v : new double[] {ch.rhatLoss(), ch.essLoss(), ch.rhatWeights(), ch.essWeights()}) {
            assertTrue(Double.isFinite(v) && v > 0, "diagnostic " + v);
        }
    }

    private static double trainLoss(double[][] w, TrainingData data) {
        TallyChip c = chip();
        Readout r = new Readout(NET, data.size(), false);
        c.program(w);
        c.evaluate(data.inputs(), r);
        return new SpikeLoss(10.0, NET.steps(), NET.outputs()).sum(r, data.labels());
    }
}
