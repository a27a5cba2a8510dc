package chipsweep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chipsweep.rng.Streams;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Split-R-hat and bulk ESS against known cases: chains drawn from one distribution (R-hat near 1, ESS near the
 * number of draws, or near its AR(1) value), chains stuck in separated modes or drifting (R-hat far above 1).
 * Fixed seeds: statistical but never flaky.
 */
class ConvergenceTest {
    private static double[][] iid(int chains, int draws, long seed, double[] shifts) {
        RandomGenerator rng = Streams.generator(seed);
        double[][] x = new double[chains][draws];
        for (int c = 0; c < chains; c++) {
            for (int i = 0; i < draws; i++) {
                x[c][i] = shifts[c] + rng.nextGaussian();
            }
        }
        return x;
    }

    /** AR(1) chains x_t = phi x_{t-1} + sqrt(1 - phi^2) e_t started at stationarity: ESS = S (1 - phi)/(1 + phi). */
    private static double[][] ar1(int chains, int draws, double phi, long seed) {
        RandomGenerator rng = Streams.generator(seed);
        double[][] x = new double[chains][draws];
        double s = Math.sqrt(1 - phi * phi);
        for (int c = 0; c < chains; c++) {
            x[c][0] = rng.nextGaussian();
            for (int i = 1; i < draws; i++) {
                x[c][i] = phi * x[c][i - 1] + s * rng.nextGaussian();
            }
        }
        return x;
    }

    @ParameterizedTest(name = "{0} chains of {1} draws, seed {2}")
    @CsvSource({"4, 1000, 1", "2, 500, 2", "1, 2000, 3", "8, 100, 4"})
    void chainsFromOneDistributionHaveRhatNearOneAndFullEss(int chains, int draws, long seed) {
        double[][] x = iid(chains, draws, seed, new double[chains]);
        double r = Convergence.splitRhat(x);
        assertTrue(Math.abs(r - 1) < 0.02, "R-hat " + r);
        double ess = Convergence.bulkEss(x);
        int s = chains * draws;
        assertTrue(ess > 0.8 * s && ess < 1.25 * s, "ESS " + ess + " of " + s + " independent draws");
    }

    @Test
    void autocorrelatedChainsHaveTheirAr1Ess() {
        double[][] x = ar1(4, 4000, 0.9, 5);
        double expected = 16000 * (1 - 0.9) / (1 + 0.9);
        double ess = Convergence.bulkEss(x);
        assertTrue(ess > 0.75 * expected && ess < 1.33 * expected, "ESS " + ess + ", AR(1) value " + expected);
        assertTrue(Math.abs(Convergence.splitRhat(x) - 1) < 0.02);
    }

    @Test
    void chainsStuckInSeparatedModesHaveRhatFarAboveOne() {
        double[][] x = iid(4, 500, 6, new double[] {0, 0, 0, 6});
        assertTrue(Convergence.splitRhat(x) > 1.5, "R-hat " + Convergence.splitRhat(x));
        double[][] two = iid(2, 500, 7, new double[] {-3, 3});
        assertTrue(Convergence.splitRhat(two) > 1.5, "R-hat " + Convergence.splitRhat(two));
    }

    @Test
    void oneChainThatJumpsModesHalfwayIsCaughtBySplitting() {
        double[][] x = iid(1, 1000, 8, new double[1]);
        for (int i = 600; i < 1000; i++) {
            x[0][i] += 5; // a plateau left at draw 600: failure mode (b) of the issue
        }
        assertTrue(Convergence.splitRhat(x) > 1.5, "R-hat " + Convergence.splitRhat(x));
    }

    @Test
    void aChainWhoseSpreadDiffersIsCaughtByTheFoldedRhat() {
        double[][] x = iid(4, 1000, 9, new double[4]);
        for (int i = 0; i < 1000; i++) {
            x[3][i] *= 4; // same centre, four times the scale: only the tail (folded) R-hat sees it
        }
        double[][] splitX = Convergence.split(x);
        assertTrue(Convergence.rhat(Convergence.rankNormalise(splitX)) < 1.05, "bulk alone does not see it");
        assertTrue(Convergence.splitRhat(x) > 1.1, "R-hat " + Convergence.splitRhat(x));
    }

    @Test
    void edgeCases() {
        assertEquals(1.0, Convergence.splitRhat(new double[][] {{2, 2, 2, 2}, {2, 2, 2, 2}}), 0.0);
        assertEquals(8.0, Convergence.bulkEss(new double[][] {{2, 2, 2, 2}, {2, 2, 2, 2}}), 0.0);
        assertTrue(Double.isNaN(Convergence.splitRhat(new double[][] {{1, 2, 3}})));
        assertTrue(Double.isNaN(Convergence.bulkEss(new double[][] {})));
        assertEquals(0.0, Convergence.inverseNormal(0.5), 1e-12);
        assertEquals(1.959963984540054, Convergence.inverseNormal(0.975), 1e-8);
        assertEquals(-2.326347874040841, Convergence.inverseNormal(0.01), 1e-8);
    }
}
