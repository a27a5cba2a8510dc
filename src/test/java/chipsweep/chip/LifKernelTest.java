package chipsweep.chip;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chipsweep.rng.Streams;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The vectorised kernel against the LIF recursion written out sample by sample, on both spike paths (the
 * scaled ceil inside its bound, the clamp outside it), several blocks, odd layer sizes and a transfer
 * distortion; and the scaled spike itself at its edges.
 */
class LifKernelTest {
    /** Weight scale (N(0, 3 / fan_in)) at which every layer spikes. */
    private static final double SPIKING = Math.sqrt(3.0);

    static Stream<Arguments> spikeEdges() {
        List<Arguments> cases = new ArrayList<>();
        double[] thetas = {LifKernel.SCALED_MIN_THETA, 1e-3, 0.5, 1.0, 3.7, 0x1p900, LifKernel.SCALED_MAX};
        for (double theta : thetas) {
            double[] vs = {theta, Math.nextUp(theta), Math.nextDown(theta), 0.0, -0.0, -LifKernel.SCALED_MAX,
                LifKernel.SCALED_MAX, theta * 2, theta / 2, -theta, theta + 1e-9, theta - 1e-9};
            for (double v : vs) {
                cases.add(Arguments.of(v, theta));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "v = {0}, theta = {1}")
    @MethodSource("spikeEdges")
    void scaledSpikeIsTheStrictComparisonInsideItsBound(double v, double theta) {
        double expected = v > theta ? 1.0 : 0.0;
        assertTrue(LifKernel.spikeScaled(v, theta) == expected, "spikeScaled(" + v + ", " + theta + ") = "
                + LifKernel.spikeScaled(v, theta));
        assertEquals(expected, LifKernel.spike(v, theta), "clamped spike");
    }

    @Test
    void scaledSpikeMatchesTheComparisonOnRandomMembranes() {
        RandomGenerator rng = Streams.generator(11);
        for (int k = 0; k < 200_000; k++) {
            double theta = Math.scalb(1.0 + rng.nextDouble(), rng.nextInt(-20, 40));
            double v = theta + rng.nextGaussian() * Math.scalb(1.0, rng.nextInt(-60, 40));
            assertTrue(LifKernel.spikeScaled(v, theta) == (v > theta ? 1.0 : 0.0), v + " vs " + theta);
        }
    }

    @Test
    void theBoundSendsHugeWeightsAndTinyThresholdsToTheClampedSpike() {
        Network net = new Network(new int[] {3, 4, 2}, 20, 0.9, 1.0);
        Network tiny = new Network(new int[] {3, 4, 2}, 20, 0.9, 1e-7);
        double[][] w = DistortionsTest.weights(net, 1.0, 1);
        double[][] huge = DistortionsTest.weights(net, 1e290, 1);
        ChipPhysics ideal = ChipPhysics.of(net, Distortion.Ideal.INSTANCE);
        assertAll(
                () -> assertTrue(new LifKernel(net).scaledSpikeIsExact(ideal, LifKernel.maxAbs(w, new double[2]), 1.0), "ordinary chip"),
                () -> assertFalse(new LifKernel(net).scaledSpikeIsExact(ideal, LifKernel.maxAbs(huge, new double[2]), 1.0),
                        "weights of 1e290"),
                () -> assertFalse(new LifKernel(net).scaledSpikeIsExact(ideal, LifKernel.maxAbs(w, new double[2]), 1e300),
                        "inputs of 1e300"),
                () -> assertFalse(new LifKernel(tiny).scaledSpikeIsExact(ChipPhysics.of(tiny, Distortion.Ideal.INSTANCE),
                        LifKernel.maxAbs(w, new double[2]), 1.0), "theta 1e-7"));
    }

    static Stream<Arguments> chips() {
        Network small = new Network(new int[] {30, 20, 2}, 20, 0.9, 1.0);
        Network odd = new Network(new int[] {7, 9, 5, 3}, 13, 0.8, 0.7);
        Network tiny = new Network(new int[] {30, 20, 2}, 20, 0.9, 1e-7);
        return Stream.of(
                Arguments.of("ideal 30-20-2, scaled spike", small, Distortion.Ideal.INSTANCE, 1.0, 398),
                Arguments.of("mismatch sigma 2", small, DistortionsTest.draw("mismatch", 2.0, small, 3), 1.0, 398),
                Arguments.of("nonlin sigma 1", small, DistortionsTest.draw("nonlin", 1.0, small, 3), 1.0, 398),
                Arguments.of("threshold+leak sigma 0.5", small, DistortionsTest.draw("threshold+leak", 0.5, small, 3), 1.0, 398),
                Arguments.of("three blocks of samples", small, DistortionsTest.draw("mismatch", 1.0, small, 3), 1.0, 1100),
                Arguments.of("7-9-5-3, odd sizes", odd, DistortionsTest.draw("mismatch+nonlin", 1.0, odd, 3), 1.0, 37),
                Arguments.of("weights of 1e290: clamped spike", small, Distortion.Ideal.INSTANCE, 1e290, 50),
                Arguments.of("theta 1e-7: clamped spike", tiny, Distortion.Ideal.INSTANCE, 1e-7, 50));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chips")
    void kernelEqualsTheRecursionWrittenOut(String name, Network net, Distortion d, double scale, int samples) {
        double[][] w = DistortionsTest.weights(net, SPIKING * scale, 5);
        Batch batch = DistortionsTest.inputs(net, samples, 9);
        SimulatedChip chip = SimulatedChip.of(net, d);
        chip.program(w);
        Readout r = new Readout(net, samples, true);
        chip.evaluate(batch, r);
        Recording rec = new Recording(net, samples);
        chip.record(batch, rec);

        ChipPhysics p = ChipPhysics.of(net, d);
        double[][] weff = new double[w.length][];
        for (int l = 0; l < w.length; l++) {
            weff[l] = new double[w[l].length];
            for (int k = 0; k < w[l].length; k++) {
                weff[l][k] = p.effective(l, k, w[l][k]);
            }
        }
        int layers = net.weightLayers();
        int steps = net.steps();
        int outputs = net.outputs();
        long spikes = 0;
        for (int b = 0; b < samples; b++) {
            double[][] u = new double[layers][];
            double[][] s = new double[layers][];
            for (int l = 0; l < layers; l++) {
                u[l] = new double[net.size(l + 1)];
                s[l] = new double[net.size(l + 1)];
            }
            int[][] count = new int[layers][];
            for (int l = 0; l < layers; l++) {
                count[l] = new int[net.size(l + 1)];
            }
            double[] msum = new double[outputs];
            for (int t = 0; t < steps; t++) {
                double[] in = new double[net.size(0)];
                for (int i = 0; i < in.length; i++) {
                    in[i] = batch.get(b, i);
                }
                for (int l = 0; l < layers; l++) {
                    int n = net.size(l + 1);
                    double[] next = new double[n];
                    for (int j = 0; j < n; j++) {
                        double current = 0.0;
                        for (int i = 0; i < in.length; i++) {
                            current = current + weff[l][i * n + j] * in[i];
                        }
                        double v = ((p.beta[l][j] * u[l][j]) + p.transfer(l, j, current)) - (p.theta[l][j] * s[l][j]);
                        u[l][j] = v;
                        next[j] = v > p.theta[l][j] ? 1.0 : 0.0;
                        count[l][j] += (int) next[j];
                        int idx = (b * steps + t) * n + j;
                        assertEquals(v, rec.membrane(l)[idx], 0.0, name + ": membrane, layer " + l);
                        assertEquals(next[j], rec.spikes(l)[idx], 0.0, name + ": spike, layer " + l);
                    }
                    s[l] = next;
                    in = next;
                }
                for (int k = 0; k < outputs; k++) {
                    msum[k] = msum[k] + u[layers - 1][k];
                }
            }
            for (int k = 0; k < outputs; k++) {
                assertEquals(count[layers - 1][k], r.count(b, k), name + ": output count, sample " + b);
                assertEquals(msum[k], r.membraneSum(b, k), 0.0, name + ": membrane sum, sample " + b);
                assertEquals(count[layers - 1][k], rec.readout().count(b, k), name + ": recorded count");
                spikes += count[layers - 1][k];
            }
            for (int h = 0; h < layers - 1; h++) {
                for (int j = 0; j < net.size(h + 1); j++) {
                    assertEquals(count[h][j], r.hiddenCount(h, b, j), name + ": hidden count");
                }
            }
        }
        assertTrue(spikes > 0, name + ": the outputs never spiked, so the comparison says little");
    }
}
