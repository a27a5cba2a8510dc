package chipsweep.chip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chipsweep.rng.Streams;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Evaluating a subset of samples in any order ({@link Chip#evaluate(Batch, int[], int, int, Readout)}). */
class SimulatedChipTest {
    private static int[] shuffled(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        RandomGenerator rng = Streams.generator(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    @ParameterizedTest(name = "{0} sigma {1}, {2} samples")
    @CsvSource({
        "mismatch, 2.0, 398",
        "nonlin, 2.0, 398",
        "threshold, 1.0, 97",
        "leak, 1.0, 398",
        "quantize, 1.0, 398",
        "mismatch+nonlin+threshold+leak+quantize, 1.0, 1100",
    })
    void samplesRunInChunksAndAnyOrderGiveTheWholeBatchResults(String kind, double sigma, int rows) {
        Network net = DistortionsTest.SMALL;
        SimulatedChip chip = DistortionsTest.chip(kind, sigma, net, 3);
        assertTrue(chip.deterministic());
        chip.program(DistortionsTest.weights(net, 3.0, 4));
        Batch x = DistortionsTest.inputs(net, rows, 5);
        double[] whole = DistortionsTest.outputs(chip, x);

        int[] order = shuffled(rows, 6);
        Readout r = new Readout(net, rows, true);
        int[] cuts = {0, rows / 7, rows / 7 + 1, rows / 2, rows};
        for (int c = 0; c + 1 < cuts.length; c++) {
            chip.evaluate(x, order, cuts[c], cuts[c + 1], r);
        }
        assertArrayEquals(whole, DistortionsTest.values(net, r), 0.0);
    }

    /** A mismatch chip of the small network, programmed with fixed weights. */
    private static SimulatedChip programmed() {
        SimulatedChip chip = DistortionsTest.chip("mismatch", 1.0, DistortionsTest.SMALL, 3);
        chip.program(DistortionsTest.weights(DistortionsTest.SMALL, 3.0, 4));
        return chip;
    }

    @Test
    void samplesOutsideTheRangeKeepTheirRows() {
        Network net = DistortionsTest.SMALL;
        SimulatedChip chip = programmed();
        Batch x = DistortionsTest.inputs(net, 50, 5);
        Readout r = new Readout(net, 50, false);
        Arrays.fill(r.counts, -7);
        int[] order = shuffled(50, 8);
        chip.evaluate(x, order, 10, 30, r);
        boolean[] ran = new boolean[50];
        for (int i = 10; i < 30; i++) {
            ran[order[i]] = true;
        }
        for (int n = 0; n < 50; n++) {
            for (int k = 0; k < net.outputs(); k++) {
                assertEquals(!ran[n], r.count(n, k) == -7, "sample " + n);
            }
        }
    }

    @Test
    void invalidOrdersAreRejected() {
        SimulatedChip chip = programmed();
        int[] order = {0, 1, 2, 10};
        Readout r = new Readout(chip.network(), 10, false);
        Batch x = DistortionsTest.inputs(chip.network(), 10, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> chip.evaluate(x, order, 0, 4, r));
        assertEquals("order[3] = 10 is not a row of the batch's 10", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> chip.evaluate(x, order, 2, 5, r));
        assertThrows(IllegalArgumentException.class, () -> chip.evaluate(x, order, 3, 2, r));
        chip.evaluate(x, order, 0, 3, r);
    }

    /**
     * The nonlin transfer memo lives across passes and programmings: a chip that has run other weights (and
     * filled its memo with their currents) gives the same outputs as a fresh chip.
     */
    @ParameterizedTest(name = "{0} sigma {1}")
    @CsvSource({"nonlin, 2.0", "nonlin, 0.5", "mismatch+nonlin, 1.0"})
    void aUsedChipGivesWhatAFreshChipGives(String kind, double sigma) {
        Network net = new Network(new int[] {30, 20, 2}, 20, 0.9, 1.0);
        Batch x = DistortionsTest.inputs(net, 600, 5);
        double[][] a = DistortionsTest.weights(net, 3.0, 4);
        double[][] b = DistortionsTest.weights(net, 3.0, 7);
        SimulatedChip used = DistortionsTest.chip(kind, sigma, net, 3);
        used.program(a);
        double[] first = DistortionsTest.outputs(used, x);
        used.program(b);
        double[] second = DistortionsTest.outputs(used, x);
        used.program(a);
        assertArrayEquals(first, DistortionsTest.outputs(used, x), 0.0, "weights a again");
        SimulatedChip fresh = DistortionsTest.chip(kind, sigma, net, 3);
        fresh.program(b);
        assertArrayEquals(DistortionsTest.outputs(fresh, x), second, 0.0, "weights b, fresh chip");
    }

    @Test
    void onlyANoisyChipIsNondeterministic() {
        Network net = DistortionsTest.SMALL;
        assertFalse(DistortionsTest.chip("noise", 0.5, net, 3).deterministic());
        assertTrue(DistortionsTest.chip("noise", 0.0, net, 3).deterministic());
        assertTrue(SimulatedChip.ideal(net).deterministic());
    }
}
