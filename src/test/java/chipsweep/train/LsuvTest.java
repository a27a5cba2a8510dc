package chipsweep.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chipsweep.chip.DecolleKernel;
import chipsweep.chip.DecolleNetwork;
import chipsweep.chip.DecolleParams;
import chipsweep.chip.SpikeTrains;
import chipsweep.data.PopulationCode;
import chipsweep.data.TwoMoons;
import chipsweep.rng.Streams;
import org.junit.jupiter.api.Test;

class LsuvTest {
    private static DecolleNetwork net(int... layers) {
        return DecolleNetwork.of(layers, 40, 5, DecolleParams.DEFAULTS,
                DecolleNetwork.randomReadouts(layers, 2, Streams.generator(2)));
    }

    /** Dot products of the vectors along the longer side of every layer's matrix. */
    private static void assertOrthonormal(DecolleNetwork net, double[][] w) {
        for (int l = 0; l < w.length; l++) {
            int nIn = net.size(l);
            int nOut = net.size(l + 1);
            boolean columns = nIn >= nOut;
            int count = columns ? nOut : nIn;
            int len = columns ? nIn : nOut;
            for (int a = 0; a < count; a++) {
                for (int b = 0; b < count; b++) {
                    double dot = 0;
                    for (int i = 0; i < len; i++) {
                        dot += columns ? w[l][i * nOut + a] * w[l][i * nOut + b]
                                : w[l][a * nOut + i] * w[l][b * nOut + i];
                    }
                    assertEquals(a == b ? 1.0 : 0.0, dot, 1e-12, "layer " + l + " vectors " + a + ", " + b);
                }
            }
        }
    }

    @Test
    void orthogonalWeightsAreOrthonormalAlongTheLongerSide() {
        DecolleNetwork n = net(20, 8, 30, 2); // 20x8: columns; 8x30: rows; 30x2: columns
        double[][] w = Lsuv.orthogonal(n, Streams.generator(7));
        assertOrthonormal(n, w);
        double[][] again = Lsuv.orthogonal(n, Streams.generator(7));
        for (int l = 0; l < w.length; l++) {
            assertArrayEquals(w[l], again[l], 0.0);
        }
    }

    @Test
    void rescaledLayersHaveUnitMembraneVarianceOnTheFirstSamples() {
        DecolleNetwork n = net(20, 16, 16, 2);
        TwoMoons m = TwoMoons.task(40, 2, 0.1, Streams.generator(1)).train();
        SpikeTrains x = new PopulationCode(10, 40).encode(m.points(), 9L);
        double[][] w = Lsuv.orthogonal(n, Streams.generator(3));
        double[][] before = Weights.copy(w);
        int passes = Lsuv.rescale(n, w, x);
        assertTrue(passes >= 2 && passes < Lsuv.MAX_PASSES, "passes " + passes);
        // every layer is the orthogonal matrix times one positive factor
        for (int l = 0; l < w.length; l++) {
            double f = w[l][0] / before[l][0];
            assertTrue(f > 0);
            for (int k = 0; k < w[l].length; k++) {
                assertEquals(before[l][k] * f, w[l][k], 1e-12 * Math.abs(f));
            }
        }
        // recomputed by hand from the kernel: the last step's membranes of the first 32 samples
        DecolleKernel k = new DecolleKernel(n, 32);
        k.reset(32);
        double[] in = new double[32 * 20];
        for (int t = 0; t < n.steps(); t++) {
            for (int r = 0; r < 32; r++) {
                x.copyStep(r, t, in, r * 20);
            }
            k.step(in, w);
        }
        for (int l = 0; l < w.length; l++) {
            int size = 32 * n.size(l + 1);
            double[] u = k.membrane(l);
            double mean = 0;
            for (int i = 0; i < size; i++) {
                mean += u[i] / size;
            }
            double v = 0;
            for (int i = 0; i < size; i++) {
                v += (u[i] - mean) * (u[i] - mean) / size;
            }
            assertEquals(1.0, v, Lsuv.TOLERANCE, "layer " + l);
        }
    }

    @Test
    void varianceIsThePopulationVariance() {
        assertEquals(1.25, Lsuv.variance(new double[] {1, 2, 3, 4, 99}, 4), 1e-15);
    }
}
