package chipsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chipsweep.chip.BuchelParams;
import chipsweep.train.BuchelSettings;
import java.time.Clock;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BuchelCellsTest {
    private static final BuchelSettings TINY = new BuchelSettings(12, 4, 1.05, BuchelParams.DEFAULTS, 0.05, 1, 1, 0.005, 1,
            1, 1e-3, 50, 1, 1, 1e-3, 10, 4, 2, 3);

    private static Science science() {
        return Science.defaults(7).withBuchel(new BuchelScience(TINY));
    }

    private static CellResult run(Cell c) {
        return new CellRunner(science(), new BuchelScience(TINY).data(), Clock.systemUTC()).run(c);
    }

    @Test
    void aCellRebuiltFromItsFieldsGivesTheSameNumbersAndTheSameChipDrawsAsAnotherMethod() {
        Cell mimic = new Cell("mismatch", 0.2, 8, Method.MIMIC, 1);
        CellResult a = run(mimic);
        CellResult b = run(mimic);
        assertTrue(a.ok(), a.error());
        assertEquals(a.testAccuracy(), b.testAccuracy(), 0.0);
        assertEquals(a.metric("reconstruction_error"), b.metric("reconstruction_error"), 0.0);
        assertEquals(a.deployment().fleet(), b.deployment().fleet(), "the same draws, the same accuracies");
        assertEquals(a.trace(), b.trace());
        CellResult bptt = run(new Cell("mismatch", 0.2, 8, Method.BPTT, 1));
        assertTrue(bptt.ok(), bptt.error());
        assertEquals(a.metric("teacher_accuracy"), bptt.metric("teacher_accuracy"), 0.0, "one teacher per seed");
        for (int k = 0; k < 3; k++) {
            assertEquals(a.deployment().fleet().get(k).chipSeeds(), bptt.deployment().fleet().get(k).chipSeeds());
        }
        assertTrue(Double.isNaN(bptt.metric("reconstruction_error")));
    }

    @Test
    void everySigmaAndDeathShareOfAMethodDeploysOneTrainingAndBitsTrainAnother() {
        TreeMap<String, Double> dead = new TreeMap<>();
        dead.put("death", 0.4);
        TreeMap<String, Double> three = new TreeMap<>();
        three.put("bits", 3.0);
        Cell sigma = new Cell("mismatch", 0.2, 8, Method.BPTT, 1);
        Cell death = new Cell("mismatch", 0.0, 8, Method.BPTT, 1, Cell.NO_BUDGET, dead);
        Cell bits = new Cell("mismatch", 0.0, 8, Method.BPTT, 1, Cell.NO_BUDGET, three);
        assertEquals(sigma.source(), death.source());
        assertEquals(new Cell("mismatch", 0.0, 8, Method.BPTT, 1), sigma.source());
        assertEquals(three, bits.source().params(), "bits change the training");
        java.util.Map<Cell, CellRunner.SourceTraining> trained = new java.util.HashMap<>();
        java.util.List<Cell> calls = new java.util.ArrayList<>();
        CellRunner plain = new CellRunner(science(), new BuchelScience(TINY).data(), Clock.systemUTC());
        CellRunner shared = new CellRunner(science(), new BuchelScience(TINY).data(), Clock.systemUTC(), true,
                c -> {
                    calls.add(c);
                    return trained.computeIfAbsent(c, plain::trainSource);
                });
        for (Cell c : List.of(sigma, death, bits)) {
            CellResult a = shared.run(c);
            CellResult b = plain.run(c);
            assertTrue(a.ok(), a.error());
            assertEquals(b.testAccuracy(), a.testAccuracy(), 0.0, "the shared training is the cell's own");
            assertEquals(b.deployment().fleet(), a.deployment().fleet());
            assertEquals(b.trace(), a.trace());
            assertEquals(b.finalLoss(), a.finalLoss(), 0.0);
            assertEquals(b.metric("teacher_accuracy"), a.metric("teacher_accuracy"), 0.0);
        }
        assertEquals(2, trained.size(), "one training for sigma and death, one for bits: " + calls);
    }

    @Test
    void deathAndBitsAreAxesAndAnotherDistortionFails() {
        TreeMap<String, Double> p = new TreeMap<>();
        p.put("death", 0.5);
        CellResult dead = run(new Cell("mismatch", 0.0, 8, Method.MIMIC_NO_FAST, 0, Cell.NO_BUDGET, p));
        assertTrue(dead.ok(), dead.error());
        assertEquals(3, dead.deployment().fleet().size());
        CellResult nonlin = run(new Cell("nonlin", 0.0, 8, Method.MIMIC, 0));
        assertEquals(CellResult.Status.FAILED, nonlin.status());
        assertTrue(nonlin.error().contains("distortion mismatch"), nonlin.error());
        assertEquals(List.of(), nonlin.trace());
    }
}
