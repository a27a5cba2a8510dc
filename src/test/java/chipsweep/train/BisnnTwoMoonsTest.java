package chipsweep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import chipsweep.rng.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * End to end on two moons (seed 1, 200 training and 200 test points, a 21 x 21 grid, the TWO_MOONS settings with
 * 10 epochs and learning rate 10): fp must reach the 95% test accuracy in a few seconds, also on the two
 * cells of the job where it failed before fp started from DECOLLE's LSUV initialisation. The binary rules'
 * numbers are printed for the record; st is held to 85% as a regression guard (it measured 92-97% on seeds 1, 2
 * and 4); bayes is not held to any accuracy: with the spec's rho = 5e-4 it stays near chance at this learning
 * rate (see {@link BisnnSettings#TWO_MOONS}), so it is also run and printed with lr_bayes 30 and rho 5e-6.
 */
class BisnnTwoMoonsTest {
    private static final long SEED = 1;
    private static final BisnnSettings SETTINGS = BisnnSettings.TWO_MOONS.withEpochs(10);

    @Test
    void fullPrecisionReachesNinetyFivePercent() {
        BisnnTwoMoons.Data d = BisnnTwoMoons.data(SEED, SETTINGS, 200, 200, 21);
        BisnnTwoMoons.Scores fp = BisnnTwoMoons.run(d, SETTINGS, BisnnRule.FP, SEED).get(0);
        print(SEED, List.of(fp));
        assertTrue(fp.accuracy() >= 0.95, "fp test accuracy " + fp.accuracy());
    }

    /**
     * The cells of jobs/bisnn2021.json's seeds 1 and 9 (hidden 64): with N(0, 1) initial weights the top layer's
     * class-1 neuron starts with its membrane below the surrogate window on almost every step, never gets a
     * gradient, and fp stays at 50%; DECOLLE's LSUV initialisation (the default) starts every layer at unit
     * membrane variance and fp learns.
     */
    @ParameterizedTest(name = "job seed {0}")
    @ValueSource(longs = {1, 9})
    void lsuvRescuesTheCellsWhereGaussianWeightsLeaveAnOutputNeuronSilent(long jobSeed) {
        long seed = Seeds.derive(0L, "split", jobSeed);
        BisnnTwoMoons.Data d = BisnnTwoMoons.data(seed, SETTINGS, 200, 200, 21);
        BisnnTwoMoons.Scores lsuv = BisnnTwoMoons.run(d, SETTINGS, BisnnRule.FP, seed).get(0);
        BisnnSettings gaussian = SETTINGS.withInit(BisnnInit.GAUSSIAN, BisnnInit.GAUSSIAN);
        BisnnTwoMoons.Scores dead = BisnnTwoMoons.run(d, gaussian, BisnnRule.FP, seed).get(0);
        print(seed, List.of(lsuv, dead));
        assertEquals(0.5, dead.accuracy(), 0.02, "gaussian fp accuracy");
        assertTrue(lsuv.accuracy() >= 0.95, "lsuv fp accuracy " + lsuv.accuracy());
    }

    @Test
    void binaryRulesForTheRecord() {
        BisnnTwoMoons.Data d = BisnnTwoMoons.data(SEED, SETTINGS, 200, 200, 21);
        List<BisnnTwoMoons.Scores> all = new ArrayList<>();
        all.addAll(BisnnTwoMoons.run(d, SETTINGS, BisnnRule.ST, SEED));
        all.addAll(BisnnTwoMoons.run(d, SETTINGS, BisnnRule.BAYES, SEED));
        print(SEED, all);
        // The same with the prior's pull per step (lr * rho) at the authors' 5e-5 scale instead of 5e-3.
        BisnnSettings d0 = SETTINGS;
        BisnnSettings weakPrior = new BisnnSettings(d0.lrFp(), d0.lrSt(), 30.0, 5e-6, d0.temperature(), d0.priorP(),
                d0.ensembleSize(), d0.epochs(), d0.batchSize(), d0.steps(), d0.burnIn(), d0.layers(), d0.neuron(),
                d0.initSd());
        List<BisnnTwoMoons.Scores> bayes = BisnnTwoMoons.run(d, weakPrior, BisnnRule.BAYES, SEED);
        System.out.println("bayes with lr_bayes 30, rho 5e-6:");
        print(SEED, bayes);
        all.addAll(bayes);
        for (BisnnTwoMoons.Scores s : all) {
            assertEquals(441, s.entropyMap().length);
            int n = 0;
            for (int m = 0; m < s.reliability().bins(); m++) {
                n += s.reliability().count(m);
            }
            assertEquals(200, n, "every test point in one bin");
            assertTrue(s.ece() >= 0 && s.ece() <= 1 && s.nll() > 0 && s.meanEntropy() <= Math.log(2) + 1e-12);
        }
        assertEquals(BisnnMethod.ST, all.get(0).method());
        assertTrue(all.get(0).accuracy() >= 0.85, "st test accuracy " + all.get(0).accuracy());
    }

    private static void print(long seed, List<BisnnTwoMoons.Scores> scores) {
        for (BisnnTwoMoons.Scores s : scores) {
            double[] h = s.entropyMap();
            double lo = Double.POSITIVE_INFINITY;
            double hi = 0;
            for (double v : h) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            System.out.printf("two moons seed %d, %s: accuracy %.3f, ECE %.3f, NLL %.3f, mean entropy %.3f, "
                    + "grid entropy %.3f..%.3f, training %.1f s%n", seed, s.method().id(), s.accuracy(), s.ece(),
                    s.nll(), s.meanEntropy(), lo, hi, s.trainSeconds());
        }
    }
}
