package chipsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chipsweep.train.BisnnSettings;
import chipsweep.train.MhSettings;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The expected-cost model's structure (its constants come from measurements, docs/performance.md): what each part
 * of a cell's work adds, so that a change to one part cannot silently rescale another.
 */
class CellCostTest {
    private static final Science LIF = Science.defaults(0);

    private static Cell cell(String distortion, double sigma, int n, Method m, double budget) {
        return new Cell(distortion, sigma, n, m, 0, budget);
    }

    private static double cost(Cell c, Science s) {
        return Method.expectedCost(c, s);
    }

    @Test
    void everyCellHasItsFixedPartEvenWithoutTraining() {
        double none = cost(cell("mismatch", 2, 398, Method.MH_WARM, 0.0), LIF);
        assertTrue(none > CellCost.US_CELL && none < 2 * CellCost.US_CELL, "budget 0: " + none);
        assertEquals(none, cost(cell("mismatch", 2, 398, Method.BP_WARM, 0.0), LIF), 1e-9);
    }

    @Test
    void mhScalesWithItsChainsAndAWarmCellWithItsBudgetOfOneChain() {
        Science one = new Science(0, 0.7, LIF.network(), LIF.chip(), withChains(1), LIF.bp());
        Cell mh = cell("mismatch", 2, 398, Method.MH, Cell.NO_BUDGET);
        double fixed = cost(cell("mismatch", 2, 398, Method.MH_WARM, 0.0), LIF);
        assertEquals(2.0, (cost(mh, LIF) - fixed) / (cost(mh, one) - fixed), 1e-9);
        double half = cost(cell("mismatch", 2, 398, Method.MH_WARM, 0.5), LIF) - fixed;
        assertEquals(0.5, half / (cost(mh, one) - fixed), 1e-9);
    }

    @Test
    void earlyRejectionOnlyOnDeterministicChipsAboveTheFirstChunk() {
        double det = cost(cell("mismatch", 2, 398, Method.MH, Cell.NO_BUDGET), LIF);
        double noisy = cost(cell("noise", 2, 398, Method.MH, Cell.NO_BUDGET), LIF);
        assertTrue(noisy > 1.3 * det, noisy + " vs " + det);
        // sigma 0 is the ideal, deterministic chip
        assertEquals(det, cost(cell("noise", 0, 398, Method.MH, Cell.NO_BUDGET), LIF), 1e-9);
        assertEquals(cost(cell("noise", 2, 64, Method.MH, Cell.NO_BUDGET), LIF),
                cost(cell("mismatch", 2, 64, Method.MH, Cell.NO_BUDGET), LIF), 1e-9);
    }

    @Test
    void smallTrainingSetsCostMoreThanTheirShareOfSamples() {
        // a chip call's fixed part: n = 8 costs far more than 8/398 of n = 398
        double small = cost(cell("mismatch", 2, 8, Method.MH, Cell.NO_BUDGET), LIF);
        double full = cost(cell("mismatch", 2, 398, Method.MH, Cell.NO_BUDGET), LIF);
        assertTrue(small / full > 5 * 8.0 / 398, small / full + "");
    }

    @Test
    void theFleetAddsItsEvaluations() {
        Cell bp = cell("mismatch", 2, 398, Method.BP, Cell.NO_BUDGET);
        double without = cost(bp, LIF);
        double with = cost(bp, LIF.withDeployment(new DeploymentSettings(20, 0)));
        assertEquals(21 * CellCost.TEST_SAMPLES * CellCost.US_PER_SAMPLE + 21 * CellCost.US_PER_CALL, with - without,
                1e-6);
    }

    @Test
    void bisnnGrowsWithTheHiddenWidthSquaredAndBayesCellsOnlyDeployTheirSharedTraining() {
        Science s = LIF.withBisnn(new BisnnScience(BisnnSettings.TWO_MOONS, 200, 21));
        double fp64 = cost(bisnn(Method.FP, 64), s) - CellCost.US_CELL;
        double fp128 = cost(bisnn(Method.FP, 128), s) - CellCost.US_CELL;
        assertTrue(fp128 / fp64 > 2.5 && fp128 / fp64 < 4, "" + fp128 / fp64);
        assertEquals(0.0, cost(bisnn(Method.BAYES_ENS, 64), s) - CellCost.US_CELL, 1e-9);
        assertEquals(0.0, cost(bisnn(Method.BAYES_MAP, 256), s) - CellCost.US_CELL, 1e-9);
        assertEquals(fp64, cost(bisnn(Method.ST, 64), s) - CellCost.US_CELL, 1e-9);
    }

    @Test
    void buchelTrainingIsPaidBySourcesAndAMimicNetworkOnAMismatchedChipCostsMoreThanBptts() {
        Science s = LIF.withBuchel(new BuchelScience(chipsweep.train.BuchelSettings.DEFAULTS));
        Cell mimic = new Cell("mismatch", 0, 1000, Method.MIMIC, 0);
        Cell bptt = new Cell("mismatch", 0, 1000, Method.BPTT, 0);
        double cellMimic = cost(mimic, s) - CellCost.US_CELL;
        double cellBptt = cost(bptt, s) - CellCost.US_CELL;
        assertEquals(cellMimic, cellBptt, 1e-6, "at sigma 0 a chip draw costs the same for every method");
        // the measured full-size figures: trainings 110 s and 499 s, a cell about 19 s
        assertEquals(109.4, (CellCost.training(mimic, s) - CellCost.US_CELL) / 1e6 - cellMimic / 1e6, 0.1);
        assertEquals(499.2, (CellCost.training(bptt, s) - CellCost.US_CELL) / 1e6 - cellBptt / 1e6, 0.1);
        assertEquals(19.2, cellMimic / 1e6, 0.1);
        double mimic3 = cost(new Cell("mismatch", 0.3, 1000, Method.MIMIC, 0), s) - CellCost.US_CELL;
        double bptt3 = cost(new Cell("mismatch", 0.3, 1000, Method.BPTT, 0), s) - CellCost.US_CELL;
        assertTrue(mimic3 / cellMimic > 6 && mimic3 / cellMimic < 7, "mimic at sigma 0.3: " + mimic3 / cellMimic);
        assertTrue(bptt3 / cellBptt > 1.9 && bptt3 / cellBptt < 2.2, "bptt at sigma 0.3: " + bptt3 / cellBptt);
    }

    /**
     * The measured ratios of a quantised mimic cell to a full-precision one: 4.2, 5.5, 2.8, 1.25, 1.03 at 2-6 bits;
     * 0 bits is full precision.
     */
    @ParameterizedTest
    @CsvSource({"2, 4.0, 5.6", "3, 5.0, 5.6", "4, 2.3, 3.0", "5, 1.1, 1.4", "6, 1.0, 1.1", "8, 1.0, 1.0", "0, 1.0, 1.0"})
    void aQuantisedMimicNetworkCostsWhatTheFullRunMeasuredAndABpttOneNoMore(double bits, double low, double high) {
        Science s = LIF.withBuchel(new BuchelScience(chipsweep.train.BuchelSettings.DEFAULTS));
        double full = cost(new Cell("mismatch", 0, 1000, Method.MIMIC, 0), s) - CellCost.US_CELL;
        double ratio = (cost(quantised(Method.MIMIC, bits), s) - CellCost.US_CELL) / full;
        assertTrue(ratio >= low && ratio <= high, bits + " bits: " + ratio);
        assertEquals(cost(new Cell("mismatch", 0, 1000, Method.BPTT, 0), s), cost(quantised(Method.BPTT, bits), s),
                1e-6);
    }

    private static Cell quantised(Method m, double bits) {
        return new Cell("mismatch", 0, 1000, m, 0, Cell.NO_BUDGET, new TreeMap<>(Map.of("bits", bits)));
    }

    private static Cell bisnn(Method m, int hidden) {
        return new Cell("none", 0, 200, m, 0, Cell.NO_BUDGET, new TreeMap<>(Map.of("hidden", (double) hidden)));
    }

    private static MhSettings withChains(int chains) {
        MhSettings d = MhSettings.DEFAULTS;
        return new MhSettings(d.iterations(), d.burnIn(), d.initialStep(), d.adaptEvery(), d.targetAcceptance(),
                d.priorSd(), d.likelihoodN0(), d.gamma(), d.traceEvery(), chains, d.plateauShare(), d.average());
    }
}
