package chipsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chipsweep.train.BisnnMethod;
import chipsweep.train.BisnnRule;
import chipsweep.train.BisnnSettings;
import chipsweep.train.BisnnTwoMoons;
import java.time.Clock;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** BiSNN cells through the one {@link CellRunner}: every method's metrics, paired data per seed, determinism. */
class BisnnCellsTest {
    static Science science() {
        BisnnScience b = new BisnnScience(BisnnSettings.TWO_MOONS.withEpochs(2), 40, 5);
        return Science.defaults(0).withBisnn(b);
    }

    private static CellResult run(Cell c) {
        CellResult r = new CellRunner(science(), science().bisnn().data(), Clock.systemUTC()).run(c);
        assertEquals(CellResult.Status.OK, r.status(), String.valueOf(r.error()));
        return r;
    }

    private static Cell cell(Method m, int seed) {
        return new Cell("none", 0.0, 50, m, seed, Cell.NO_BUDGET, new TreeMap<>(Map.of("hidden", 8.0)));
    }

    @Test
    void everyMethodScoresAccuracyCalibrationAndEntropy() {
        for (Method m : new Method[] {Method.FP, Method.ST, Method.BAYES_MAP, Method.BAYES_ENS}) {
            CellResult r = run(cell(m, 1));
            assertTrue(r.testAccuracy() >= 0 && r.testAccuracy() <= 1, m.id());
            assertTrue(r.metric("ece") >= 0 && r.metric("ece") <= 1, m.id() + " ece " + r.metric("ece"));
            assertTrue(r.metric("nll") >= 0, m.id());
            assertTrue(r.metric("entropy_test") >= 0 && r.metric("entropy_grid") <= Math.log(2) + 1e-12, m.id());
            assertEquals(0.5, r.metric("floor_accuracy"), 0.0, "two balanced classes");
            assertEquals(0, r.deployment().chipSamples(), "no chip yet");
        }
    }

    @Test
    void bayesMapAndBayesEnsDeployOneSharedTrainingEqualToTrainingInTheCell() {
        Science sci = science();
        Cell ens = cell(Method.BAYES_ENS, 3);
        Cell map = cell(Method.BAYES_MAP, 3);
        assertEquals(ens.source(), map.source());
        assertTrue(ens.method().sourced() && !cell(Method.ST, 3).method().sourced());
        CellSeeds seeds = CellSeeds.of(sci.globalSeed(), sci.layers(ens), ens);
        BisnnSettings s = BisnnCells.settings(sci.bisnn().training(), ens);
        BisnnTwoMoons.Data d = BisnnTwoMoons.data(seeds.split(), s, 50, 40, 5);
        Map<BisnnMethod, BisnnTwoMoons.Scores> direct = new EnumMap<>(BisnnMethod.class);
        for (BisnnTwoMoons.Scores x : BisnnTwoMoons.run(d, s, BisnnRule.BAYES, seeds.split())) {
            direct.put(x.method(), x);
        }
        CellRunner own = new CellRunner(sci, sci.bisnn().data(), Clock.systemUTC());
        Map<Cell, CellRunner.SourceTraining> trained = new HashMap<>();
        CellRunner shared = new CellRunner(sci, sci.bisnn().data(), Clock.systemUTC(), true,
                src -> trained.computeIfAbsent(src, own::trainSource));
        for (Cell c : new Cell[] {ens, map}) {
            CellResult r = shared.run(c);
            assertEquals(CellResult.Status.OK, r.status(), String.valueOf(r.error()));
            BisnnTwoMoons.Scores want = direct.get(BisnnMethod.of(c.method().id()));
            assertEquals(want.accuracy(), r.testAccuracy(), 0.0, c.method().id());
            assertEquals(want.ece(), r.metric("ece"), 0.0, c.method().id());
            assertEquals(want.nll(), r.metric("nll"), 0.0, c.method().id());
        }
        assertEquals(1, trained.size(), "one training for both methods");
        assertTrue(Double.isFinite(trained.values().iterator().next().finalLoss()));
    }

    @Test
    void theSameCellIsBitIdenticalAndTheHiddenAxisSizesTheNetwork() {
        CellResult a = run(cell(Method.BAYES_ENS, 2));
        CellResult b = run(cell(Method.BAYES_ENS, 2));
        assertEquals(a.testAccuracy(), b.testAccuracy(), 0.0);
        assertEquals(a.metric("ece"), b.metric("ece"), 0.0);
        assertEquals(java.util.List.of(20, 8, 8, 2), BisnnCells.settings(science().bisnn().training(), cell(Method.FP, 0)).layers());
        assertEquals(4, science().layers(cell(Method.FP, 0)).length);
    }
}
