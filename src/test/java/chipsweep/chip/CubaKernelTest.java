package chipsweep.chip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chipsweep.rng.Streams;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The sparse kernel against a dense reference loop written straight from CRAMER.md section 3 (bit for bit),
 * event-list inputs, membrane noise, output clipping, validation and allocation.
 */
class CubaKernelTest {

    /** A random chip, weights and latency-coded batch; {@code density} of the inputs spike, in steps 0..9. */
    record Case(CubaNetwork net, CubaPhysics physics, double[] w1, double[] w2, int[][] spikeSteps) {
        static Case random(int nIn, int hidden, int outputs, int steps, double sigmaD, double wMax, double density,
                           int samples, long seed) {
            RandomGenerator rng = Streams.generator(seed);
            CubaNetwork net = new CubaNetwork(nIn, hidden, outputs, steps, 1.0, 8.0, 6.0, 1.0);
            CubaPhysics p = CubaPhysics.decalibrated(net, sigmaD, rng);
            if (wMax > 0) {
                p = p.withQuantization(wMax);
            }
            double[] w1 = new double[nIn * hidden];
            double[] w2 = new double[hidden * outputs];
            for (int i = 0; i < w1.length; i++) {
                w1[i] = 0.4 * rng.nextGaussian();
            }
            for (int i = 0; i < w2.length; i++) {
                w2[i] = 0.2 * rng.nextGaussian();
            }
            int[][] steps0 = new int[samples][nIn];
            for (int[] row : steps0) {
                for (int i = 0; i < nIn; i++) {
                    row[i] = rng.nextDouble() < density ? rng.nextInt(Math.min(10, steps)) : -1;
                }
            }
            return new Case(net, p, w1, w2, steps0);
        }

        CubaKernel kernel() {
            CubaKernel k = new CubaKernel(physics);
            k.program(w1, w2);
            return k;
        }

        CubaInput input() {
            return CubaInput.ofSpikeSteps(spikeSteps, net.steps());
        }
    }

    /** The dense reference: every input and hidden neuron in every sum, the spec's formulas as written. */
    static CubaRecording dense(Case c, double[] w1, double[] w2) {
        CubaNetwork net = c.net();
        CubaPhysics p = c.physics();
        int nIn = net.inputs();
        int h = net.hidden();
        int k = net.outputs();
        int steps = net.steps();
        CubaRecording rec = new CubaRecording(net, c.spikeSteps().length);
        for (int n = 0; n < c.spikeSteps().length; n++) {
            double[] cur = new double[h];
            double[] v = new double[h];
            double[] s = new double[h];
            double[] oc = new double[k];
            double[] ov = new double[k];
            double[] y = new double[k];
            Arrays.fill(y, Double.NEGATIVE_INFINITY);
            for (int t = 0; t < steps; t++) {
                double[] sNew = new double[h];
                for (int j = 0; j < h; j++) {
                    double acc = 0.0;
                    for (int i = 0; i < nIn; i++) {
                        acc = acc + w1[i * h + j] * (c.spikeSteps()[n][i] == t ? 1.0 : 0.0);
                    }
                    cur[j] = p.hiddenAlpha()[j] * cur[j] + acc;
                    v[j] = p.hiddenBeta()[j] * (v[j] * (1 - s[j])) + cur[j];
                    sNew[j] = v[j] > p.hiddenTheta()[j] ? 1.0 : 0.0;
                    rec.hiddenMembrane[(n * steps + t) * h + j] = v[j];
                    rec.hiddenSpikes[(n * steps + t) * h + j] = sNew[j];
                    rec.readout.hiddenCounts[n * h + j] += (int) sNew[j];
                }
                s = sNew;
                for (int o = 0; o < k; o++) {
                    double acc = 0.0;
                    for (int j = 0; j < h; j++) {
                        acc = acc + w2[j * k + o] * s[j];
                    }
                    oc[o] = p.outputAlpha()[o] * oc[o] + acc;
                    ov[o] = p.outputBeta()[o] * ov[o] + oc[o];
                    y[o] = Math.max(y[o], ov[o]);
                    rec.outputMembrane[(n * steps + t) * k + o] = ov[o];
                }
            }
            int best = 0;
            for (int o = 0; o < k; o++) {
                rec.readout.outputMax[n * k + o] = y[o];
                if (y[o] > y[best]) {
                    best = o;
                }
            }
            rec.readout.predictions[n] = best;
        }
        return rec;
    }

    @ParameterizedTest(name = "{0}-{1}-{2}, T {3}, sigma_d {4}, w_max {5}, density {6}, seed {7}")
    @CsvSource({
        "256, 246, 10, 30, 0.0, 0,   0.4, 1",
        "256, 246, 10, 30, 0.3, 0.4, 0.4, 2",
        "256, 64, 10, 25, 0.1, 0,    0.6, 3",
        "30, 7, 3, 12, 0.5, 0,       0.9, 4",
        "17, 33, 1, 5, 0.2, 0.3,     0.05, 5",
        "256, 246, 10, 30, 0.2, 0,   0.0, 6"})
    void sparseKernelEqualsDenseReferenceBitForBit(int nIn, int h, int k, int steps, double sigmaD, double wMax,
                                                   double density, long seed) {
        Case c = Case.random(nIn, h, k, steps, sigmaD, wMax, density, 12, seed);
        CubaKernel kernel = c.kernel();
        CubaRecording expected = dense(c, kernel.onChipWeights(0), kernel.onChipWeights(1));
        CubaRecording rec = new CubaRecording(c.net(), 12);
        kernel.record(c.input(), rec, null);
        CubaReadout out = new CubaReadout(c.net(), 12);
        kernel.forward(c.input(), out);
        assertArrayEquals(expected.hiddenSpikes, rec.hiddenSpikes, "hidden spikes");
        assertArrayEquals(expected.hiddenMembrane, rec.hiddenMembrane, "hidden membranes");
        assertArrayEquals(expected.outputMembrane, rec.outputMembrane, "output membranes");
        for (CubaReadout r : new CubaReadout[] {rec.readout(), out}) {
            assertArrayEquals(expected.readout.hiddenCounts, r.hiddenCounts, "hidden counts");
            assertArrayEquals(expected.readout.outputMax, r.outputMax, "output maxima");
            assertArrayEquals(expected.readout.predictions, r.predictions, "predictions");
        }
        if (density > 0 && sigmaD < 0.5) {
            assertTrue(Arrays.stream(out.hiddenCounts).sum() > 0, "the case exercises spikes");
        }
    }

    /**
     * The noisy pass against the dense reference with the documented noise: each step adds {@code sd * z} to every
     * hidden membrane after its update (j ascending), then to every output membrane (k ascending), z from
     * {@code nextGaussian()} of the pass's generator, samples in order; clipping after the output noise.
     */
    @ParameterizedTest(name = "H {0}, sd {1}, clip {2}, seed {3}")
    @CsvSource({"246, 0.05, 0, 71", "64, 0.3, 0.8, 72", "7, 0.02, 0, 73"})
    void noisyKernelEqualsDenseNoisyReferenceBitForBit(int h, double sd, double clip, long seed) {
        Case c = Case.random(256, h, 10, 30, 0.2, 0.5, 0.4, 6, seed);
        CubaPhysics p = c.physics().withMembraneNoise(sd);
        if (clip > 0) {
            p = p.withOutputClip(clip);
        }
        CubaKernel kernel = new CubaKernel(p);
        kernel.program(c.w1(), c.w2());
        double[] w1 = kernel.onChipWeights(0);
        double[] w2 = kernel.onChipWeights(1);
        CubaRecording rec = new CubaRecording(c.net(), 6);
        kernel.record(c.input(), rec, Streams.generator(seed + 100));
        RandomGenerator z = Streams.generator(seed + 100);
        double vClip = clip > 0 ? clip : Double.POSITIVE_INFINITY;
        double[] ha = p.hiddenAlpha();
        double[] hb = p.hiddenBeta();
        double[] ht = p.hiddenTheta();
        double[] oa = p.outputAlpha();
        double[] ob = p.outputBeta();
        int k = 10;
        int steps = 30;
        for (int n = 0; n < 6; n++) {
            double[] cur = new double[h];
            double[] v = new double[h];
            double[] s = new double[h];
            double[] oc = new double[k];
            double[] ov = new double[k];
            for (int t = 0; t < steps; t++) {
                int[] active = c.input().spikingAt(n, t);
                for (int j = 0; j < h; j++) {
                    double acc = 0.0;
                    for (int i : active) {
                        acc = acc + w1[i * h + j];
                    }
                    cur[j] = ha[j] * cur[j] + acc;
                    v[j] = (hb[j] * (v[j] * (1 - s[j])) + cur[j]) + sd * z.nextGaussian();
                    s[j] = v[j] > ht[j] ? 1.0 : 0.0;
                    if (v[j] != rec.hiddenMembrane(n, t, j) || s[j] != rec.hiddenSpike(n, t, j)) {
                        assertEquals(v[j], rec.hiddenMembrane(n, t, j), 0.0, "V n " + n + " t " + t + " j " + j);
                        assertEquals(s[j], rec.hiddenSpike(n, t, j), 0.0, "s n " + n + " t " + t + " j " + j);
                    }
                }
                for (int o = 0; o < k; o++) {
                    double acc = 0.0;
                    for (int j = 0; j < h; j++) {
                        if (s[j] != 0) {
                            acc = acc + w2[j * k + o];
                        }
                    }
                    oc[o] = oa[o] * oc[o] + acc;
                    ov[o] = Math.max(-vClip, Math.min(vClip, (ob[o] * ov[o] + oc[o]) + sd * z.nextGaussian()));
                    assertEquals(ov[o], rec.outputMembrane(n, t, o), 0.0, "V_k n " + n + " t " + t + " k " + o);
                }
            }
        }
    }

    @Test
    void aMinibatchGivesEachSampleItsWholeBatchResult() {
        Case c = Case.random(256, 64, 10, 30, 0.2, 0, 0.4, 20, 61);
        CubaKernel kernel = c.kernel();
        CubaRecording all = new CubaRecording(c.net(), 20);
        kernel.record(c.input(), all, null);
        int[] order = {19, 3, 7, 7, 0, 12, 5};
        CubaRecording part = new CubaRecording(c.net(), 4);
        kernel.record(c.input(), order, 2, 6, part, null);
        CubaReadout plain = new CubaReadout(c.net(), 3);
        kernel.forward(c.input(), null, 10, 13, plain, null);
        int h = 64;
        for (int r = 0; r < 4; r++) {
            int n = order[2 + r];
            assertEquals(all.readout().prediction(n), part.readout().prediction(r));
            assertArrayEquals(Arrays.copyOfRange(all.hiddenMembrane, n * 30 * h, (n + 1) * 30 * h),
                    Arrays.copyOfRange(part.hiddenMembrane, r * 30 * h, (r + 1) * 30 * h), "sample " + n);
            assertArrayEquals(Arrays.copyOfRange(all.outputMembrane, n * 300, (n + 1) * 300),
                    Arrays.copyOfRange(part.outputMembrane, r * 300, (r + 1) * 300), "sample " + n);
            assertArrayEquals(Arrays.copyOfRange(all.readout().hiddenCounts, n * h, (n + 1) * h),
                    Arrays.copyOfRange(part.readout().hiddenCounts, r * h, (r + 1) * h));
        }
        for (int r = 0; r < 3; r++) {
            for (int o = 0; o < 10; o++) {
                assertEquals(all.readout().outputMax(10 + r, o), plain.outputMax(r, o), 0.0);
            }
        }
        assertEquals("sample range [5, 8) must lie in [0, 7]", assertThrows(IllegalArgumentException.class,
                () -> kernel.record(c.input(), order, 5, 8, new CubaRecording(c.net(), 3), null)).getMessage());
        assertEquals("order[1] must be a sample in [0, 20), but was 20", assertThrows(IllegalArgumentException.class,
                () -> kernel.forward(c.input(), new int[] {0, 20}, 0, 2, new CubaReadout(c.net(), 2), null))
                .getMessage());
    }

    @Test
    void eventListsAndSpikeStepsAreTheSameInput() {
        Case c = Case.random(40, 20, 4, 15, 0.2, 0, 0.5, 5, 11);
        int[][][] events = new int[5][15][];
        for (int n = 0; n < 5; n++) {
            for (int t = 0; t < 15; t++) {
                final int step = t;
                final int[] row = c.spikeSteps()[n];
                events[n][t] = java.util.stream.IntStream.range(0, 40).filter(i -> row[i] == step).toArray();
            }
        }
        CubaInput a = c.input();
        CubaInput b = CubaInput.ofEvents(40, events);
        CubaKernel kernel = c.kernel();
        CubaRecording ra = new CubaRecording(c.net(), 5);
        CubaRecording rb = new CubaRecording(c.net(), 5);
        kernel.record(a, ra, null);
        kernel.record(b, rb, null);
        assertArrayEquals(ra.hiddenMembrane, rb.hiddenMembrane);
        assertArrayEquals(ra.outputMembrane, rb.outputMembrane);
        for (int n = 0; n < 5; n++) {
            assertEquals(a.spikeCount(n), b.spikeCount(n));
            for (int t = 0; t < 15; t++) {
                assertArrayEquals(events[n][t], a.spikingAt(n, t));
            }
        }
    }

    @Test
    void noiseChangesOutputsOnlyWhenOnAndIsRepeatablePerGenerator() {
        Case c = Case.random(256, 64, 10, 30, 0.1, 0, 0.4, 8, 21);
        CubaKernel quiet = c.kernel();
        CubaKernel zeroNoise = new CubaKernel(c.physics().withMembraneNoise(0.0));
        zeroNoise.program(c.w1(), c.w2());
        CubaKernel noisy = new CubaKernel(c.physics().withMembraneNoise(0.05));
        noisy.program(c.w1(), c.w2());
        assertTrue(quiet.deterministic());
        assertTrue(zeroNoise.deterministic());
        assertFalse(noisy.deterministic());
        CubaReadout a = new CubaReadout(c.net(), 8);
        CubaReadout b = new CubaReadout(c.net(), 8);
        quiet.forward(c.input(), a);
        zeroNoise.forward(c.input(), b, Streams.generator(1));
        assertArrayEquals(a.outputMax, b.outputMax, "noise off: a generator changes nothing");
        assertArrayEquals(a.hiddenCounts, b.hiddenCounts);
        CubaReadout n1 = new CubaReadout(c.net(), 8);
        CubaReadout n1again = new CubaReadout(c.net(), 8);
        CubaReadout n2 = new CubaReadout(c.net(), 8);
        noisy.forward(c.input(), n1, Streams.generator(1));
        noisy.forward(c.input(), n1again, Streams.generator(1));
        noisy.forward(c.input(), n2, Streams.generator(2));
        assertArrayEquals(n1.outputMax, n1again.outputMax, "the same generator seed, the same noise");
        assertFalse(Arrays.equals(a.outputMax, n1.outputMax), "noise on changes the outputs");
        assertFalse(Arrays.equals(n1.outputMax, n2.outputMax), "fresh noise per evaluation");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> noisy.forward(c.input(), n1));
        assertTrue(e.getMessage().contains("noise sd 0.05"), e.getMessage());
    }

    /** The noisy loops compute the same model: noise of sd 1e-300 leaves every spike and (almost) every value. */
    @Test
    void negligibleNoiseGivesTheNoiselessPass() {
        Case c = Case.random(256, 246, 10, 30, 0.3, 0.4, 0.4, 6, 71);
        CubaRecording quiet = new CubaRecording(c.net(), 6);
        c.kernel().record(c.input(), quiet, null);
        CubaKernel noisy = new CubaKernel(c.physics().withMembraneNoise(1e-300));
        noisy.program(c.w1(), c.w2());
        CubaRecording rec = new CubaRecording(c.net(), 6);
        noisy.record(c.input(), rec, Streams.generator(3));
        assertArrayEquals(quiet.hiddenSpikes, rec.hiddenSpikes);
        assertArrayEquals(quiet.readout().predictions, rec.readout().predictions);
        assertArrayEquals(quiet.hiddenMembrane, rec.hiddenMembrane, 1e-290);
        assertArrayEquals(quiet.outputMembrane, rec.outputMembrane, 1e-290);
        assertFalse(Arrays.equals(quiet.hiddenMembrane, rec.hiddenMembrane), "the noise was added");
    }

    @ParameterizedTest(name = "v_clip {0}")
    @CsvSource({"0.05", "0.3", "1.0"})
    void clippingBoundsOutputMembranes(double vClip) {
        Case c = Case.random(256, 64, 10, 30, 0.0, 0, 0.5, 8, 31);
        CubaRecording free = new CubaRecording(c.net(), 8);
        c.kernel().record(c.input(), free, null);
        double largest = Arrays.stream(free.outputMembrane).map(Math::abs).max().orElseThrow();
        assertTrue(largest > vClip, "the free outputs exceed the bound (" + largest + ")");
        CubaKernel clipped = new CubaKernel(c.physics().withOutputClip(vClip));
        clipped.program(c.w1(), c.w2());
        CubaRecording rec = new CubaRecording(c.net(), 8);
        clipped.record(c.input(), rec, null);
        double most = Arrays.stream(rec.outputMembrane).map(Math::abs).max().orElseThrow();
        assertEquals(vClip, most, 0.0, "the bound is reached and never exceeded");
        for (int i = 0; i < rec.readout().outputMax.length; i++) {
            assertTrue(Math.abs(rec.readout().outputMax[i]) <= vClip);
        }
        assertArrayEquals(free.hiddenSpikes, rec.hiddenSpikes, "clipping leaves the hidden layer alone");
        CubaKernel loose = new CubaKernel(c.physics().withOutputClip(2 * largest));
        loose.program(c.w1(), c.w2());
        CubaRecording same = new CubaRecording(c.net(), 8);
        loose.record(c.input(), same, null);
        assertArrayEquals(free.outputMembrane, same.outputMembrane, "a bound never reached changes nothing");
    }

    @Test
    void aPassAllocatesNothing() {
        Case c = Case.random(256, 246, 10, 30, 0.2, 0, 0.4, 50, 41);
        CubaKernel kernel = c.kernel();
        CubaInput x = c.input();
        CubaReadout out = new CubaReadout(c.net(), 50);
        CubaRecording rec = new CubaRecording(c.net(), 50);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 200; i++) {
            kernel.forward(x, out);
            kernel.record(x, rec, null);
        }
        long before = mx.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 20; i++) {
            kernel.forward(x, out);
            kernel.record(x, rec, null);
        }
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 1024, "20 forward and 20 recorded passes allocated " + allocated + " bytes");
    }

    @Test
    void misuseIsRejected() {
        Case c = Case.random(20, 8, 3, 10, 0.0, 0, 0.5, 2, 51);
        CubaKernel kernel = new CubaKernel(c.physics());
        CubaReadout out = new CubaReadout(c.net(), 2);
        assertThrows(IllegalStateException.class, () -> kernel.forward(c.input(), out));
        assertEquals("W1 must have 160 entries, but had 3",
                assertThrows(IllegalArgumentException.class, () -> kernel.program(new double[3], c.w2())).getMessage());
        double[] nan = c.w2().clone();
        nan[5] = Double.NaN;
        assertEquals("W2[5] must be finite, but was NaN",
                assertThrows(IllegalArgumentException.class, () -> kernel.program(c.w1(), nan)).getMessage());
        kernel.program(c.w1(), c.w2());
        assertThrows(IllegalArgumentException.class, () -> kernel.forward(c.input(), new CubaReadout(c.net(), 3)));
        assertThrows(IllegalArgumentException.class,
                () -> kernel.forward(CubaInput.ofSpikeSteps(c.spikeSteps(), 11), out));
        assertEquals("spike step of sample 0, input 1 must be -1 or in [0, 10), but was 10",
                assertThrows(IllegalArgumentException.class,
                        () -> CubaInput.ofSpikeSteps(new int[][] {{0, 10}}, 10)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> CubaInput.ofEvents(4, new int[][][] {{{2, 1}}}));
        assertThrows(IllegalArgumentException.class, () -> CubaInput.ofEvents(4, new int[][][] {{{4}}}));
    }
}
