package chipsweep.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chipsweep.chip.SpikeTrains;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PopulationCodeTest {
    private static final PopulationCode CODE = PopulationCode.DEFAULTS;

    @ParameterizedTest(name = "x = {0}, neuron {1}: p = {2}")
    @CsvSource({
        "0.0, 0, 1.0", "0.0, 1, 0.0", "1.0, 9, 1.0", "1.0, 8, 0.0",
        "0.5, 4, 0.5", "0.5, 5, 0.5", "0.5, 3, 0.0", "0.0555555555555555556, 0, 0.5", "0.0555555555555555556, 1, 0.5",
        "0.0370370370370370370, 0, 0.75", "0.0370370370370370370, 1, 0.25",
    })
    void tuningCurvesAreRaisedCosinesOfWidthTwoSpacings(double x, int k, double p) {
        assertEquals(p, CODE.rates(new double[] {x, 0.0})[k], 1e-12);
        assertEquals(p, CODE.rates(new double[] {0.0, x})[10 + k], 1e-12, "dimension 2 is inputs 10..19");
    }

    @Test
    void spikeRatesMatchTheTuningCurves() {
        // 400 copies of one point x 100 steps = 40,000 Bernoulli draws per input; 5 binomial sds.
        double[] x = {0.31, 0.77};
        double[][] points = new double[400][];
        for (int n = 0; n < points.length; n++) {
            points[n] = x;
        }
        SpikeTrains s = CODE.encode(points, 12345L);
        double[] p = CODE.rates(x);
        double draws = 400.0 * CODE.steps();
        for (int i = 0; i < 20; i++) {
            long total = 0;
            for (int n = 0; n < points.length; n++) {
                total += s.counts(n)[i];
            }
            double rate = total / draws;
            double tol = 5 * Math.sqrt(p[i] * (1 - p[i]) / draws) + 1e-12;
            assertTrue(Math.abs(rate - p[i]) <= tol, "input " + i + ": rate " + rate + " vs p " + p[i]);
        }
    }

    @Test
    void spikesAreAFunctionOfSampleStepAndSeed() {
        double[] a = {0.2, 0.4};
        double[] b = {0.6, 0.9};
        SpikeTrains ab = CODE.encode(new double[][] {a, b}, 5L);
        SpikeTrains again = CODE.encode(new double[][] {a, b}, 5L);
        SpikeTrains cb = CODE.encode(new double[][] {{0.9, 0.1}, b}, 5L);
        SpikeTrains otherSeed = CODE.encode(new double[][] {a, b}, 6L);
        assertEquals(ab, again);
        for (int t = 0; t < CODE.steps(); t++) {
            for (int i = 0; i < 20; i++) {
                assertEquals(ab.spike(1, t, i), cb.spike(1, t, i), "sample 1 does not depend on sample 0");
            }
        }
        assertNotEquals(ab, otherSeed);
        assertEquals(100, ab.steps());
        assertEquals(20, ab.inputs());
    }

    @Test
    void refusesBadSettings() {
        assertEquals("neurons_per_dim must be >= 2, but was 1",
                assertThrows(IllegalArgumentException.class, () -> new PopulationCode(1, 100)).getMessage());
        assertEquals("T must be >= 1, but was 0",
                assertThrows(IllegalArgumentException.class, () -> new PopulationCode(10, 0)).getMessage());
    }
}
