package chipsweep.sweep;

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
import chipsweep.data.Dataset;
import chipsweep.data.Prepared;
import chipsweep.data.Split;
import chipsweep.data.WdbcLoader;
import chipsweep.rng.Streams;
import chipsweep.train.BpSettings;
import chipsweep.train.MetropolisHastings;
import chipsweep.train.MhSettings;
import chipsweep.train.SurrogateGradient;
import chipsweep.train.TrainingData;
import chipsweep.train.Weights;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The deployment questions (issue 14): fleet evaluation on common family chips, chip-time accounting against an
 * independent count, and warm starts from a source network.
 */
class DeploymentTest {
    static Dataset data;
    static Science base;

    @BeforeAll
    static void load() {
        data = WdbcLoader.load(Path.of("datasets/wdbc.csv"));
        MhSettings mh = new MhSettings(600, 200, 0.02, 100, 0.25, 1.0, 64, 10.0, 50);
        BpSettings bp = new BpSettings(2e-3, 0.9, 0.999, 1e-8, 16, 12, 25.0, 10.0);
        base = new Science(0, 0.7, new Network(new int[] {30, 20, 2}, 20, 0.9, 1.0), DistortionSettings.DEFAULTS, mh, bp);
    }

    private static CellResult run(Science s, Cell c) {
        CellResult r = new CellRunner(s, data, Clock.systemUTC()).run(c);
        assertEquals(CellResult.Status.OK, r.status(), String.valueOf(r.error()));
        return r;
    }

    private static List<Map<String, Long>> fleetSeeds(CellResult r) {
        List<Map<String, Long>> out = new ArrayList<>();
        for (CellResult.FleetChip f : r.deployment().fleet()) {
            out.add(f.chipSeeds());
        }
        return out;
    }

    @Test
    void fleetChipsAreTheSameForEveryMethodAndSeedAndDifferPerIndex() {
        Science s = base.withDeployment(new DeploymentSettings(4, 0));
        List<Map<String, Long>> first = null;
        for (Method m : CellRunnerTest.lifMethods()) {
            for (int seed : new int[] {0, 3}) {
                CellResult r = run(s, new Cell("mismatch+nonlin", 1.0, 32, m, seed, m.warm() ? 0.1 : Cell.NO_BUDGET));
                List<Map<String, Long>> seeds = fleetSeeds(r);
                assertEquals(4, seeds.size(), m.id());
                if (first == null) {
                    first = seeds;
                }
                assertEquals(first, seeds, m.id() + " seed " + seed + " meets the same family chips");
                for (int i = 0; i < 4; i++) {
                    assertEquals(i, r.deployment().fleet().get(i).index());
                    assertEquals(CellSeeds.familyChip(0, "mismatch+nonlin", 1.0, i), seeds.get(i));
                }
            }
        }
        Set<Long> distinct = new HashSet<>();
        for (Map<String, Long> chip : first) {
            distinct.addAll(chip.values());
        }
        assertEquals(8, distinct.size(), "each chip index and part has its own seed: " + first);
        CellSeeds own = CellSeeds.of(0, new int[] {30, 20, 2}, new Cell("mismatch+nonlin", 1.0, 32, Method.MH, 0));
        assertTrue(first.stream().noneMatch(own.chip()::equals), "family chips are not the cells' own chips");
        assertNotEquals(CellSeeds.familyChip(0, "mismatch", 1.0, 0), CellSeeds.familyChip(0, "mismatch", 2.0, 0));
        assertNotEquals(CellSeeds.familyChip(0, "mismatch", 1.0, 0), CellSeeds.familyChip(1, "mismatch", 1.0, 0));
        assertEquals(Map.of("mismatch", CellSeeds.familyChip(0, "mismatch", 1.0, 2).get("mismatch")),
                CellSeeds.familyChip(0, "mismatch", 1.0, 2));
    }

    @Test
    void fleetEvaluationWithKZeroChangesNothingElseInTheRow() {
        Science withFleet = base.withDeployment(new DeploymentSettings(5, 0));
        RunInfo run = new RunInfo("j", "wdbc", "j.json", "x", "y", "d", "z", "v", "s", "lif");
        ResultRows.Attempt a = new ResultRows.Attempt("c", "a", 1, "h", "17", "amd64");
        for (Method m : new Method[] {Method.MH, Method.BP, Method.BP_OFFLINE, Method.BP_ORACLE}) {
            Cell c = new Cell("mismatch", 2.0, 48, m, 1);
            Map<String, Object> none = ResultRows.cell(run(base, c), run, a);
            Map<String, Object> five = ResultRows.cell(run(withFleet, c), run, a);
            for (String field : none.keySet()) {
                if (Set.of("wall_seconds", "provenance", "eval_chips", "fleet_mean_accuracy", "fleet_sd_accuracy",
                        "fleet_min_accuracy", "ideal_test_accuracy").contains(field)) {
                    continue;
                }
                assertEquals(none.get(field), five.get(field), m.id() + ": " + field);
            }
            assertEquals(0, none.get("eval_chips"));
            assertNull(none.get("fleet_mean_accuracy"));
            assertNull(none.get("ideal_test_accuracy"));
            assertEquals(5, five.get("eval_chips"));
            double mean = (Double) five.get("fleet_mean_accuracy");
            double min = (Double) five.get("fleet_min_accuracy");
            assertTrue(min <= mean && mean <= 1 && min >= 0, m.id() + ": " + five);
            assertTrue((Double) five.get("ideal_test_accuracy") >= 0);
        }
    }

    @Test
    void sigmaZeroFleetIsTheIdealChip() {
        CellResult r = run(base.withDeployment(new DeploymentSettings(3, 0)), new Cell("mismatch", 0.0, 48, Method.BP, 0));
        for (CellResult.FleetChip f : r.deployment().fleet()) {
            assertEquals(r.testAccuracy(), f.accuracy(), 0.0);
        }
        assertEquals(r.testAccuracy(), r.deployment().idealAccuracy(), 0.0);
        assertEquals(0.0, r.deployment().fleetSd(), 0.0);
    }

    /** Trains cell {@code c} again outside the runner, on a tally chip, exactly as the runner does. */
    private static TallyChip tally(Science s, Cell c) {
        Network net = s.network();
        CellSeeds seeds = CellSeeds.of(s.globalSeed(), net.layers(), c);
        Split split = Split.stratified(data, s.trainFraction(), Streams.generator(seeds.split()));
        Prepared p = Prepared.of(data, split, split.nestedSubset(data, c.trainSize(), Streams.generator(seeds.subset())));
        TrainingData train = new TrainingData(Batch.of(p.xTrain()), p.yTrain());
        SimulatedChip own = SimulatedChip.of(net, Distortions.draw(c.distortion(), c.sigma(), net, s.chip(),
                s.globalSeed(), c.seed()));
        TallyChip chip = new TallyChip(own);
        double[][] initial = Weights.initial(net, Streams.generator(seeds.init()));
        RandomGenerator rng = Streams.generator(seeds.train());
        switch (c.method()) {
            case MH -> new MetropolisHastings(s.mh()).train(chip, train, initial, rng);
            case BP -> SurrogateGradient.inTheLoop(s.bp()).train(chip, train, initial, rng);
            case BP_ORACLE -> SurrogateGradient.withOracleAccess(s.bp(), own.internalsForOracle()).train(chip, train,
                    initial, rng);
            default -> throw new IllegalArgumentException(c.method().id());
        }
        return chip;
    }

    @ParameterizedTest(name = "{0} {1} sigma {2}")
    @CsvSource({"mh, mismatch, 2.0", "mh, nonlin, 1.0", "mh, noise, 0.5", "mh, mismatch, 0.0", "bp, mismatch, 2.0",
            "bp-oracle, nonlin, 1.0"})
    void countedChipTimeEqualsAnIndependentCount(String method, String distortion, double sigma) {
        Cell c = new Cell(distortion, sigma, 200, Method.of(method), 2); // > one early-rejection chunk (96)
        CellResult r = run(base, c);
        TallyChip t = tally(base, c);
        assertEquals(t.samples, r.deployment().chipSamples(), "sample evaluations");
        assertEquals(t.programs, r.deployment().chipPrograms(), "programming operations");
        if (c.method() == Method.MH) {
            long full = (base.mh().iterations() + 1L) * c.trainSize();
            assertEquals(base.mh().iterations() + 1L, r.deployment().chipPrograms(), "one programming per state");
            if (distortion.equals("noise")) {
                assertEquals(full, r.deployment().chipSamples(), "a noisy chip runs every sample");
            } else {
                assertTrue(r.deployment().chipSamples() < full, "early rejection saves chip time on a deterministic chip");
            }
        } else {
            int batches = (c.trainSize() + base.bp().batchSize() - 1) / base.bp().batchSize();
            assertEquals((long) base.bp().epochs() * c.trainSize(), r.deployment().chipSamples());
            assertEquals((long) base.bp().epochs() * batches, r.deployment().chipPrograms());
        }
    }

    @Test
    void offlineTrainingCostsNoChipTime() {
        CellResult r = run(base, new Cell("mismatch", 2.0, 64, Method.BP_OFFLINE, 2));
        assertEquals(0, r.deployment().chipSamples());
        assertEquals(0, r.deployment().chipPrograms());
        assertEquals(-1, r.deployment().sourceChipSamples());
    }

    @ParameterizedTest
    @CsvSource({"mh-warm", "bp-warm"})
    void budgetZeroDeploysExactlyTheSourceWeights(String method) {
        Cell warm = new Cell("mismatch", 2.0, 64, Method.of(method), 1, 0.0);
        double[][] w = Weights.initial(base.network(), Streams.generator(12345)); // any weights: not trained
        CellRunner.SourceTraining given = new CellRunner.SourceTraining(warm.source(), w, Map.of("mismatch", 7L), 11, 3);
        CellResult r = new CellRunner(base, data, Clock.systemUTC(), true, src -> {
            assertEquals(warm.source(), src);
            return given;
        }).run(warm);
        assertEquals(CellResult.Status.OK, r.status(), String.valueOf(r.error()));
        assertEquals(0, r.deployment().chipSamples(), "budget 0 runs nothing on the target chip");
        assertEquals(0, r.deployment().chipPrograms());
        assertEquals(11, r.deployment().sourceChipSamples());
        assertEquals(Map.of("mismatch", 7L), r.deployment().sourceChipSeeds());
        assertTrue(r.trace().isEmpty());

        Network net = base.network();
        CellSeeds seeds = CellSeeds.of(0, net.layers(), warm);
        Split split = Split.stratified(data, base.trainFraction(), Streams.generator(seeds.split()));
        Prepared p = Prepared.of(data, split, split.nestedSubset(data, 64, Streams.generator(seeds.subset())));
        SimulatedChip own = SimulatedChip.of(net, Distortions.draw("mismatch", 2.0, net, base.chip(), 0, 1));
        own.program(w);
        Batch test = Batch.of(p.xTest());
        Readout out = new Readout(net, test.rows(), false);
        own.evaluate(test, out);
        assertEquals(out.accuracy(p.yTest()), r.testAccuracy(), 0.0, "the source weights, deployed as they are");
    }

    @Test
    void theSourceIsTheColdMethodOnTheSourceChipAndSharedAcrossBudgets() {
        Science s = base.withDeployment(new DeploymentSettings(0, 3));
        CellRunner runner = new CellRunner(s, data, Clock.systemUTC());
        Cell source = new Cell("mismatch", 2.0, 64, Method.MH, 1);
        CellRunner.SourceTraining t = runner.trainSource(source);
        assertEquals(CellSeeds.familyChip(0, "mismatch", 2.0, 3), t.chipSeeds());
        assertTrue(t.chipSamples() > 0 && t.chipPrograms() == s.mh().iterations() + 1);
        CellRunner.SourceTraining again = runner.trainSource(source);
        for (int l = 0; l < t.weights().length; l++) {
            assertTrue(java.util.Arrays.equals(t.weights()[l], again.weights()[l]), "a pure function of the cell");
        }
        List<Cell> asked = new ArrayList<>();
        CellRunner shared = new CellRunner(s, data, Clock.systemUTC(), true, src -> {
            asked.add(src);
            return t;
        });
        CellResult half = shared.run(new Cell("mismatch", 2.0, 64, Method.MH_WARM, 1, 0.5));
        CellResult tenth = shared.run(new Cell("mismatch", 2.0, 64, Method.MH_WARM, 1, 0.1));
        assertEquals(List.of(source, source), asked);
        assertEquals(t.chipSamples(), half.deployment().sourceChipSamples());
        assertEquals(300 + 1, half.deployment().chipPrograms(), "half of 600 iterations, plus the start");
        assertEquals(60 + 1, tenth.deployment().chipPrograms());
        CellResult inProcess = runner.run(new Cell("mismatch", 2.0, 64, Method.MH_WARM, 1, 0.5));
        assertEquals(half.testAccuracy(), inProcess.testAccuracy(), 0.0, "a shared source or one trained in-process");
        assertEquals(half.trace(), inProcess.trace());
        CellResult cold = run(s, source);
        assertTrue(half.deployment().chipSamples() < cold.deployment().chipSamples());
    }
}
