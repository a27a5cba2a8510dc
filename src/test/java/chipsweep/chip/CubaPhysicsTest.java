package chipsweep.chip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chipsweep.rng.Seeds;
import chipsweep.rng.Streams;
import java.util.Arrays;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Decalibration draws, the 7-bit weight quantiser, the network's and the physics' validation. */
class CubaPhysicsTest {
    private static final CubaNetwork NET = CubaNetwork.defaults(256, 10);

    @Test
    void defaultsAreTheSpecs() {
        assertEquals(new CubaNetwork(256, 246, 10, 30, 1.0, 8.0, 8.0, 1.0), NET);
        assertArrayEquals(new int[] {256, 246, 10}, NET.layers());
        assertEquals(Math.exp(-1.0 / 8.0), NET.nominalAlpha(), 0.0);
    }

    @ParameterizedTest(name = "sigma_d 0 with {0}")
    @CsvSource({"no generator", "a generator"})
    void decalibrationAtSigmaZeroIsIdeal(String how) {
        RandomGenerator rng = how.equals("no generator") ? null : Streams.generator(5);
        CubaNetwork net = NET.withTaus(8.0, 6.0).withTheta(1.5);
        CubaPhysics p = CubaPhysics.decalibrated(net, 0.0, rng);
        double[] hAlpha = new double[net.hidden()];
        Arrays.fill(hAlpha, Math.exp(-1.0 / 6.0));
        double[] hBeta = new double[net.hidden()];
        Arrays.fill(hBeta, Math.exp(-1.0 / 8.0));
        double[] hTheta = new double[net.hidden()];
        Arrays.fill(hTheta, 1.5);
        assertArrayEquals(hAlpha, p.hiddenAlpha(), 0.0);
        assertArrayEquals(hBeta, p.hiddenBeta(), 0.0);
        assertArrayEquals(hTheta, p.hiddenTheta(), 0.0);
        assertArrayEquals(Arrays.copyOf(hAlpha, 10), p.outputAlpha(), 0.0);
        assertArrayEquals(Arrays.copyOf(hBeta, 10), p.outputBeta(), 0.0);
        CubaPhysics ideal = CubaPhysics.ideal(net);
        assertArrayEquals(ideal.hiddenAlpha(), p.hiddenAlpha(), 0.0);
        assertArrayEquals(ideal.hiddenTheta(), p.hiddenTheta(), 0.0);
    }

    @Test
    void drawsAreDeterministicPerSeedAndInTheDocumentedOrder() {
        long seed = Seeds.derive(0, "chip", 3, "decal");
        CubaPhysics a = CubaPhysics.decalibrated(NET, 0.3, Streams.generator(seed));
        CubaPhysics b = CubaPhysics.decalibrated(NET, 0.3, Streams.generator(seed));
        CubaPhysics c = CubaPhysics.decalibrated(NET, 0.3, Streams.generator(seed + 1));
        assertArrayEquals(a.hiddenAlpha(), b.hiddenAlpha(), 0.0);
        assertArrayEquals(a.hiddenTheta(), b.hiddenTheta(), 0.0);
        assertArrayEquals(a.outputBeta(), b.outputBeta(), 0.0);
        assertFalse(Arrays.equals(a.hiddenTheta(), c.hiddenTheta()), "another seed, other thresholds");
        // Order: hidden tau_m, hidden tau_s, hidden theta, output tau_m, output tau_s; one nextGaussian each.
        RandomGenerator rng = Streams.generator(seed);
        int h = NET.hidden();
        double[] z = new double[3 * h + 2 * NET.outputs()];
        for (int i = 0; i < z.length; i++) {
            z[i] = rng.nextGaussian();
        }
        for (int j = 0; j < h; j++) {
            assertEquals(Math.exp(-1.0 / (8.0 * Math.abs(1.0 + 0.3 * z[j]))), a.hiddenBeta()[j], 0.0, "beta " + j);
            assertEquals(Math.exp(-1.0 / (8.0 * Math.abs(1.0 + 0.3 * z[h + j]))), a.hiddenAlpha()[j], 0.0);
            assertEquals(Math.abs(1.0 + 0.3 * z[2 * h + j]), a.hiddenTheta()[j], 0.0, "theta " + j);
        }
        for (int k = 0; k < NET.outputs(); k++) {
            assertEquals(Math.exp(-1.0 / (8.0 * Math.abs(1.0 + 0.3 * z[3 * h + k]))), a.outputBeta()[k], 0.0);
            assertEquals(Math.exp(-1.0 / (8.0 * Math.abs(1.0 + 0.3 * z[3 * h + 10 + k]))), a.outputAlpha()[k], 0.0);
        }
    }

    /**
     * On 400,000 neurons, the factors |1 + sigma z| of theta, tau_m and tau_s have the folded normal's mean
     * and standard deviation within 4 standard errors, and the three are uncorrelated. At sigma 0.5 the fold
     * (2.3% of 1 + sigma z below 0) moves the mean by about 8 standard errors, so a missing |.| fails.
     */
    @ParameterizedTest(name = "sigma_d {0}")
    @CsvSource({"0.1", "0.3", "0.5"})
    void drawsHaveTheFoldedNormalsStatistics(double sigma) {
        int n = 400_000;
        CubaNetwork net = NET.withHidden(n);
        CubaPhysics p = CubaPhysics.decalibrated(net, sigma, Streams.generator(Seeds.derive(7, "stats", sigma)));
        double[] theta = p.hiddenTheta();
        double[] tauM = taus(p.hiddenBeta(), 8.0);
        double[] tauS = taus(p.hiddenAlpha(), 8.0);
        // Folded normal |X|, X ~ N(1, sigma^2): mean = sigma sqrt(2/pi) exp(-1/(2 sigma^2)) + (1 - 2 Phi(-1/sigma)).
        double phi = upperTail(1.0 / sigma);
        double mean = sigma * Math.sqrt(2 / Math.PI) * Math.exp(-1 / (2 * sigma * sigma)) + (1 - 2 * phi);
        double sd = Math.sqrt(1 + sigma * sigma - mean * mean);
        for (double[] f : new double[][] {theta, tauM, tauS}) {
            double m = mean(f);
            double s = Math.sqrt(variance(f, m));
            assertEquals(mean, m, 4 * sd / Math.sqrt(n), "mean of |1 + sigma z|");
            assertEquals(sd, s, 4 * sd / Math.sqrt(2.0 * n) * 1.5, "sd of |1 + sigma z|");
        }
        assertEquals(0.0, correlation(theta, tauM), 4 / Math.sqrt(n), "theta and tau_m are independent");
        assertEquals(0.0, correlation(tauM, tauS), 4 / Math.sqrt(n), "tau_m and tau_s are independent");
    }

    /** Data-driven quantiser table: programmed w, w_max, the level q; the chip's weight is (q / 63) * w_max. */
    @ParameterizedTest(name = "w {0}, w_max {1} -> level {2}")
    @CsvSource({
        "0.0, 0.4, 0", "0.4, 0.4, 63", "-0.4, 0.4, -63", "1.43, 0.4, 63", "-7.0, 0.4, -63",
        "0.1, 0.4, 16", "-0.1, 0.4, -16", "0.003, 0.4, 0", "0.0032, 0.4, 1", "-0.0032, 0.4, -1",
        "0.39, 0.4, 61", "1e300, 0.4, 63", "0.5, 1.0, 32", "-0.25, 1.0, -16"})
    void quantiserLevels(double w, double wMax, int level) {
        assertEquals((level / 63.0) * wMax, CubaPhysics.quantize(w, wMax), 0.0);
    }

    @Test
    void quantiserHas127LevelsThatAreExactMultiples() {
        double wMax = 0.4;
        TreeSet<Double> levels = new TreeSet<>();
        for (int i = -20_000; i <= 20_000; i++) {
            double q = CubaPhysics.quantize(i * 0.6 / 20_000, wMax); // beyond [-w_max, w_max]: clipped
            levels.add(q + 0.0);
            double steps = q / wMax * 63;
            assertEquals(Math.rint(steps), steps, 1e-9, "a multiple of w_max / 63");
        }
        assertEquals(127, levels.size());
        assertEquals(-wMax, levels.first(), 0.0);
        assertEquals(wMax, levels.last(), 0.0);
    }

    @Test
    void outputLayerUsesItsDynamicRangeAndLeavesZeroMatricesAlone() {
        CubaNetwork net = new CubaNetwork(2, 2, 2, 5, 1.0, 8.0, 8.0, 1.0);
        CubaPhysics p = CubaPhysics.ideal(net).withQuantization(0.4);
        double[] w1 = {0.4, -0.8, 0.1, 0.0};
        double[] w2 = {0.05, -0.2, 0.013, 0.1};
        double[] c1 = new double[4];
        double[] c2 = new double[4];
        p.onChipWeights(w1, w2, c1, c2);
        assertArrayEquals(new double[] {0.4, -0.4, (16 / 63.0) * 0.4, 0.0}, c1, 0.0);
        assertEquals(0.2, CubaPhysics.dynamicRange(w2), 0.0);
        assertEquals(-0.2, c2[1], 0.0, "the largest |w| is a full-scale level");
        assertEquals((Math.rint((0.05 / 0.2) * 63) / 63) * 0.2, c2[0], 0.0);
        assertEquals((Math.rint((0.013 / 0.2) * 63) / 63) * 0.2, c2[2], 0.0);
        double[] zero = new double[4];
        p.onChipWeights(w1, zero, c1, c2);
        assertArrayEquals(zero, c2, 0.0);
        CubaPhysics full = CubaPhysics.ideal(net);
        full.onChipWeights(w1, w2, c1, c2);
        assertArrayEquals(w1, c1, 0.0);
        assertArrayEquals(w2, c2, 0.0);
        assertFalse(full.quantizes());
        assertTrue(p.quantizes());
    }

    static Stream<Arguments> badSettings() {
        CubaPhysics p = CubaPhysics.ideal(NET);
        double[] h = new double[NET.hidden()];
        Arrays.fill(h, 0.5);
        double[] k = new double[10];
        Arrays.fill(k, 0.5);
        double[] badDecay = h.clone();
        badDecay[3] = 1.5;
        double[] badTheta = h.clone();
        badTheta[7] = Double.NaN;
        return Stream.of(
            bad("inputs must be >= 1, but was 0", () -> new CubaNetwork(0, 1, 1, 1, 1, 1, 1, 1)),
            bad("hidden must be >= 1, but was -2", () -> NET.withHidden(-2)),
            bad("outputs must be >= 1, but was 0", () -> new CubaNetwork(1, 1, 0, 1, 1, 1, 1, 1)),
            bad("steps must be >= 1, but was 0", () -> NET.withSteps(0)),
            bad("dt must be > 0 and finite, but was NaN", () -> new CubaNetwork(1, 1, 1, 1, Double.NaN, 1, 1, 1)),
            bad("tau_m must be > 0 and finite, but was 0.0", () -> NET.withTaus(0.0, 8.0)),
            bad("tau_s must be > 0 and finite, but was Infinity", () -> NET.withTaus(8.0, Double.POSITIVE_INFINITY)),
            bad("theta must be > 0 and finite, but was -1.0", () -> NET.withTheta(-1.0)),
            bad("decalibration sigma_d must be >= 0 and finite, but was -0.1",
                () -> CubaPhysics.decalibrated(NET, -0.1, Streams.generator(1))),
            bad("decalibration sigma_d must be >= 0 and finite, but was NaN",
                () -> CubaPhysics.decalibrated(NET, Double.NaN, Streams.generator(1))),
            bad("decalibration sigma_d 0.2 needs a random generator", () -> CubaPhysics.decalibrated(NET, 0.2, null)),
            bad("quantisation hidden w_max must be > 0 and finite, but was 0.0", () -> p.withQuantization(0.0)),
            bad("quantisation hidden w_max must be > 0 and finite, but was NaN", () -> p.withQuantization(Double.NaN)),
            bad("membrane noise sd must be >= 0 and finite, but was -1.0", () -> p.withMembraneNoise(-1.0)),
            bad("output clip v_clip must be > 0 and finite, but was 0.0", () -> p.withOutputClip(0.0)),
            bad("hidden alpha must have 246 entries, but had 10", () -> CubaPhysics.of(NET, k, h, h, k, k)),
            bad("hidden beta of neuron 3 must be in [0, 1], but was 1.5", () -> CubaPhysics.of(NET, h, badDecay, h, k, k)),
            bad("hidden theta of neuron 7 must be > 0 and finite, but was NaN",
                () -> CubaPhysics.of(NET, h, h, badTheta, k, k)),
            bad("output beta must have 10 entries, but had none", () -> CubaPhysics.of(NET, h, h, h, k, null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSettings")
    void badSettingsAreRejectedWithTheirValue(String message, Supplier<Object> make) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make::get);
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    private static Arguments bad(String message, Supplier<Object> make) {
        return Arguments.of(message, make);
    }

    /** The factor tau_j / tau back from a decay exp(-1 / tau_j) (to a few ulps). */
    private static double[] taus(double[] decay, double tau) {
        double[] f = new double[decay.length];
        for (int j = 0; j < f.length; j++) {
            f[j] = -1.0 / Math.log(decay[j]) / tau;
        }
        return f;
    }

    /** P(Z > x) for a standard normal, by the Abramowitz-Stegun 26.2.17 formula (error below 7.5e-8). */
    private static double upperTail(double x) {
        double t = 1 / (1 + 0.2316419 * x);
        double poly = t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
        return Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI) * poly;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double variance(double[] v, double m) {
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return s / (v.length - 1);
    }

    private static double correlation(double[] a, double[] b) {
        double ma = mean(a);
        double mb = mean(b);
        double sab = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
        }
        return sab / (a.length - 1) / Math.sqrt(variance(a, ma) * variance(b, mb));
    }
}
