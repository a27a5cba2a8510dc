package chipsweep.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chipsweep.rng.Streams;
import org.junit.jupiter.api.Test;

class TemporalXorTest {
    private final TemporalXor task = new TemporalXor(0.001, 1.05);

    @Test
    void theSameSeedGivesTheSameTrialsAndAnotherSeedOthers() {
        TemporalXor.Trial[] a = task.draw(20, Streams.generator(7));
        TemporalXor.Trial[] b = task.draw(20, Streams.generator(7));
        TemporalXor.Trial[] c = task.draw(20, Streams.generator(8));
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i].input(), b[i].input(), 0.0);
            assertArrayEquals(a[i].target(), b[i].target(), 0.0);
            assertEquals(a[i].sign(), b[i].sign());
        }
        boolean differ = false;
        for (int i = 0; i < a.length; i++) {
            differ |= a[i].start1() != c[i].start1();
        }
        assertTrue(differ);
    }

    @Test
    void pulsesLieInsideTwoThirdsOfTheTrialAtLeast100MsApartWithTheSpecsDurations() {
        double l = 2.0 / 3.0 * task.trial();
        for (TemporalXor.Trial t : task.draw(2000, Streams.generator(1))) {
            double d1 = t.end1() - t.start1();
            double d2 = t.end2() - t.start2();
            assertTrue(d1 >= l / 10 && d1 <= l / 4 && d2 >= l / 10 && d2 <= l / 4, d1 + " " + d2);
            assertTrue(t.start1() >= 0 && t.end2() <= l + 1e-12, t.start1() + " " + t.end2());
            assertTrue(t.start2() - t.end1() >= TemporalXor.GAP - 1e-12, "gap " + (t.start2() - t.end1()));
            assertEquals(t.sign1() != t.sign2() ? 1 : -1, t.sign(), "the XOR of the signs");
            assertEquals(Math.round((t.end2() + 0.05) / 0.001), t.from());
            assertEquals(300, t.to() - t.from(), "a 300 ms window that fits the trial");
            double max = 0;
            for (double v : t.target()) {
                max = Math.max(max, Math.abs(v));
            }
            assertEquals(1.0, max, 1e-12, "the target is normalised");
            assertEquals(t.sign(), Math.signum(t.target()[(t.from() + t.to()) / 2]));
            int quiet = (int) Math.ceil((l + 0.04) / 0.001);
            for (int s = quiet; s < t.input().length; s++) {
                assertEquals(0.0, t.input()[s], 0.0, "no input after 2/3 of the trial and the smoothing's reach");
            }
            assertTrue(t.correct(t.target()) && !t.correct(negate(t.target())));
        }
    }

    @Test
    void signsAndClassesAreBalanced() {
        // 4000 trials: each share's sd is 0.8%; 4 sd bounds never fail on this fixed seed and catch a biased draw
        int n = 4000;
        int first = 0;
        int second = 0;
        int xor = 0;
        for (TemporalXor.Trial t : task.draw(n, Streams.generator(2))) {
            first += t.sign1() > 0 ? 1 : 0;
            second += t.sign2() > 0 ? 1 : 0;
            xor += t.sign() > 0 ? 1 : 0;
        }
        for (int k : new int[] {first, second, xor}) {
            assertEquals(0.5, (double) k / n, 4 * 0.5 / Math.sqrt(n));
        }
    }

    @Test
    void aTrialTooShortForTheWindowIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TemporalXor(0.001, 1.0));
        assertTrue(e.getMessage().startsWith("trial must be"), e.getMessage());
    }

    private static double[] negate(double[] x) {
        double[] y = x.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] = -y[i];
        }
        return y;
    }
}
