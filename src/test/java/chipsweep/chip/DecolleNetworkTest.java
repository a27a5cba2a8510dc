package chipsweep.chip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chipsweep.rng.Streams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DecolleNetworkTest {
    @Test
    void randomReadoutsArePlusMinusOneOverTheLayerSizeAndReproducible() {
        int[] layers = {20, 64, 64, 2};
        double[][] a = DecolleNetwork.randomReadouts(layers, 2, Streams.generator(5));
        double[][] b = DecolleNetwork.randomReadouts(layers, 2, Streams.generator(5));
        for (int l = 0; l < 3; l++) {
            assertArrayEquals(a[l], b[l], 0.0);
            assertEquals(layers[l + 1] * 2, a[l].length);
            for (double v : a[l]) {
                assertEquals(1.0 / layers[l + 1], Math.abs(v), 0.0);
            }
            assertTrue(DecolleNetwork.everyClassCanWin(a[l], layers[l + 1], 2));
        }
    }

    @Test
    void aTwoByTwoTopReadoutGivesEachClassItsOwnNeuron() {
        for (long seed = 0; seed < 50; seed++) {
            double[] top = DecolleNetwork.randomReadouts(new int[] {4, 2}, 2, Streams.generator(seed))[0];
            assertEquals(top[0], -top[1], 0.0);
            assertEquals(top[0], -top[2], 0.0);
            assertEquals(top[0], top[3], 0.0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "0.5 -0.5 -0.5 0.5 | true",
        "-0.5 0.5 0.5 0.5  | false",   // class 0 only ties class 1
        "-0.5 -0.5 0.5 -0.5 | false",  // class 1 never beats class 0
        "0.5 0.5 0.5 0.5   | false",
    })
    void whichTwoByTwoReadoutsLetEveryClassWin(String entries, boolean ok) {
        String[] e = entries.trim().split("\\s+");
        double[] b = new double[4];
        for (int i = 0; i < 4; i++) {
            b[i] = Double.parseDouble(e[i]);
        }
        assertEquals(ok, DecolleNetwork.everyClassCanWin(b, 2, 2));
    }

    @Test
    void refusesBadShapes() {
        double[][] r = {new double[4], new double[4]};
        assertEquals("burn_in must be >= 0 and < T (10), but was 10", assertThrows(IllegalArgumentException.class,
                () -> DecolleNetwork.of(new int[] {3, 2, 2}, 10, 10, DecolleParams.DEFAULTS, r)).getMessage());
        assertEquals("readout of layer 2 must have 4 entries, but was 6", assertThrows(IllegalArgumentException.class,
                () -> DecolleNetwork.of(new int[] {3, 2, 2}, 10, 1, DecolleParams.DEFAULTS,
                        new double[][] {new double[4], new double[6]})).getMessage());
        assertEquals("tau_ref must be > 0 and finite, but was 0.0",
                assertThrows(IllegalArgumentException.class, () -> new DecolleParams(10, 6, 0)).getMessage());
        assertFalse(DecolleNetwork.of(new int[] {3, 2, 2}, 10, 1, DecolleParams.DEFAULTS, r).toString().isEmpty());
    }
}
