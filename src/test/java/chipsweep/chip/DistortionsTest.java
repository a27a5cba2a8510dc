package chipsweep.chip;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chipsweep.rng.Streams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The distortion kinds of METHOD.md section 4 as drawn by {@link Distortions}: their statistics (on fixed
 * seeds, with tolerances of five standard errors of the sample size, so never flaky), the common-random-number
 * properties of section 6, the parameter ranges, and robustness at extreme settings.
 */
class DistortionsTest {
    /** 40 400 synapses and 202 LIF neurons: enough for tight statistics. */
    static final Network BIG = new Network(new int[] {200, 200, 2}, 20, 0.9, 1.0);
    static final Network SMALL = new Network(new int[] {30, 20, 2}, 20, 0.9, 1.0);
    static final DistortionSettings SETTINGS = DistortionSettings.DEFAULTS;
    static final List<String> ALL = List.of("mismatch", "nonlin", "threshold", "leak", "quantize", "noise",
            "mismatch+nonlin", "mismatch+nonlin+threshold+leak+quantize+noise");

    static Distortion draw(String kind, double sigma, Network net, long seed) {
        return Distortions.draw(kind, sigma, net, SETTINGS, 0, seed);
    }

    static SimulatedChip chip(String kind, double sigma, Network net, long seed) {
        return SimulatedChip.of(net, draw(kind, sigma, net, seed));
    }

    /** Weights ~ N(0, scale^2 / fan_in) from a fixed seed. */
    static double[][] weights(Network net, double scale, long seed) {
        RandomGenerator rng = Streams.generator(seed);
        double[][] w = net.newWeights();
        for (int l = 0; l < w.length; l++) {
            double sd = scale / Math.sqrt(net.size(l));
            for (int k = 0; k < w[l].length; k++) {
                w[l][k] = sd * rng.nextGaussian();
            }
        }
        return w;
    }

    static double[][] constantWeights(Network net, double value) {
        double[][] w = net.newWeights();
        for (double[] layer : w) {
            Arrays.fill(layer, value);
        }
        return w;
    }

    /** {@code rows} inputs uniform in [0, 1) from a fixed seed. */
    static Batch inputs(Network net, int rows, long seed) {
        RandomGenerator rng = Streams.generator(seed);
        double[][] x = new double[rows][net.inputs()];
        for (double[] r : x) {
            for (int i = 0; i < r.length; i++) {
                r[i] = rng.nextDouble();
            }
        }
        return Batch.of(x);
    }

    /** Every number a chip reports for {@code x}: output counts, membrane sums and hidden counts. */
    static double[] outputs(Chip chip, Batch x) {
        Readout r = new Readout(chip.network(), x.rows(), true);
        chip.evaluate(x, r);
        return values(chip.network(), r);
    }

    /** Every number in a readout made with hidden counts, sample by sample. */
    static double[] values(Network net, Readout r) {
        List<Double> v = new ArrayList<>();
        for (int n = 0; n < r.samples(); n++) {
            for (int k = 0; k < net.outputs(); k++) {
                v.add((double) r.count(n, k));
                v.add(r.membraneSum(n, k));
            }
            for (int h = 0; h < net.weightLayers() - 1; h++) {
                for (int j = 0; j < net.size(h + 1); j++) {
                    v.add((double) r.hiddenCount(h, n, j));
                }
            }
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The chip's insides after programming {@code w}: effective weights, gains, thresholds, leaks, slopes. */
    static double[] internals(SimulatedChip chip, double[][] w) {
        chip.program(w);
        Network net = chip.network();
        ChipInternals in = chip.internalsForOracle();
        List<Double> v = new ArrayList<>();
        for (int l = 0; l < net.weightLayers(); l++) {
            for (int k = 0; k < net.weightCount(l); k++) {
                v.add(in.effectiveWeights(l)[k]);
                v.add(in.gain(l, k));
            }
            for (int j = 0; j < net.size(l + 1); j++) {
                v.add(in.theta(l, j));
                v.add(in.beta(l, j));
                v.add(in.transferSlope(l, j, 0.7));
            }
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Effective weights of every layer, concatenated, for weights {@code w}. */
    static double[] effective(SimulatedChip chip, double[][] w) {
        chip.program(w);
        List<Double> v = new ArrayList<>();
        for (int l = 0; l < chip.network().weightLayers(); l++) {
            for (double e : chip.internalsForOracle().effectiveWeights(l)) {
                v.add(e);
            }
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    // ---- mismatch statistics -------------------------------------------------------------------------------

    @ParameterizedTest(name = "sigma {0}")
    @ValueSource(doubles = {0.5, 1.0, 2.0})
    void mismatchGainsHaveMeanOneAndSdSigma(double sigma) {
        double[] gains = effective(chip("mismatch", sigma, BIG, 3), constantWeights(BIG, 1.0));
        int n = gains.length;
        assertEquals(40_400, n);
        double mean = Arrays.stream(gains).average().orElseThrow();
        double var = Arrays.stream(gains).map(g -> (g - mean) * (g - mean)).sum() / (n - 1);
        double sd = Math.sqrt(var);
        // Standard errors of the mean (sigma / sqrt n) and of the sd of a normal sample (sigma / sqrt(2(n-1))).
        assertEquals(1.0, mean, 5 * sigma / Math.sqrt(n), "mean gain");
        assertEquals(sigma, sd, 5 * sigma / Math.sqrt(2.0 * (n - 1)), "sd of the gains");
    }

    static Stream<Arguments> signFlips() {
        // P(1 + sigma xi < 0) = Phi(-1 / sigma)
        return Stream.of(
                Arguments.of(0.5, 0.022750131948179195),
                Arguments.of(1.0, 0.15865525393145707),
                Arguments.of(2.0, 0.3085375387259869));
    }

    @ParameterizedTest(name = "sigma {0}: {1}")
    @MethodSource("signFlips")
    void mismatchFlipsTheSignOfPhiOfMinusOneOverSigmaOfTheSynapses(double sigma, double p) {
        double[][] w = weights(BIG, 1.0, 11);
        double[] weff = effective(chip("mismatch", sigma, BIG, 3), w);
        int flipped = 0;
        int k = 0;
        for (double[] layer : w) {
            for (double v : layer) {
                if (Math.signum(weff[k++]) == -Math.signum(v)) {
                    flipped++;
                }
            }
        }
        assertEquals(phi(-1 / sigma), p, 1e-7, "the expected share is Phi(-1/sigma)");
        double share = (double) flipped / weff.length;
        assertEquals(p, share, 5 * Math.sqrt(p * (1 - p) / weff.length), "share of flipped synapses");
    }

    // ---- sigma 0 is exactly the ideal chip -------------------------------------------------------------------

    static Stream<String> kindsAndNone() {
        return Stream.concat(ALL.stream(), Stream.of("none"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kindsAndNone")
    void sigmaZeroIsTheIdealChipBitForBit(String kind) {
        assertSame(Distortion.Ideal.INSTANCE, draw(kind, 0.0, SMALL, 5));
        assertSame(Distortion.Ideal.INSTANCE, draw(kind, -0.0, SMALL, 5));
        double[][] w = weights(SMALL, 3.0, 12);
        Batch x = inputs(SMALL, 32, 13);
        SimulatedChip ideal = SimulatedChip.ideal(SMALL);
        SimulatedChip zero = chip(kind, 0.0, SMALL, 5);
        ideal.program(w);
        zero.program(w);
        double[] expected = outputs(ideal, x);
        assertArrayEquals(expected, outputs(zero, x));
        assertArrayEquals(internals(ideal, w), internals(zero, w));
        assertArrayEquals(flatten(w), effective(zero, w), "Weff = W");
        assertTrue(spikes(ideal, x) > 1000, "the test network spikes");
    }

    @Test
    void noneIsIdealAtAnySigma() {
        assertSame(Distortion.Ideal.INSTANCE, draw("none", 2.0, SMALL, 5));
        assertEquals("none", Distortion.Ideal.INSTANCE.kind());
        assertEquals(0.0, Distortion.Ideal.INSTANCE.sigma());
    }

    // ---- seeds: the same chip from the same seed, another from another ----------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("allKinds")
    void sameSeedGivesTheSameChip(String kind) {
        double[][] w = weights(SMALL, 3.0, 12);
        Batch x = inputs(SMALL, 16, 13);
        assertArrayEquals(parameters(draw(kind, 1.5, SMALL, 8)), parameters(draw(kind, 1.5, SMALL, 8)));
        SimulatedChip a = chip(kind, 1.5, SMALL, 8);
        SimulatedChip b = chip(kind, 1.5, SMALL, 8);
        assertArrayEquals(internals(a, w), internals(b, w));
        for (int e = 0; e < 3; e++) {
            assertArrayEquals(outputs(a, x), outputs(b, x), "evaluation " + e);
        }
    }

    static Stream<String> allKinds() {
        return ALL.stream();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mismatch", "nonlin", "threshold", "leak", "noise", "mismatch+nonlin"})
    void anotherSeedGivesAnotherChip(String kind) {
        double[][] w = weights(SMALL, 3.0, 12);
        Batch x = inputs(SMALL, 16, 13);
        assertFalse(Arrays.equals(parameters(draw(kind, 1.5, SMALL, 8)), parameters(draw(kind, 1.5, SMALL, 9))));
        assertFalse(Arrays.equals(parameters(draw(kind, 1.5, SMALL, 8)),
                parameters(Distortions.draw(kind, 1.5, SMALL, SETTINGS, 1, 8))), "another global seed");
        double[] a = outputs(programmed(chip(kind, 1.5, SMALL, 8), w), x);
        double[] b = outputs(programmed(chip(kind, 1.5, SMALL, 9), w), x);
        assertFalse(Arrays.equals(a, b), "outputs differ");
    }

    @Test
    void quantizeHasNoRandomPart() {
        double[][] w = weights(SMALL, 3.0, 12);
        assertArrayEquals(internals(chip("quantize", 1.5, SMALL, 8), w), internals(chip("quantize", 1.5, SMALL, 9), w));
    }

    @Test
    void eachKindDrawsFromItsOwnStream() {
        // threshold and leak draw the same shapes from N(0, 1): different streams must give different numbers.
        double[][] n = ((NeuronMismatch) draw("threshold", 1, SMALL, 8)).deviations();
        double[][] m = ((NeuronMismatch) draw("leak", 1, SMALL, 8)).deviations();
        assertFalse(Arrays.deepEquals(n, m));
        double[][] xi = ((Mismatch) draw("mismatch", 1, SMALL, 8)).xi();
        assertNotEquals(xi[0][0], n[0][0]);
    }

    // ---- common random numbers across sigma and compositions ------------------------------------------------

    @Test
    void mismatchDrawsTheSameXiAtEverySigma() {
        Mismatch m1 = (Mismatch) draw("mismatch", 1.0, BIG, 4);
        Mismatch m2 = (Mismatch) draw("mismatch", 2.0, BIG, 4);
        assertArrayEquals(m1.xi(), m2.xi(), "the same xi");
        assertEquals(1.0, m1.sigma());
        assertEquals(2.0, m2.sigma());
        double[][] w = weights(BIG, 1.0, 14);
        double[] w1 = effective(SimulatedChip.of(BIG, m1), w);
        double[] w2 = effective(SimulatedChip.of(BIG, m2), w);
        double[] xi = flatten(m1.xi());
        double[] wf = flatten(w);
        for (int k = 0; k < wf.length; k++) {
            // Weff(2) - W = 2 (Weff(1) - W) = 2 W xi, up to the rounding of 1 + sigma xi and of the products.
            double tolerance = 8 * Math.ulp(1.0) * Math.abs(wf[k]) * (1 + 2 * Math.abs(xi[k]));
            assertEquals(2 * (w1[k] - wf[k]), w2[k] - wf[k], tolerance, "synapse " + k);
            assertEquals(wf[k] * (1.0 + 2.0 * xi[k]), w2[k], "Weff = W * (1 + sigma xi), synapse " + k);
        }
    }

    @Test
    void otherKindsDrawTheSameParametersAtEverySigma() {
        Nonlin a = (Nonlin) draw("nonlin", 1.0, SMALL, 4);
        Nonlin b = (Nonlin) draw("nonlin", 3.0, SMALL, 4);
        assertArrayEquals(a.a(), b.a());
        assertArrayEquals(a.omega(), b.omega());
        assertArrayEquals(a.phi(), b.phi());
        for (String kind : List.of("threshold", "leak")) {
            assertArrayEquals(((NeuronMismatch) draw(kind, 1.0, SMALL, 4)).deviations(),
                    ((NeuronMismatch) draw(kind, 3.0, SMALL, 4)).deviations(), kind);
        }
        // Noise is the exception: its stream depends on sigma (METHOD.md section 6).
        assertNotEquals(((Noise) draw("noise", 1.0, SMALL, 4)).seed(), ((Noise) draw("noise", 3.0, SMALL, 4)).seed());
        assertEquals(((Noise) draw("noise", 1.0, SMALL, 4)).seed(), ((Noise) draw("noise", 1.0, SMALL, 4)).seed());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mismatch+nonlin", "nonlin+mismatch", "mismatch+nonlin+threshold+leak+quantize+noise"})
    void compositionsKeepEachPartsParameters(String name) {
        Composite c = assertInstanceOf(Composite.class, draw(name, 2.0, SMALL, 4));
        assertEquals(name, c.kind());
        assertEquals(2.0, c.sigma());
        List<String> parts = Distortions.parts(name);
        assertEquals(parts.size(), c.parts().size());
        for (int i = 0; i < parts.size(); i++) {
            Distortion part = c.parts().get(i);
            assertEquals(parts.get(i), part.kind());
            assertArrayEquals(parameters(draw(parts.get(i), 2.0, SMALL, 4)), parameters(part), parts.get(i));
        }
    }

    @Test
    void mismatchPlusNonlinChipHasTheMismatchWeightsAndTheNonlinTransfer() {
        double[][] w = weights(SMALL, 3.0, 12);
        SimulatedChip both = chip("mismatch+nonlin", 2.0, SMALL, 4);
        SimulatedChip mismatch = chip("mismatch", 2.0, SMALL, 4);
        SimulatedChip nonlin = chip("nonlin", 2.0, SMALL, 4);
        assertArrayEquals(effective(mismatch, w), effective(both, w));
        for (int l = 0; l < SMALL.weightLayers(); l++) {
            for (int j = 0; j < SMALL.size(l + 1); j++) {
                for (double current : new double[] {-1.3, 0.0, 0.4, 2.5}) {
                    assertEquals(nonlin.internalsForOracle().transferSlope(l, j, current),
                            both.internalsForOracle().transferSlope(l, j, current));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mismatch+quantize", "quantize+mismatch"})
    void quantizationActsFirstInAnyComposition(String name) {
        double[][] w = weights(SMALL, 3.0, 12);
        double[] q = effective(chip("quantize", 2.0, SMALL, 4), w);
        SimulatedChip mismatch = chip("mismatch", 2.0, SMALL, 4);
        mismatch.program(w);
        double[] both = effective(chip(name, 2.0, SMALL, 4), w);
        int k = 0;
        for (int l = 0; l < SMALL.weightLayers(); l++) {
            for (int i = 0; i < SMALL.weightCount(l); i++, k++) {
                assertEquals(q[k] * mismatch.internalsForOracle().gain(l, i), both[k], "synapse " + k);
            }
        }
    }

    // ---- parameter ranges ------------------------------------------------------------------------------------

    @Test
    void nonlinParametersLieInTheirRanges() {
        Nonlin d = (Nonlin) draw("nonlin", 1.5, BIG, 6);
        double[] a = flatten(d.a());
        double[] omega = flatten(d.omega());
        double[] phi = flatten(d.phi());
        assertEquals(202, a.length);
        assertRange(a, 0.5, 1.0, "a");
        assertRange(omega, 2.0, 6.0, "omega");
        assertRange(phi, 0.0, 2 * Math.PI, "phi");
        ChipPhysics p = ChipPhysics.of(BIG, d);
        SimulatedChip chip = SimulatedChip.of(BIG, d);
        double[][] aa = d.a();
        double[][] om = d.omega();
        double[][] ph = d.phi();
        for (int l = 0; l < 2; l++) {
            for (int j = 0; j < BIG.size(l + 1); j++) {
                double current = 0.37;
                assertEquals(0.0, p.transfer(l, j, 0.0), "g(0) = 0");
                assertEquals(current + 1.5 * aa[l][j] * (Math.sin(om[l][j] * current + ph[l][j]) - Math.sin(ph[l][j])),
                        p.transfer(l, j, current), 1e-15);
                assertEquals(1.0 + (1.5 * aa[l][j] * om[l][j]) * Math.cos(om[l][j] * current + ph[l][j]),
                        chip.internalsForOracle().transferSlope(l, j, current), 1e-15);
            }
        }
    }

    /** Every value in [lo, hi), and the sample spreads over the range (202 draws: gaps of 5% are ~1e-9 likely). */
    static void assertRange(double[] v, double lo, double hi, String what) {
        double min = Arrays.stream(v).min().orElseThrow();
        double max = Arrays.stream(v).max().orElseThrow();
        assertAll(what,
                () -> assertTrue(min >= lo, what + " min " + min),
                () -> assertTrue(max < hi, what + " max " + max),
                () -> assertTrue(min < lo + 0.05 * (hi - lo), what + " min " + min + " spreads to the bottom"),
                () -> assertTrue(max > hi - 0.05 * (hi - lo), what + " max " + max + " spreads to the top"));
    }

    @ParameterizedTest(name = "sigma {0}")
    @ValueSource(doubles = {0.3, 2.0, 1e3})
    void thresholdsArePositiveAndFollowTheDeviations(double sigma) {
        NeuronMismatch d = (NeuronMismatch) draw("threshold", sigma, BIG, 7);
        double[][] n = d.deviations();
        ChipInternals in = SimulatedChip.of(BIG, d).internalsForOracle();
        for (int l = 0; l < 2; l++) {
            for (int j = 0; j < BIG.size(l + 1); j++) {
                double theta = in.theta(l, j);
                assertTrue(theta > 0, "theta_" + j + " = " + theta);
                assertEquals(1.0 * Math.abs(1.0 + sigma * n[l][j]), theta);
                assertEquals(0.9, in.beta(l, j), "threshold leaves the leak alone");
            }
        }
    }

    @ParameterizedTest(name = "sigma {0}")
    @ValueSource(doubles = {0.3, 2.0, 1e3})
    void leaksStayInZeroOneAndFollowTheDeviations(double sigma) {
        NeuronMismatch d = (NeuronMismatch) draw("leak", sigma, BIG, 7);
        double[][] m = d.deviations();
        ChipInternals in = SimulatedChip.of(BIG, d).internalsForOracle();
        int atZero = 0;
        int atOne = 0;
        for (int l = 0; l < 2; l++) {
            for (int j = 0; j < BIG.size(l + 1); j++) {
                double beta = in.beta(l, j);
                assertTrue(beta >= 0 && beta <= 1, "beta_" + j + " = " + beta);
                assertEquals(Math.min(1.0, Math.max(0.0, 0.9 * (1.0 + sigma * m[l][j]))), beta);
                assertEquals(1.0, in.theta(l, j), "leak leaves the threshold alone");
                atZero += beta == 0.0 ? 1 : 0;
                atOne += beta == 1.0 ? 1 : 0;
            }
        }
        // P(beta_j clipped to 1) = P(m > (1 / 0.9 - 1) / sigma); to 0: P(m < -1 / sigma); 5 standard errors.
        int n = 202;
        double pOne = 1 - phi((1 / 0.9 - 1) / sigma);
        double pZero = phi(-1 / sigma);
        assertEquals(pOne, atOne / (double) n, 5 * Math.sqrt(pOne * (1 - pOne) / n) + 1.0 / n, "clipped to 1");
        assertEquals(pZero, atZero / (double) n, 5 * Math.sqrt(pZero * (1 - pZero) / n) + 1.0 / n, "clipped to 0");
    }

    /**
     * The kernel uses each neuron's own threshold and leak: a 1-1-1 chip driven by a constant current, against
     * the LIF recursion written out here.
     */
    @ParameterizedTest(name = "threshold {0}, leak {1}")
    @MethodSource("neuronParameters")
    void kernelUsesThePerNeuronThresholdAndLeak(double theta, double beta) {
        Network net = new Network(new int[] {1, 1, 1}, 20, 0.9, 1.0);
        // deviations chosen so that |1 + n| = theta and 0.9 (1 + m) = beta
        Distortion d = new Composite(List.of(
                new NeuronMismatch(NeuronMismatch.Parameter.THRESHOLD, 1.0, new double[][] {{theta - 1}, {0}}),
                new NeuronMismatch(NeuronMismatch.Parameter.LEAK, 1.0, new double[][] {{beta / 0.9 - 1}, {0}})));
        SimulatedChip chip = SimulatedChip.of(net, d);
        assertEquals(theta, chip.internalsForOracle().theta(0, 0), 1e-15);
        assertEquals(beta, chip.internalsForOracle().beta(0, 0), 1e-15);
        chip.program(new double[][] {{0.6}, {0.0}});
        Readout r = new Readout(net, 1, true);
        chip.evaluate(Batch.of(new double[][] {{1.0}}), r);
        double th = chip.internalsForOracle().theta(0, 0);
        double be = chip.internalsForOracle().beta(0, 0);
        double u = 0;
        boolean s = false;
        int count = 0;
        for (int t = 0; t < 20; t++) {
            u = be * u + 0.6 - (s ? th : 0);
            s = u > th;
            count += s ? 1 : 0;
        }
        assertEquals(count, r.hiddenCount(0, 0, 0));
    }

    static Stream<Arguments> neuronParameters() {
        return Stream.of(Arguments.of(1.0, 0.9), Arguments.of(0.25, 0.9), Arguments.of(3.0, 0.9),
                Arguments.of(1.0, 0.5), Arguments.of(1.0, 0.0), Arguments.of(2.0, 1.0));
    }

    // ---- quantize ----------------------------------------------------------------------------------------------

    static double[][] uniformWeights(Network net, double max, long seed) {
        RandomGenerator rng = Streams.generator(seed);
        double[][] w = net.newWeights();
        for (double[] layer : w) {
            for (int k = 0; k < layer.length; k++) {
                layer[k] = -max + 2 * max * rng.nextDouble();
            }
        }
        return w;
    }

    static Stream<Arguments> quantizeLevels() {
        // sigma, levels per side L = floor(63 / sigma) for 7 bits
        return Stream.of(Arguments.of(1.0, 63), Arguments.of(2.0, 31), Arguments.of(10.0, 6), Arguments.of(63.0, 1));
    }

    @ParameterizedTest(name = "sigma {0}: {1} levels a side")
    @MethodSource("quantizeLevels")
    void quantizeUsesTwoLPlusOneLevelsWithinWMax(double sigma, int levels) {
        Quantize q = (Quantize) draw("quantize", sigma, BIG, 0);
        assertEquals(levels, q.levels());
        assertEquals(7, q.bits());
        assertEquals(2.0, q.wMax());
        double[] weff = effective(SimulatedChip.of(BIG, q), uniformWeights(BIG, 3.0, 15));
        TreeSet<Double> distinct = new TreeSet<>();
        double step = 2.0 / levels;
        for (double v : weff) {
            assertTrue(v >= -2.0 && v <= 2.0, "within [-w_max, w_max]: " + v);
            double level = v / step;
            assertEquals(Math.rint(level), level, 1e-9, "on the grid: " + v);
            distinct.add(v + 0.0); // -0.0 and 0.0 are one level
        }
        assertEquals(2 * levels + 1, distinct.size(), "40 400 weights over [-3, 3] reach every level");
        assertEquals(-2.0, distinct.first());
        assertEquals(2.0, distinct.last());
    }

    @Test
    void quantizeClipsHugeWeightsToWMax() {
        double[] weff = effective(chip("quantize", 1.0, SMALL, 0), constantWeights(SMALL, 1e6));
        assertTrue(Arrays.stream(weff).allMatch(v -> v == 2.0), Arrays.toString(weff));
        weff = effective(chip("quantize", 1.0, SMALL, 0), constantWeights(SMALL, -1e6));
        assertTrue(Arrays.stream(weff).allMatch(v -> v == -2.0), Arrays.toString(weff));
        assertEquals(1.0, chip("quantize", 1.0, SMALL, 0).internalsForOracle().gain(0, 0), "passed straight through");
    }

    @ParameterizedTest(name = "w_max {0}, {1} levels a side")
    @MethodSource("awkwardSteps")
    void theTopLevelIsExactlyWMax(double wMax, int levels) {
        // L * (wMax / L) can round above wMax (0.1 with L = 11 gives 0.10000000000000002).
        Quantize q = new Quantize(63.0 / (levels + 0.5), 7, wMax);
        assertEquals(levels, q.levels());
        double[] weff = effective(SimulatedChip.of(SMALL, q), constantWeights(SMALL, 1e6));
        assertEquals(wMax, weff[0]);
        assertEquals(-wMax, effective(SimulatedChip.of(SMALL, q), constantWeights(SMALL, -1e6))[0]);
    }

    static Stream<Arguments> awkwardSteps() {
        return Stream.of(Arguments.of(0.1, 11), Arguments.of(0.3, 37), Arguments.of(1.7, 13), Arguments.of(2.0, 63));
    }

    @ParameterizedTest(name = "sigma {0}")
    @ValueSource(doubles = {64.0, 100.0, 1e3})
    void sigmaBeyondTheBitWidthLeavesOnlyZero(double sigma) {
        Quantize q = (Quantize) draw("quantize", sigma, SMALL, 0);
        assertEquals(0.0, q.levels());
        double[] weff = effective(SimulatedChip.of(SMALL, q), uniformWeights(SMALL, 3.0, 15));
        assertTrue(Arrays.stream(weff).allMatch(v -> v == 0.0), "all-zero effective weights");
    }

    // ---- noise -----------------------------------------------------------------------------------------------

    @Test
    void noiseIsFreshPerEvaluationAndRepeatablePerChip() {
        double[][] w = weights(SMALL, 3.0, 12);
        Batch x = inputs(SMALL, 16, 13);
        SimulatedChip a = programmed(chip("noise", 0.5, SMALL, 1), w);
        double[] first = outputs(a, x);
        double[] second = outputs(a, x);
        assertFalse(Arrays.equals(first, second), "two evaluations of the same weights differ");
        SimulatedChip b = programmed(chip("noise", 0.5, SMALL, 1), w);
        assertArrayEquals(first, outputs(b, x), "a fresh chip with the same seed repeats the first evaluation");
        assertArrayEquals(second, outputs(b, x), "... and the second");
        b.program(weights(SMALL, 3.0, 16));
        b.program(w);
        assertFalse(Arrays.equals(first, outputs(b, x)), "programming does not reset the noise sequence");
        SimulatedChip quiet = programmed(chip("mismatch", 0.5, SMALL, 1), w);
        assertArrayEquals(outputs(quiet, x), outputs(quiet, x), "without noise the chip is deterministic");
    }

    // ---- names -----------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", " ", "foo", "mismatch+foo", "mismatch+mismatch", "nonlin+mismatch+nonlin", "mismatch+",
            "+mismatch", "mismatch++nonlin", "none+mismatch", "Mismatch", "mismatch nonlin", "mismatch,nonlin"})
    void badDistortionNamesAreRejected(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Distortions.parts(name));
        assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> draw(name, 1.0, SMALL, 0));
    }

    @Test
    void nullNameIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Distortions.parts(null));
    }

    @Test
    void goodNamesParseIntoTheirParts() {
        assertEquals(List.of(), Distortions.parts("none"));
        for (String k : Distortions.KINDS) {
            assertEquals(List.of(k), Distortions.parts(k));
        }
        assertEquals(List.of("nonlin", "mismatch"), Distortions.parts("nonlin+mismatch"));
        assertEquals(List.of("mismatch", "nonlin", "threshold", "leak", "quantize", "noise"),
                Distortions.parts(String.join("+", Distortions.KINDS)));
    }

    @ParameterizedTest(name = "sigma {0}")
    @ValueSource(doubles = {-1.0, Double.NaN, Double.POSITIVE_INFINITY, -1e-300})
    void badSigmaIsRejected(double sigma) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> draw("mismatch", sigma, SMALL, 0));
        assertTrue(e.getMessage().contains(String.valueOf(sigma)), e.getMessage());
    }

    // ---- extreme settings ------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("allKinds")
    void extremeSettingsGiveFiniteOutputs(String kind) {
        SimulatedChip chip = chip(kind, 1e3, SMALL, 2);
        RandomGenerator rng = Streams.generator(17);
        double[][] signs = constantWeights(SMALL, 1e6);
        for (double[] layer : signs) {
            for (int k = 0; k < layer.length; k++) {
                layer[k] = rng.nextBoolean() ? 1e6 : -1e6;
            }
        }
        double[][] zeros = new double[4][SMALL.inputs()];
        double[][] ones = new double[4][SMALL.inputs()];
        for (double[] r : ones) {
            Arrays.fill(r, 1.0);
        }
        for (double[][] w : List.of(constantWeights(SMALL, 1e6), signs)) {
            chip.program(w);
            for (double[][] in : List.of(zeros, ones)) {
                Batch x = Batch.of(in);
                Readout r = new Readout(SMALL, x.rows(), true);
                chip.evaluate(x, r);
                Recording rec = new Recording(SMALL, x.rows());
                chip.record(x, rec);
                for (int n = 0; n < x.rows(); n++) {
                    for (int k = 0; k < SMALL.outputs(); k++) {
                        assertTrue(r.count(n, k) >= 0 && r.count(n, k) <= SMALL.steps(), "count " + r.count(n, k));
                        assertTrue(Double.isFinite(r.membraneSum(n, k)), "membrane sum " + r.membraneSum(n, k));
                    }
                }
                for (int l = 0; l < SMALL.weightLayers(); l++) {
                    assertTrue(Arrays.stream(rec.membrane(l)).allMatch(Double::isFinite), "membranes of layer " + l);
                    assertTrue(Arrays.stream(rec.current(l)).allMatch(Double::isFinite), "currents of layer " + l);
                }
            }
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    /** Total spikes of every LIF layer over the batch. */
    static long spikes(Chip chip, Batch x) {
        Network net = chip.network();
        Readout r = new Readout(net, x.rows(), true);
        chip.evaluate(x, r);
        long total = 0;
        for (int n = 0; n < x.rows(); n++) {
            for (int k = 0; k < net.outputs(); k++) {
                total += r.count(n, k);
            }
            for (int h = 0; h < net.weightLayers() - 1; h++) {
                for (int j = 0; j < net.size(h + 1); j++) {
                    total += r.hiddenCount(h, n, j);
                }
            }
        }
        return total;
    }

    /** The standard normal distribution function (Zelen and Severo 26.2.17, error < 7.5e-8). */
    static double phi(double x) {
        if (x < 0) {
            return 1 - phi(-x);
        }
        double t = 1 / (1 + 0.2316419 * x);
        double poly = t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
        return 1 - Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI) * poly;
    }

    static SimulatedChip programmed(SimulatedChip chip, double[][] w) {
        chip.program(w);
        return chip;
    }

    static double[] flatten(double[][] a) {
        return Arrays.stream(a).flatMapToDouble(Arrays::stream).toArray();
    }

    /** A distortion's drawn parameters as one array (kind-specific; sigma and settings included). */
    static double[] parameters(Distortion d) {
        List<double[]> parts = new ArrayList<>();
        parts.add(new double[] {d.sigma()});
        if (d instanceof Mismatch m) {
            parts.add(flatten(m.xi()));
        } else if (d instanceof Nonlin n) {
            parts.add(flatten(n.a()));
            parts.add(flatten(n.omega()));
            parts.add(flatten(n.phi()));
        } else if (d instanceof NeuronMismatch n) {
            parts.add(new double[] {n.parameter().ordinal()});
            parts.add(flatten(n.deviations()));
        } else if (d instanceof Quantize q) {
            parts.add(new double[] {q.bits(), q.wMax(), q.levels()});
        } else if (d instanceof Noise n) {
            parts.add(new double[] {n.seed() >>> 32, n.seed() & 0xffffffffL}); // exact, unlike NaN bit patterns
        } else if (d instanceof Composite c) {
            for (Distortion p : c.parts()) {
                parts.add(parameters(p));
            }
        }
        return parts.stream().flatMapToDouble(Arrays::stream).toArray();
    }
}
