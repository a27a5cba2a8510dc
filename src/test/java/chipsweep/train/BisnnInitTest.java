package chipsweep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chipsweep.chip.DecolleNetwork;
import chipsweep.chip.DecolleParams;
import chipsweep.rng.Streams;
import org.junit.jupiter.api.Test;

class BisnnInitTest {
    private static final int[] LAYERS = {20, 64, 64, 2};
    private static final DecolleNetwork NET = DecolleNetwork.of(LAYERS, 20, 4, DecolleParams.DEFAULTS,
            DecolleNetwork.randomReadouts(LAYERS, 2, Streams.generator(2)));

    private static double[][] initial(BisnnInit fp, BisnnInit latent, BisnnRule rule, double priorP) {
        BisnnSettings d = BisnnSettings.TWO_MOONS;
        BisnnSettings s = new BisnnSettings(d.lrFp(), d.lrSt(), d.lrBayes(), d.rho(), d.temperature(), priorP,
                d.ensembleSize(), d.epochs(), d.batchSize(), 20, 4, d.layers(), d.neuron(), 0.5, fp, latent);
        return BisnnTrainer.initial(NET, s, rule, null, Streams.generator(5));
    }

    @Test
    void uniformLiesBetweenTheBinaryValuesWithTheirMeanAndVariance() {
        double[][] w = initial(BisnnInit.UNIFORM, BisnnInit.GAUSSIAN, BisnnRule.FP, 0.5);
        double sum = 0;
        double sq = 0;
        int n = 0;
        for (double[] layer : w) {
            for (double v : layer) {
                assertTrue(v >= -1 && v < 1);
                sum += v;
                sq += v * v;
                n++;
            }
        }
        assertEquals(0.0, sum / n, 4 * Math.sqrt(1.0 / 3 / n)); // mean 0, sd of the mean sqrt(1/3n)
        assertEquals(1.0 / 3, sq / n, 0.03);
    }

    @Test
    void bayesbinnIsPlusOrMinusTenWithThePriorsProbability() {
        double[][] w = initial(BisnnInit.LSUV, BisnnInit.BAYESBINN, BisnnRule.BAYES, 0.3);
        int plus = 0;
        int n = 0;
        for (double[] layer : w) {
            for (double v : layer) {
                assertEquals(10.0, Math.abs(v));
                plus += v > 0 ? 1 : 0;
                n++;
            }
        }
        double sd = Math.sqrt(0.3 * 0.7 / n);
        assertEquals(0.3, (double) plus / n, 4 * sd);
    }

    @Test
    void gaussianHasTheInitSd() {
        double[][] w = initial(BisnnInit.LSUV, BisnnInit.GAUSSIAN, BisnnRule.ST, 0.5);
        double sq = 0;
        int n = 0;
        for (double[] layer : w) {
            for (double v : layer) {
                sq += v * v;
                n++;
            }
        }
        assertEquals(0.25, sq / n, 0.02);
    }

    @Test
    void eachRuleUsesItsOwnSetting() {
        assertEquals(BisnnInit.LSUV, BisnnSettings.TWO_MOONS.initOf(BisnnRule.FP));
        assertEquals(BisnnInit.GAUSSIAN, BisnnSettings.TWO_MOONS.initOf(BisnnRule.ST));
        assertEquals(BisnnInit.GAUSSIAN, BisnnSettings.TWO_MOONS.initOf(BisnnRule.BAYES));
        // fp uniform, latent bayesbinn: st gets +-10, fp values in [-1, 1)
        assertEquals(10.0, Math.abs(initial(BisnnInit.UNIFORM, BisnnInit.BAYESBINN, BisnnRule.ST, 0.5)[0][0]));
        assertTrue(Math.abs(initial(BisnnInit.UNIFORM, BisnnInit.BAYESBINN, BisnnRule.FP, 0.5)[0][0]) < 1);
    }

    @Test
    void namesAreRefusedWithTheFieldAndTheChoices() {
        assertEquals(BisnnInit.LSUV, BisnnInit.of("init", "lsuv"));
        assertEquals("init_latent must be one of lsuv, uniform, bayesbinn, gaussian, but was 'xavier'",
                assertThrows(IllegalArgumentException.class, () -> BisnnInit.of("init_latent", "xavier")).getMessage());
        assertEquals("init_latent must be one of uniform, bayesbinn, gaussian, but was lsuv",
                assertThrows(IllegalArgumentException.class,
                        () -> BisnnSettings.TWO_MOONS.withInit(BisnnInit.LSUV, BisnnInit.LSUV)).getMessage());
    }
}
