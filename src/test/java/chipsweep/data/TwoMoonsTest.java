package chipsweep.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chipsweep.rng.Streams;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TwoMoonsTest {
    @Test
    void sameSeedSamePointsOtherSeedOtherPoints() {
        TwoMoons.Task a = TwoMoons.task(200, 200, TwoMoons.NOISE, Streams.generator(7));
        TwoMoons.Task b = TwoMoons.task(200, 200, TwoMoons.NOISE, Streams.generator(7));
        TwoMoons.Task c = TwoMoons.task(200, 200, TwoMoons.NOISE, Streams.generator(8));
        assertTrue(Arrays.deepEquals(a.train().points(), b.train().points()));
        assertTrue(Arrays.deepEquals(a.test().points(), b.test().points()));
        assertArrayEquals(a.train().labels(), b.train().labels());
        assertFalse(Arrays.deepEquals(a.train().points(), c.train().points()));
        assertFalse(Arrays.deepEquals(a.train().points(), a.test().points()), "the test set is held out");
    }

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {2, 7, 200, 1000})
    void classesAreBalanced(int n) {
        TwoMoons m = TwoMoons.generate(n, TwoMoons.NOISE, Streams.generator(1));
        assertEquals(n - n / 2, m.positives());
        assertEquals(n, m.size());
    }

    @Test
    void rescaledIntoTheUnitSquareSpanningIt() {
        TwoMoons.Task t = TwoMoons.task(200, 200, TwoMoons.NOISE, Streams.generator(3));
        for (TwoMoons m : new TwoMoons[] {t.train(), t.test()}) {
            for (double[] p : m.points()) {
                assertTrue(p[0] >= 0 && p[0] <= 1 && p[1] >= 0 && p[1] <= 1, Arrays.toString(p));
            }
        }
        for (int d = 0; d < 2; d++) {
            double lo = 1;
            double hi = 0;
            for (double[] p : t.train().points()) {
                lo = Math.min(lo, p[d]);
                hi = Math.max(hi, p[d]);
            }
            assertEquals(0.0, lo, 0.0);
            assertEquals(1.0, hi, 1e-12);
        }
    }

    @Test
    void pointsLieOnTheirMoonWithTheNoiseOfTheSpec() {
        // Radial distance to each moon's circle: with sd 0.1 per coordinate its RMS is about 0.1.
        TwoMoons m = TwoMoons.generate(4000, TwoMoons.NOISE, Streams.generator(11));
        double[][] x = m.points();
        int[] y = m.labels();
        double ss = 0;
        int upperOuter = 0;
        for (int i = 0; i < x.length; i++) {
            double cx = y[i] == 0 ? 0.0 : 1.0;
            double cy = y[i] == 0 ? 0.0 : 0.5;
            double r = Math.hypot(x[i][0] - cx, x[i][1] - cy);
            ss += (r - 1) * (r - 1);
            if (y[i] == 0 && x[i][1] > 0) {
                upperOuter++;
            }
        }
        double rms = Math.sqrt(ss / x.length);
        assertTrue(rms > 0.09 && rms < 0.11, "radial RMS " + rms);
        assertTrue(upperOuter > 0.9 * 2000, "the outer moon is the upper half circle: " + upperOuter);
        assertEquals(0.0, rmsWithoutNoise(), 1e-12);
    }

    private static double rmsWithoutNoise() {
        TwoMoons m = TwoMoons.generate(50, 0.0, Streams.generator(2));
        double ss = 0;
        for (int i = 0; i < m.size(); i++) {
            double[] p = m.points()[i];
            double r = m.labels()[i] == 0 ? Math.hypot(p[0], p[1]) : Math.hypot(p[0] - 1, p[1] - 0.5);
            ss += (r - 1) * (r - 1);
        }
        return Math.sqrt(ss / m.size());
    }

    @Test
    void gridCoversTheUnitSquareRowMajor() {
        double[][] g = TwoMoons.grid(5);
        assertEquals(25, g.length);
        assertArrayEquals(new double[] {0, 0}, g[0]);
        assertArrayEquals(new double[] {0, 0.25}, g[1]);
        assertArrayEquals(new double[] {1, 1}, g[24]);
    }

    @Test
    void refusesBadArguments() {
        assertEquals("n must be >= 2, but was 1",
                assertThrows(IllegalArgumentException.class, () -> TwoMoons.generate(1, 0.1, Streams.generator(1)))
                        .getMessage());
        assertEquals("noise must be >= 0 and finite, but was -0.1",
                assertThrows(IllegalArgumentException.class, () -> TwoMoons.generate(10, -0.1, Streams.generator(1)))
                        .getMessage());
    }
}
