package chipsweep.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chipsweep.chip.Batch;
import chipsweep.chip.Chip;
import chipsweep.chip.DistortionSettings;
import chipsweep.chip.Distortions;
import chipsweep.chip.Network;
import chipsweep.chip.Recording;
import chipsweep.chip.SimulatedChip;
import chipsweep.chip.TallyChip;
import chipsweep.rng.Streams;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * The binary-weight methods of the LIF chip on tiny cases: {@code bp-st}'s straight-through gradient reaches the
 * latent weights through the chip path; {@code bp-bayes}'s step is BISNN.md's formula with the gradient with respect
 * to the programmed signs; {@code mh-sign}'s proposal flips exactly the chosen signs and every state it programs is
 * {@code +-s_l}; each is deterministic per seed.
 */
class BinaryChipTest {
    private static final Network NET = new Network(new int[] {4, 3, 2}, 6, 0.9, 1.0);
    private static final BpSettings BP = new BpSettings(2e-3, 0.9, 0.999, 1e-8, 8, 1, 25.0, 10.0);
    private static final BinarySettings BIN = BinarySettings.DEFAULTS;

    private static TrainingData data() {
        RandomGenerator g = Streams.generator(11);
        double[][] x = new double[8][4];
        int[] y = new int[8];
        for (int i = 0; i < 8; i++) {
            y[i] = i % 2;
            for (int j = 0; j < 4; j++) {
                x[i][j] = 0.3 + 0.7 * g.nextDouble() * (j % 2 == y[i] ? 1.0 : 0.3);
            }
        }
        return new TrainingData(Batch.of(x), y);
    }

    private static TallyChip keeping() {
        TallyChip c = new TallyChip(chip());
        c.keepPrograms = true;
        return c;
    }

    private static SimulatedChip chip() {
        return SimulatedChip.of(NET, Distortions.draw("mismatch", 0.5, NET, DistortionSettings.DEFAULTS, 0, 3));
    }

    /** Weights of magnitude 1e-6 with random signs: any Adam step flips the sign its gradient asks for. */
    private static double[][] tinyInitial() {
        RandomGenerator g = Streams.generator(5);
        double[][] w = NET.newWeights();
        for (double[] l : w) {
            for (int k = 0; k < l.length; k++) {
                l[k] = (g.nextBoolean() ? 1 : -1) * 1e-6;
            }
        }
        return w;
    }

    /** The gradient of the mean loss with respect to the programmed weights {@code w}, by the trainer's parts. */
    private static double[][] gradientAt(Chip chip, TrainingData d, double[][] w) {
        int n = d.size();
        SpikeLoss loss = new SpikeLoss(BP.gamma(), NET.steps(), NET.outputs());
        Bptt bptt = new Bptt(NET, n, BP.surrogateSlope(), null);
        Recording rec = new Recording(NET, n);
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        double[] dCount = new double[n * NET.outputs()];
        double[][] grads = NET.newWeights();
        chip.program(w);
        chip.record(d.inputs(), rec);
        loss.meanWithGradient(rec.readout(), d.labels(), perm, 0, dCount);
        bptt.backward(rec, d.inputs(), dCount, w, grads);
        return grads;
    }

    @Test
    void theStraightThroughGradientReachesTheLatentWeightsOnTheChipPath() {
        TrainingData d = data();
        double[][] initial = tinyInitial();
        // one epoch of one minibatch (the whole set): the batch order does not change the mean gradient
        TrainResult r = SurrogateGradient.binaryInTheLoop(BP, BIN, BisnnRule.ST).train(chip(), d, initial,
                Streams.generator(1));
        double[][] programmed = NET.newWeights();
        BIN.binarise(NET, initial, programmed);
        double[][] g = gradientAt(chip(), d, programmed);
        int flips = 0;
        for (int l = 0; l < g.length; l++) {
            double s = BIN.layerScale(NET, l);
            for (int k = 0; k < g[l].length; k++) {
                double gb = s * g[l][k]; // the gradient with respect to the sign
                // Adam's first step is lr * g / (|g| + eps): the latent weight moves against gb by about lr
                double latent = initial[l][k] - BP.learningRate() * gb / (Math.abs(gb) + BP.epsilon());
                double expected = latent >= 0 ? s : -s;
                assertEquals(expected, r.weights()[l][k], 0.0, "layer " + l + " weight " + k);
                flips += Math.signum(expected) != Math.signum(initial[l][k]) ? 1 : 0;
            }
        }
        assertTrue(flips > 0, "the gradient flipped no sign: the test would not see it");
    }

    @Test
    void theBayesStepIsTheSpecFormulaWithTheGradientOfTheProgrammedSigns() {
        double[][] initial = tinyInitial();
        BinaryChipRule rule = new BinaryChipRule(NET, BisnnRule.BAYES, BIN, initial);
        double[][] w = NET.newWeights();
        rule.forward(w, Streams.generator(9));
        // the same draws by hand: a = (w_r + delta) / tau, programmed s * sign(a)
        RandomGenerator g = Streams.generator(9);
        double[][] wr = NET.newWeights();
        double[][] arg = NET.newWeights();
        for (int l = 0; l < initial.length; l++) {
            double s = BIN.layerScale(NET, l);
            for (int k = 0; k < initial[l].length; k++) {
                wr[l][k] = initial[l][k] / s;
                double eps = g.nextDouble();
                arg[l][k] = (wr[l][k] + 0.5 * Math.log(eps / (1 - eps))) / BIN.temperature();
                assertEquals(arg[l][k] >= 0 ? s : -s, w[l][k], 0.0);
            }
        }
        double[][] grads = gradientAt(chip(), data(), w);
        double[][] gradsCopy = Weights.copy(grads);
        rule.update(grads, null);
        double[][] after = rule.latent();
        double lr = BIN.lrBayes();
        double rho = BIN.rho();
        double tau = BIN.temperature();
        boolean moved = false;
        for (int l = 0; l < wr.length; l++) {
            double s = BIN.layerScale(NET, l);
            for (int k = 0; k < wr[l].length; k++) {
                double gb = s * gradsCopy[l][k];
                double wb = Math.tanh(arg[l][k]);
                double mu = Math.tanh(wr[l][k]);
                double expected = (1 - lr * rho) * wr[l][k]
                        - lr * (gb * (1 - wb * wb) / (tau * (1 - mu * mu)) - rho * BIN.priorNatural());
                assertEquals(expected, after[l][k], 1e-12 * Math.max(1, Math.abs(expected)));
                moved |= gb != 0;
            }
        }
        assertTrue(moved, "no gradient reached the natural parameters");
    }

    private static void assertBinary(double[][] w, String what) {
        for (int l = 0; l < w.length; l++) {
            double s = BIN.layerScale(NET, l);
            for (double v : w[l]) {
                assertTrue(v == s || v == -s, what + ": layer " + l + " holds " + v + ", not +-" + s);
            }
        }
    }

    @Test
    void aSignProposalFlipsExactlyTheChosenSigns() {
        double[][] cur = NET.newWeights();
        BIN.binarise(NET, tinyInitial(), cur);
        int d = NET.parameterCount();
        int[] indices = java.util.stream.IntStream.range(0, d).toArray();
        double[][] prop = NET.newWeights();
        for (int m = 1; m <= d; m++) {
            RandomGenerator a = Streams.generator(m);
            MetropolisHastings.flip(cur, prop, m, indices, a);
            // the chosen indices are the first m of the shuffled permutation
            java.util.Set<Integer> chosen = new java.util.HashSet<>();
            for (int j = 0; j < m; j++) {
                chosen.add(indices[j]);
            }
            assertEquals(m, chosen.size());
            int flat = 0;
            for (int l = 0; l < cur.length; l++) {
                for (int k = 0; k < cur[l].length; k++, flat++) {
                    double expected = chosen.contains(flat) ? -cur[l][k] : cur[l][k];
                    assertEquals(expected, prop[l][k], 0.0, "m " + m + " weight " + flat);
                }
            }
            int[] sorted = indices.clone();
            java.util.Arrays.sort(sorted);
            assertArrayEquals(java.util.stream.IntStream.range(0, d).toArray(), sorted, "still a permutation");
        }
        assertEquals(1, MetropolisHastings.flips(0.2, d));
        assertEquals(3, MetropolisHastings.flips(2.6, d));
        assertEquals(d, MetropolisHastings.flips(1e9, d));
    }

    @Test
    void everySignChainStateIsPlusOrMinusTheLayerScaleAndDeterministicPerSeed() {
        MhSettings mh = new MhSettings(300, 100, 0.02, 20, 0.25, 1.0, 64, 10.0, 50);
        TallyChip chip = keeping();
        TrainResult r = MetropolisHastings.signs(mh, true, BIN).train(chip, data(), tinyInitial(),
                Streams.generator(4));
        assertEquals(301, chip.programmed.size());
        for (double[][] w : chip.programmed) {
            assertBinary(w, "programmed");
        }
        assertBinary(r.weights(), "deployed");
        Diagnostics.Mh d = (Diagnostics.Mh) r.diagnostics();
        assertBinary(d.mapWeights(), "MAP");
        assertBinary(d.lastWeights(), "last");
        assertTrue(d.acceptanceRate() > 0, "no proposal accepted");
        TrainResult again = MetropolisHastings.signs(mh, true, BIN).train(chip(), data(), tinyInitial(),
                Streams.generator(4));
        for (int l = 0; l < r.weights().length; l++) {
            assertArrayEquals(r.weights()[l], again.weights()[l], 0.0);
        }
        TrainResult other = MetropolisHastings.signs(mh, true, BIN).train(chip(), data(), tinyInitial(),
                Streams.generator(5));
        assertNotEquals(java.util.Arrays.deepToString(((Diagnostics.Mh) other.diagnostics()).lastWeights()),
                java.util.Arrays.deepToString(d.lastWeights()), "another seed, another chain");
    }

    @Test
    void binaryTrainingInTheLoopIsDeterministicPerSeedAndProgramsOnlySigns() {
        for (BisnnRule rule : new BisnnRule[] {BisnnRule.ST, BisnnRule.BAYES}) {
            BpSettings bp = new BpSettings(2e-3, 0.9, 0.999, 1e-8, 3, 4, 25.0, 10.0);
            TallyChip chip = keeping();
            TrainResult a = SurrogateGradient.binaryInTheLoop(bp, BIN, rule).train(chip, data(), tinyInitial(),
                    Streams.generator(2));
            for (double[][] w : chip.programmed) {
                assertBinary(w, rule.id() + " programmed");
            }
            assertBinary(a.weights(), rule.id() + " deployed");
            TrainResult b = SurrogateGradient.binaryInTheLoop(bp, BIN, rule).train(chip(), data(), tinyInitial(),
                    Streams.generator(2));
            assertEquals(java.util.Arrays.deepToString(a.weights()), java.util.Arrays.deepToString(b.weights()), rule.id());
            assertEquals(((Diagnostics.Bp) a.diagnostics()).curve(), ((Diagnostics.Bp) b.diagnostics()).curve());
        }
    }
}
