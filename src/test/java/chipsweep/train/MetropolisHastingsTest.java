package chipsweep.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Early rejection must not change the chain: with it on and off, MH gives bit-identical results (deployed
 * weights, MAP and last samples, trace, acceptance, final step) on every kind of deterministic chip, and on a
 * noisy chip it stays off. The chip is wrapped to count the samples it runs, so these tests also fail if early
 * rejection never triggers.
 */
class MetropolisHastingsTest {
    private static final Network NET = new Network(new int[] {30, 20, 2}, 20, 0.9, 1.0);
    private static Prepared prepared;

    private static synchronized Prepared prepared() {
        if (prepared == null) {
            Path csv = Path.of(System.getProperty("basedir", ".")).resolve("datasets").resolve("wdbc.csv");
            prepared = BenchInputs.prepared(WdbcLoader.load(csv));
        }
        return prepared;
    }

    private static TrainingData data(int n) {
        Prepared p = prepared();
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i * (p.xTrain().length / n);
        }
        Batch x = Batch.of(p.xTrain()).select(rows);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = p.yTrain()[rows[i]];
        }
        return new TrainingData(x, y);
    }

    private static TallyChip chip(String kind, double sigma, int seed) {
        return new TallyChip(SimulatedChip.of(NET, Distortions.draw(kind, sigma, NET, DistortionSettings.DEFAULTS,
                0, seed)));
    }

    private static TrainResult train(TallyChip chip, TrainingData data, int iterations, int seed, boolean early) {
        MhSettings s = new MhSettings(iterations, iterations / 3, 0.02, 100, 0.25, 1.0, 64, 10.0, 50);
        double[][] initial = Weights.initial(NET, Streams.generator(Seeds.derive(seed, "init", 0)));
        return new MetropolisHastings(s, early).train(chip, data, initial, Streams.generator(Seeds.derive(seed,
                "train", 0)));
    }

    private static void assertSameChain(TrainResult a, TrainResult b) {
        for (int l = 0; l < a.weights().length; l++) {
            assertArrayEquals(a.weights()[l], b.weights()[l], 0.0, "deployed weights, layer " + l);
        }
        Diagnostics.Mh da = (Diagnostics.Mh) a.diagnostics();
        Diagnostics.Mh db = (Diagnostics.Mh) b.diagnostics();
        assertEquals(da.chain(), db.chain(), "chain trace");
        assertEquals(da.acceptanceRate(), db.acceptanceRate(), 0.0);
        assertEquals(da.burnInAcceptanceRate(), db.burnInAcceptanceRate(), 0.0);
        assertEquals(da.finalStep(), db.finalStep(), 0.0);
        assertTrue(Arrays.deepEquals(da.mapWeights(), db.mapWeights()), "MAP sample");
        assertTrue(Arrays.deepEquals(da.lastWeights(), db.lastWeights()), "last sample");
    }

    @ParameterizedTest(name = "{0} sigma {1}, n {2}, seed {3}")
    @CsvSource({
        "mismatch, 2.0, 398, 0",
        "mismatch, 0.0, 398, 1",
        "mismatch, 4.0, 200, 2",
        "nonlin, 2.0, 398, 3",
        "threshold, 1.0, 398, 4",
        "leak, 1.0, 300, 5",
        "quantize, 1.0, 398, 6",
        "mismatch+nonlin, 1.0, 398, 7",
        "mismatch, 2.0, 32, 8",
    })
    void earlyRejectionGivesTheSameChainWithFewerSamples(String kind, double sigma, int n, int seed) {
        TrainingData data = data(n);
        TallyChip full = chip(kind, sigma, seed);
        TallyChip early = chip(kind, sigma, seed);
        int iterations = 900;
        TrainResult a = train(full, data, iterations, seed, false);
        TrainResult b = train(early, data, iterations, seed, true);
        assertSameChain(a, b);
        assertEquals((long) (iterations + 1) * n, full.samples, "without early rejection every sample runs");
        if (n > MetropolisHastings.FIRST_CHUNK * 3 / 2) {
            assertTrue(early.samples < full.samples * 0.95, "early rejection ran " + early.samples + " samples of "
                    + full.samples);
        } else {
            assertEquals(full.samples, early.samples, "a batch of one chunk runs whole");
        }
    }

    /** Allocated bytes of one chain of {@code iterations} (trace thinned to one point, so it is constant). */
    private static long allocated(TallyChip chip, TrainingData data, int iterations) {
        var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        MhSettings s = new MhSettings(iterations, 100, 0.02, 100, 0.25, 1.0, 64, 10.0, iterations);
        double[][] initial = Weights.initial(NET, Streams.generator(1));
        long before = mx.getCurrentThreadAllocatedBytes();
        new MetropolisHastings(s, true).train(chip, data, initial, Streams.generator(2));
        return mx.getCurrentThreadAllocatedBytes() - before;
    }

    @Test
    void theChainAllocatesNothingPerIteration() {
        TrainingData data = data(398);
        TallyChip chip = chip("mismatch", 2.0, 0);
        allocated(chip, data, 3000);
        long extra = allocated(chip, data, 3000) - allocated(chip, data, 1000);
        assertTrue(chip.samples < 7001L * 398, "early rejection ran");
        assertTrue(extra < 16_000, "2000 more iterations allocated " + extra + " bytes");
    }

    @ParameterizedTest(name = "noise sigma {0}")
    @CsvSource({"0.5", "2.0"})
    void aNoisyChipRunsEverySampleAsBefore(double sigma) {
        TrainingData data = data(398);
        TallyChip full = chip("noise", sigma, 9);
        TallyChip early = chip("noise", sigma, 9);
        assertFalse(early.deterministic());
        TrainResult a = train(full, data, 300, 9, false);
        TrainResult b = train(early, data, 300, 9, true);
        assertSameChain(a, b);
        assertEquals(full.samples, early.samples);
        assertEquals(301L * 398, early.samples);
    }

    /** Weights with every layer filled with {@code hidden} and {@code output}: a chip driven into saturation. */
    private static double[][] constant(double hidden, double output) {
        double[][] w = NET.newWeights();
        Arrays.fill(w[0], hidden);
        Arrays.fill(w[1], output);
        return w;
    }

    private static double saturated(double[][] w) {
        TallyChip chip = chip("mismatch", 0.0, 0);
        TrainingData data = data(398);
        Readout r = new Readout(NET, data.size(), false);
        chip.program(w);
        chip.evaluate(data.inputs(), r);
        return Plateau.saturatedShare(r, NET.steps());
    }

    @Test
    void thePlateauDetectorFiresOnASaturatedChipAndNotOnAHealthyOne() {
        assertEquals(1.0, saturated(constant(5.0, 5.0)), 0.0, "every output at T spikes for every sample");
        assertEquals(1.0, saturated(constant(5.0, -5.0)), 0.0, "every output silent for every sample");
        double healthy = saturated(Weights.initial(NET, Streams.generator(Seeds.derive(0, "init", 0))));
        assertTrue(healthy < MhSettings.DEFAULTS.plateauShare(), "initial weights: " + healthy + " saturated");
        double[][] oneSilent = constant(5.0, 5.0);
        for (int i = 0; i < 20; i++) {
            oneSilent[1][i * 2 + 1] = -5.0; // output 1 silent, output 0 at T: no tie, no plateau
        }
        assertEquals(0.0, saturated(oneSilent), 0.0);
    }

    @Test
    void aChainStuckOnThePlateauSaysSoAndAHealthyOneDoesNot() {
        TrainingData data = data(398);
        MhSettings s = new MhSettings(600, 200, 1e-4, 100, 0.25, 1.0, 64, 10.0, 50);
        TrainResult stuck = new MetropolisHastings(s).train(chip("mismatch", 1.0, 0), data, constant(5.0, -5.0),
                Streams.generator(3));
        Diagnostics.Mh d = (Diagnostics.Mh) stuck.diagnostics();
        assertEquals(1.0, d.plateauShare(), 0.0);
        assertEquals(-1, d.plateauExit(), "it never left the plateau");
        assertTrue(d.collapsed());
        assertTrue(d.chain().stream().allMatch(p -> p.saturatedShare() == 1.0));
        Diagnostics.Mh healthy = (Diagnostics.Mh) train(chip("mismatch", 1.0, 0), data, 600, 0, true).diagnostics();
        assertEquals(0.0, healthy.plateauShare(), 0.0);
        assertFalse(healthy.collapsed());
    }

    @Test
    void averagingOffThePlateauFallsBackToEveryStateWhenAllAreOnIt() {
        TrainingData data = data(398);
        MhSettings all = new MhSettings(600, 200, 1e-4, 100, 0.25, 1.0, 64, 10.0, 50);
        MhSettings off = new MhSettings(600, 200, 1e-4, 100, 0.25, 1.0, 64, 10.0, 50, 1, 0.25,
                MhSettings.Average.OFF_PLATEAU);
        TrainResult a = new MetropolisHastings(all).train(chip("mismatch", 1.0, 0), data, constant(5.0, -5.0),
                Streams.generator(3));
        TrainResult b = new MetropolisHastings(off).train(chip("mismatch", 1.0, 0), data, constant(5.0, -5.0),
                Streams.generator(3));
        assertSameChain(a, b);
        // a healthy chain never visits the plateau after burn-in: both averages are the same states
        assertSameChain(train(chip("mismatch", 1.0, 0), data, 600, 0, true),
                new MetropolisHastings(new MhSettings(600, 200, 0.02, 100, 0.25, 1.0, 64, 10.0, 50, 1, 0.25,
                        MhSettings.Average.OFF_PLATEAU)).train(chip("mismatch", 1.0, 0), data,
                        Weights.initial(NET, Streams.generator(Seeds.derive(0, "init", 0))),
                        Streams.generator(Seeds.derive(0, "train", 0))));
    }
}
