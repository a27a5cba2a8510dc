package chipsweep.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chipsweep.rng.Streams;
import java.lang.management.ManagementFactory;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class DecolleKernelTest {
    private static final int[] LAYERS = {12, 10, 6, 3};

    private static DecolleNetwork net() {
        return DecolleNetwork.of(LAYERS, 30, 5, DecolleParams.DEFAULTS,
                DecolleNetwork.randomReadouts(LAYERS, 3, Streams.generator(1)));
    }

    private static double[][] weights(DecolleNetwork net, RandomGenerator rng) {
        double[][] w = net.newWeights();
        for (double[] l : w) {
            for (int i = 0; i < l.length; i++) {
                l[i] = 2 * rng.nextGaussian();
            }
        }
        return w;
    }

    private static SpikeTrains trains(int samples, RandomGenerator rng) {
        int[][][] s = new int[samples][30][12];
        for (int[][] a : s) {
            for (int[] b : a) {
                for (int i = 0; i < b.length; i++) {
                    b[i] = rng.nextDouble() < 0.3 ? 1 : 0;
                }
            }
        }
        return SpikeTrains.of(s);
    }

    @Test
    void aSampleGivesTheSameResultAloneAsInABatchAndAfterAReset() {
        DecolleNetwork net = net();
        double[][] w = weights(net, Streams.generator(2));
        SpikeTrains x = trains(5, Streams.generator(3));
        DecolleKernel batch = new DecolleKernel(net, 5);
        batch.run(x, new int[] {0, 1, 2, 3, 4}, w, null);
        DecolleKernel alone = new DecolleKernel(net, 2);
        for (int n = 0; n < 5; n++) {
            alone.run(x, new int[] {n}, w, null);
            for (int l = 0; l < 3; l++) {
                for (int j = 0; j < LAYERS[l + 1]; j++) {
                    assertEquals(batch.count(l, n, j), alone.count(l, 0, j));
                }
                for (int k = 0; k < 3; k++) {
                    assertEquals(batch.readoutSum(l, n, k), alone.readoutSum(l, 0, k), 0.0);
                }
            }
            assertEquals(batch.prediction(n), alone.prediction(0));
        }
        int spikes = 0;
        for (int n = 0; n < 5; n++) {
            for (int j = 0; j < 10; j++) {
                spikes += batch.count(0, n, j);
            }
        }
        assertTrue(spikes > 0, "the test drives the first layer");
    }

    @Test
    void refusesAStepPastTheEndAndBadBatchSizes() {
        DecolleNetwork net = net();
        DecolleKernel k = new DecolleKernel(net, 2);
        assertEquals("rows must be in 1..2, but was 3",
                assertThrows(IllegalArgumentException.class, () -> k.reset(3)).getMessage());
        k.reset(1);
        double[] in = new double[24];
        double[][] w = net.newWeights();
        for (int t = 0; t < 30; t++) {
            k.step(in, w);
        }
        assertThrows(IllegalStateException.class, () -> k.step(in, w));
    }

    @Test
    void stepsAllocateNothing() {
        DecolleNetwork net = net();
        double[][] w = weights(net, Streams.generator(4));
        DecolleKernel k = new DecolleKernel(net, 4);
        double[] in = new double[4 * 12];
        java.util.Arrays.fill(in, 1.0);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int warm = 0; warm < 200; warm++) {
            k.reset(4);
            for (int t = 0; t < 30; t++) {
                k.step(in, w);
            }
        }
        long id = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(id);
        for (int rep = 0; rep < 100; rep++) {
            k.reset(4);
            for (int t = 0; t < 30; t++) {
                k.step(in, w);
            }
        }
        long bytes = mx.getThreadAllocatedBytes(id) - before;
        assertTrue(bytes < 4096, "3,000 steps allocated " + bytes + " bytes");
    }
}
