package chipsweep.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chipsweep.chip.DecolleKernel;
import chipsweep.chip.DecolleNetwork;
import chipsweep.chip.DecolleParams;
import chipsweep.chip.SpikeTrains;
import chipsweep.data.PopulationCode;
import chipsweep.data.TwoMoons;
import chipsweep.rng.Streams;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One learning step of each rule on a tiny layer against BISNN.md section 2 computed by hand here: the local
 * loss's gradient (softmax of the readout, rectangular surrogate, scale * P) and each rule's update formula.
 */
class BisnnRulesTest {
    // 3 inputs -> 2 neurons, 2 classes, T = 3, burn-in 1: step t = 1 is the first learning step.
    private static final double[] READOUT = {0.5, -0.5, -0.5, 0.5};
    private static final DecolleNetwork NET = DecolleNetwork.of(new int[] {3, 2}, 3, 1, DecolleParams.DEFAULTS,
            new double[][] {READOUT});
    private static final double[][] LATENT = {{0.3, -0.2, 0.1, 0.4, -0.6, 0.05}};
    private static final double[][] INPUT = {{1, 1, 0, 0, 1, 1}, {1, 0, 1, 1, 1, 0}}; // rows x inputs, steps 0 and 1
    private static final int[] LABELS = {0, 1};
    private static final BisnnSettings SETTINGS = new BisnnSettings(0.9, 0.8, 0.7, 0.01, 0.8, 0.3, 10, 1, 2, 3, 1,
            List.of(3, 2), DecolleParams.DEFAULTS, 1.0);

    @ParameterizedTest(name = "{0}")
    @EnumSource(BisnnRule.class)
    void oneLearningStepMatchesTheSpecByHand(BisnnRule rule) {
        RandomGenerator rng = Streams.generator(42);
        BisnnLearner learner = new BisnnLearner(NET, rule, SETTINGS, LATENT, 2);
        learner.beginBatch(2, rng);
        assertEquals(0.0, learner.step(INPUT[0], LABELS, rng), 0.0, "no learning in burn-in");
        assertArrayEquals(LATENT[0], learner.parameters()[0], 0.0, "no update in burn-in");

        double[] wb = learner.forwardWeights()[0];
        double[] expectedForward = switch (rule) {
            case FP -> LATENT[0];
            case ST -> new double[] {1, -1, 1, 1, -1, 1};
            case BAYES -> wb; // a relaxed sample: checked below to lie in (-1, 1) and differ from sign(w_r)
        };
        assertArrayEquals(expectedForward, wb, 0.0, "forward weights of " + rule);
        learner.step(INPUT[1], LABELS, rng);
        DecolleKernel k = learner.kernel();

        double[] g = handGradient(k, wb);
        assertArrayEquals(g, learner.lastGradients()[0], 1e-15, "local gradient");
        assertTrue(java.util.Arrays.stream(g).anyMatch(v -> v != 0.0), "some neuron is inside the surrogate window");

        double lr = SETTINGS.learningRate(rule);
        double[] expected = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            double w = LATENT[0][i];
            expected[i] = switch (rule) {
                case FP, ST -> w - lr * g[i];
                case BAYES -> {
                    double rho = 0.01;
                    double tau = 0.8;
                    double w0 = 0.5 * Math.log(0.3 / 0.7);
                    double mu = Math.tanh(w);
                    yield (1 - lr * rho) * w - lr * (g[i] * (1 - wb[i] * wb[i]) / (tau * (1 - mu * mu)) - rho * w0);
                }
            };
        }
        assertArrayEquals(expected, learner.parameters()[0], 1e-13, rule + " update");
        if (rule == BisnnRule.BAYES) {
            for (double v : wb) {
                assertTrue(v > -1 && v < 1 && v != Math.signum(v), "relaxed sample " + v);
            }
            assertNotEquals(0.0, SETTINGS.priorNatural(), "p0 = 0.3 gives a nonzero prior term");
        }
    }

    @Test
    void straightThroughGradientReachesTheLatentWeights() {
        // Forward with sign(w_r) only; the gradient with respect to those binary weights moves w_r itself.
        RandomGenerator rng = Streams.generator(1);
        BisnnLearner learner = new BisnnLearner(NET, BisnnRule.ST, SETTINGS, LATENT, 2);
        learner.beginBatch(2, rng);
        learner.step(INPUT[0], LABELS, rng);
        learner.step(INPUT[1], LABELS, rng);
        double[] g = learner.lastGradients()[0];
        double[] after = learner.parameters()[0];
        int moved = 0;
        for (int i = 0; i < g.length; i++) {
            assertEquals(LATENT[0][i] - SETTINGS.lrSt() * g[i], after[i], 1e-15);
            if (g[i] != 0.0) {
                moved++;
                assertNotEquals(LATENT[0][i], after[i]);
            }
        }
        assertTrue(moved > 0, "the gradient reached some latent weight");
        double[] forward = learner.forwardWeights()[0];
        for (int i = 0; i < after.length; i++) {
            assertEquals(after[i] >= 0 ? 1.0 : -1.0, forward[i], 0.0, "the next forward uses the new signs");
        }
    }

    @Test
    void ensembleOfAConcentratedPosteriorAtLowTemperatureIsTheMap() {
        int[] layers = {20, 16, 2};
        DecolleNetwork net = DecolleNetwork.of(layers, 40, 5, DecolleParams.DEFAULTS,
                DecolleNetwork.randomReadouts(layers, 2, Streams.generator(3)));
        double[][] wr = net.newWeights();
        RandomGenerator signs = Streams.generator(4);
        for (double[] l : wr) {
            for (int i = 0; i < l.length; i++) {
                l[i] = signs.nextBoolean() ? 30.0 : -30.0; // sigmoid(2 w_r) rounds to 1 or 0
            }
        }
        // Training's relaxed samples at temperature -> 0 are the signs too.
        double[] arg = new double[wr[0].length];
        double[] relaxed = new double[wr[0].length];
        BinaryWeights.relaxedSample(wr[0], 1e-6, Streams.generator(5), arg, relaxed);
        double[] sign = new double[wr[0].length];
        BinaryWeights.sign(wr[0], sign);
        assertArrayEquals(sign, relaxed, 0.0);

        TwoMoons moons = TwoMoons.task(40, 2, TwoMoons.NOISE, Streams.generator(6)).train();
        SpikeTrains x = new PopulationCode(10, 40).encode(moons.points(), 7L);
        BisnnModel model = new BisnnModel(net, BisnnRule.BAYES, wr, List.of());
        double[][] map = model.probabilities(x, BisnnMethod.BAYES_MAP, 1, Streams.generator(8));
        double[][] ens = model.probabilities(x, BisnnMethod.BAYES_ENS, 10, Streams.generator(8));
        for (int n = 0; n < map.length; n++) {
            assertArrayEquals(map[n], ens[n], 1e-15, "sample " + n);
        }
    }

    @Test
    void hardSamplesFollowSigmoidOfTwiceTheNaturalParameter() {
        double[] wr = new double[20000];
        java.util.Arrays.fill(wr, 0.4);
        double[] w = new double[wr.length];
        BinaryWeights.hardSample(wr, Streams.generator(9), w);
        double plus = 0;
        for (double v : w) {
            plus += v > 0 ? 1 : 0;
        }
        double p = 1 / (1 + Math.exp(-0.8));
        double sd = Math.sqrt(p * (1 - p) / wr.length);
        assertEquals(p, plus / wr.length, 5 * sd);
    }

    /** dL/dW of BISNN.md section 2 from the kernel's state after the learning step, written out. */
    private static double[] handGradient(DecolleKernel k, double[] w) {
        double[] p = k.trace(0);
        double[] u = k.membrane(0);
        double[] s = k.spikes(0);
        double[] g = new double[6];
        double norm = 1.0 / (2 * (3 - 1)); // rows * (T - burn_in)
        for (int n = 0; n < 2; n++) {
            // the readout of this step from the spikes, and the membranes from P and the forward weights
            double y0 = READOUT[0] * s[n * 2] + READOUT[2] * s[n * 2 + 1];
            double y1 = READOUT[1] * s[n * 2] + READOUT[3] * s[n * 2 + 1];
            assertEquals(y0, k.readout(0)[n * 2], 1e-15);
            assertEquals(y1, k.readout(0)[n * 2 + 1], 1e-15);
            double p0 = Math.exp(y0) / (Math.exp(y0) + Math.exp(y1));
            double[] dy = {(p0 - (LABELS[n] == 0 ? 1 : 0)) * norm, ((1 - p0) - (LABELS[n] == 1 ? 1 : 0)) * norm};
            for (int j = 0; j < 2; j++) {
                double uj = (w[j] * p[n * 3] + w[2 + j] * p[n * 3 + 1] + w[4 + j] * p[n * 3 + 2]) / 3.0;
                assertEquals(uj, u[n * 2 + j], 1e-12, "U = scale * W P - R with R = 0 (no spike at t = 0)");
                double ds = Math.abs(uj) < 0.5 ? READOUT[j * 2] * dy[0] + READOUT[j * 2 + 1] * dy[1] : 0.0;
                for (int i = 0; i < 3; i++) {
                    g[i * 2 + j] += ds / 3.0 * p[n * 3 + i];
                }
            }
        }
        return g;
    }
}
