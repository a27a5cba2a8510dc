package chipsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chipsweep.chip.DistortionSettings;
import chipsweep.chip.Network;
import chipsweep.data.Dataset;
import chipsweep.data.WdbcLoader;
import chipsweep.train.BpSettings;
import chipsweep.train.MhSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each method end to end on WDBC with short settings, determinism, common random numbers (METHOD.md section 6)
 * and failure rows.
 */
class CellRunnerTest {
    /** A collapsed classifier's test accuracy on WDBC (107/171). */
    static final double MAJORITY_FLOOR = 107.0 / 171.0;

    static Dataset data;
    static Science quick;

    /** The methods of the LIF model (the current-based model's run in CubaCellsTest). */
    static List<Method> lifMethods() {
        return java.util.Arrays.stream(Method.values()).filter(m -> m.runsOn(Model.LIF)).toList();
    }

    @BeforeAll
    static void load() {
        data = WdbcLoader.load(Path.of("datasets/wdbc.csv"));
        quick = quickScience();
    }

    static Science quickScience() {
        MhSettings mh = new MhSettings(1500, 500, 0.02, 100, 0.25, 1.0, 64, 10.0, 50);
        BpSettings bp = new BpSettings(2e-3, 0.9, 0.999, 1e-8, 32, 30, 25.0, 10.0);
        return new Science(0, 0.7, new Network(new int[] {30, 20, 2}, 20, 0.9, 1.0), DistortionSettings.DEFAULTS, mh, bp);
    }

    private static CellResult run(Cell c) {
        return new CellRunner(quick, data, Clock.systemUTC()).run(c);
    }

    /** A cell of method {@code m}; warm methods get a quarter of the cold budget. */
    static Cell cell(String distortion, double sigma, int n, Method m, int seed) {
        return new Cell(distortion, sigma, n, m, seed, m.warm() ? 0.25 : Cell.NO_BUDGET);
    }

    @ParameterizedTest
    @MethodSource("lifMethods")
    void everyMethodLearnsWellAboveTheMajorityFloor(Method m) {
        CellResult r = run(cell("mismatch", 0.0, 398, m, 1));
        assertEquals(CellResult.Status.OK, r.status(), String.valueOf(r.error()));
        if (m == Method.BP_BAYES) {
            // the Bayesian rule learns slowly in 30 epochs on this chip (docs/binary-chip.md): its sampled networks'
            // loss must fall and its most probable pattern beat the floor
            double first = r.trace().get(0).loss();
            double last = r.trace().get(r.trace().size() - 1).loss();
            assertTrue(last < first - 0.05, m + ": training loss " + first + " -> " + last);
            assertTrue(r.testAccuracy() > MAJORITY_FLOOR, m + ": test accuracy " + r.testAccuracy());
        } else {
            assertTrue(r.testAccuracy() >= 0.85, m + ": test accuracy " + r.testAccuracy() + " (floor " + MAJORITY_FLOOR + ")");
            assertTrue(r.trainAccuracy() >= 0.85, m + ": train accuracy " + r.trainAccuracy());
        }
        double budget = m.warm() ? 0.25 : 1.0;
        if (m.chains()) {
            assertTrue(r.acceptanceRate() > 0.05 && r.acceptanceRate() < 0.6, "acceptance " + r.acceptanceRate());
            assertEquals(Math.round(budget * quick.mh().iterations()) / quick.mh().traceEvery(), r.trace().size());
            assertTrue(Double.isFinite(r.mapTestAccuracy()) && Double.isFinite(r.lastTestAccuracy()));
        } else {
            assertEquals(Math.round(budget * quick.bp().epochs()), r.trace().size());
            assertTrue(Double.isNaN(r.acceptanceRate()));
        }
    }

    @Test
    void theSameCellGivesBitIdenticalResults() {
        for (Method m : lifMethods()) {
            Cell c = cell("mismatch+nonlin", 1.5, 64, m, 3);
            CellResult a = run(c);
            CellResult b = run(c);
            assertEquals(a.testAccuracy(), b.testAccuracy(), 0.0, m.id());
            assertEquals(a.trainAccuracy(), b.trainAccuracy(), 0.0, m.id());
            assertEquals(a.acceptanceRate(), b.acceptanceRate(), 0.0, m.id());
            assertEquals(a.finalStep(), b.finalStep(), 0.0, m.id());
            assertEquals(a.finalLoss(), b.finalLoss(), 0.0, m.id());
            assertEquals(a.trace(), b.trace(), m.id());
            assertEquals(a.seeds(), b.seeds(), m.id());
        }
    }

    @Test
    void methodsOfOneSigmaNAndSeedShareChipSplitAndInitialWeights() {
        Cell mh = new Cell("mismatch", 2.0, 128, Method.MH, 4);
        CellSeeds s = CellSeeds.of(0, new int[] {30, 20, 2}, mh);
        for (Method m : lifMethods()) {
            CellSeeds o = CellSeeds.of(0, new int[] {30, 20, 2}, cell("mismatch", 2.0, 128, m, 4));
            assertEquals(s.split(), o.split());
            assertEquals(s.subset(), o.subset());
            assertEquals(s.chip(), o.chip());
            assertEquals(s.init(), o.init());
        }
        // The chip draw does not depend on sigma or n; the split not on n; the training stream does.
        CellSeeds other = CellSeeds.of(0, new int[] {30, 20, 2}, new Cell("mismatch", 4.0, 8, Method.MH, 4));
        assertEquals(s.chip(), other.chip());
        assertEquals(s.split(), other.split());
        assertEquals(s.init(), other.init());
        assertNotEquals(s.train(), other.train());
        assertNotEquals(s.chip(), CellSeeds.of(0, new int[] {30, 20, 2}, new Cell("mismatch", 2.0, 128, Method.MH, 5)).chip());
        assertNotEquals(s.split(), CellSeeds.of(7, new int[] {30, 20, 2}, mh).split(), "the global seed matters");
    }

    @Test
    void bpOfflineDeploysTheWeightsOfTheIdealBpCell() {
        CellResult bp0 = run(new Cell("mismatch", 0.0, 64, Method.BP, 2));
        CellResult off0 = run(new Cell("mismatch", 0.0, 64, Method.BP_OFFLINE, 2));
        assertEquals(bp0.testAccuracy(), off0.testAccuracy(), 0.0);
        assertEquals(bp0.trace(), off0.trace(), "same training stream, same ideal chip, same curve");
        CellResult off2 = run(new Cell("mismatch", 2.0, 64, Method.BP_OFFLINE, 2));
        assertEquals(bp0.trace(), off2.trace(), "bp-offline trains on the ideal chip whatever the deployment sigma");
    }

    @Test
    void aCellThatThrowsBecomesAFailedResult() {
        CellResult r = run(new Cell("mismatch", 1.0, 500, Method.MH, 0));
        assertEquals(CellResult.Status.FAILED, r.status());
        assertTrue(r.error().contains("train_size") && r.error().contains("500"), r.error());
        assertTrue(Double.isNaN(r.testAccuracy()));
        assertEquals(r.seeds(), CellSeeds.of(0, new int[] {30, 20, 2}, r.cell()));
    }

    @Test
    void extremeSettingsGiveAFiniteOkRow() {
        Science tiny = new Science(0, 0.7, new Network(new int[] {30, 1, 2}, 1, 0.9, 1.0), DistortionSettings.DEFAULTS,
                new MhSettings(200, 100, 0.02, 50, 0.25, 1.0, 64, 10.0, 50),
                new BpSettings(2e-3, 0.9, 0.999, 1e-8, 32, 3, 25.0, 10.0));
        for (Method m : lifMethods()) {
            for (String kind : new String[] {"mismatch", "nonlin", "threshold", "leak", "quantize", "noise"}) {
                CellResult r = new CellRunner(tiny, data, Clock.systemUTC()).run(cell(kind, 1e3, 2, m, 0));
                assertEquals(CellResult.Status.OK, r.status(), kind + " " + m + ": " + r.error());
                assertTrue(r.testAccuracy() >= 0 && r.testAccuracy() <= 1, kind + " " + m + ": " + r.testAccuracy());
            }
        }
    }
}
