package chipsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProgressTest {
    /** A clock that moves only when told. */
    static final class FakeClock extends Clock {
        private Instant now = Instant.parse("2026-11-29T08:00:00Z");

        void advance(double seconds) {
            now = now.plusNanos(Math.round(seconds * 1e9));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final FakeClock clock = new FakeClock();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void etaIsTheRemainingCostOverTheCompletedCostRate() {
        Progress p = new Progress(clock, out, Progress.Style.LINES, 10, 100, 64);
        assertEquals(Optional.empty(), p.eta());
        p.taskStarted();
        clock.advance(5);
        p.taskEnded(10);
        // 10 units in 5 s: 2 units/s; 90 units left: 45 s
        assertEquals(Optional.of(Duration.ofSeconds(45)), p.eta());
        clock.advance(5);
        // no more completed in 10 s: 1 unit/s, 90 s
        assertEquals(Optional.of(Duration.ofSeconds(90)), p.eta());
    }

    @Test
    void theTimeBeforeTheFirstCellTaskDoesNotCount() {
        Progress p = new Progress(clock, out, Progress.Style.LINES, 4, 40, 64);
        clock.advance(30); // the warm-start sources' stage
        p.taskStarted();
        p.taskStarted();
        clock.advance(4);
        p.taskEnded(10);
        p.taskEnded(10);
        assertEquals(Optional.of(Duration.ofSeconds(4)), p.eta());
        assertTrue(p.line().startsWith("cells 2/4 done, 0 failed, 0 running, elapsed 34s, ETA 4s"), p.line());
    }

    @Test
    void aNoteEndsAnOpenBarLineAndStandsOnItsOwnLine() {
        Progress p = new Progress(clock, out, Progress.Style.BAR, 4, 4, 64);
        p.taskStarted();
        p.note("chipsweep run: first 5 shared trainings");
        p.note("done");
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.endsWith("running, elapsed 0s, ETA --\nchipsweep run: first 5 shared trainings\ndone\n")
                || text.endsWith("running, elapsed 0s, ETA --\r\nchipsweep run: first 5 shared trainings\r\ndone\r\n"),
                text);
    }

    @Test
    void withCostsRightTheEtaAfterTheFirstWaveIsTheRemainingTime() {
        // 2 cores, waves of 4 cells, cells sorted by cost (largest first), each taking cost / 10 seconds
        double[] costs = {80, 80, 60, 60, 20, 20, 20, 20, 10, 10, 10, 10};
        double total = 0;
        for (double c : costs) {
            total += c;
        }
        Progress p = new Progress(clock, out, Progress.Style.LINES, costs.length, total, 64);
        for (int wave = 0; wave < 3; wave++) {
            for (int pair = 0; pair < 2; pair++) {
                int i = wave * 4 + pair * 2;
                p.taskStarted();
                p.taskStarted();
                clock.advance(costs[i] / 10);
                p.taskEnded(costs[i]);
                p.taskEnded(costs[i + 1]);
            }
            p.waveCommitted(wave, 0);
        }
        // after wave 0 (28 s of 2-core work done in 14 s): 120 units left at 20 units/s = 6 s; the rest took 4 + 2 s
        assertEquals(Optional.of("the ETA after the first wave was 6s; the rest took 6s (ETA / actual 1.00)"),
                p.firstWaveCheck());
    }

    @Test
    void onAPipeOneLinePerUpdateAtMostOnceASecondAndAtEveryWave() {
        Progress p = new Progress(clock, out, Progress.Style.LINES, 3, 3, 64);
        p.taskStarted(); // printed (first)
        clock.advance(0.5);
        p.taskEnded(1); // within the second: not printed
        p.waveCommitted(0, 0); // forced
        clock.advance(1.0);
        p.taskStarted(); // printed
        p.finish();
        String s = printed();
        assertEquals(3, s.lines().count(), s);
        assertFalse(s.contains("\r"));
        assertTrue(s.lines().allMatch(l -> l.startsWith("cells ")), s);
    }

    @Test
    void onATerminalOneLineWithABarRewrittenInPlaceAndEndedByFinish() {
        Progress p = new Progress(clock, out, Progress.Style.BAR, 4, 4, 64);
        p.taskStarted();
        clock.advance(1);
        p.taskEnded(1);
        clock.advance(1);
        p.taskEnded(1);
        assertFalse(printed().contains("\n"), printed());
        assertEquals("[############------------]  50%", p.bar());
        String[] frames = printed().split("\r", -1);
        assertEquals(4, frames.length, printed()); // "" before the first \r, then three frames
        assertTrue(frames[3].startsWith("[############------------]  50% cells 2/4 done"), frames[3]);
        p.finish();
        assertTrue(printed().endsWith("\n"));
        p.finish(); // a second finish adds nothing
        assertEquals(1, printed().chars().filter(c -> c == '\n').count());
    }

    @Test
    void aShorterFrameBlanksTheRestOfTheLongerOne() {
        Progress p = new Progress(clock, out, Progress.Style.BAR, 100, 100, 64);
        for (int i = 0; i < 11; i++) {
            p.taskStarted();
        }
        clock.advance(61);
        p.taskEnded(1); // "10 running", ETA "1h40m39s": a long frame
        String longer = printed().substring(printed().lastIndexOf('\r') + 1);
        for (int i = 0; i < 9; i++) {
            p.taskFailed();
        }
        clock.advance(0.3);
        p.taskEnded(1); // "0 running", ETA "50m03s": shorter text
        String last = printed().substring(printed().lastIndexOf('\r') + 1);
        assertTrue(longer.contains("10 running") && longer.endsWith("ETA 1h40m39s"), longer);
        assertTrue(last.contains(" 0 running") && last.strip().endsWith("ETA 50m03s"), last);
        assertEquals(longer.length(), last.length(), "'" + longer + "' then '" + last + "'");
    }

    @Test
    void styleFromThePropertyThatSubmitShSets() {
        String before = System.getProperty("chipsweep.progress");
        try {
            System.setProperty("chipsweep.progress", "bar");
            assertEquals(Progress.Style.BAR, Progress.Style.detect());
            System.setProperty("chipsweep.progress", "lines");
            assertEquals(Progress.Style.LINES, Progress.Style.detect());
            System.clearProperty("chipsweep.progress");
            // surefire's forked JVM has no console
            assertEquals(System.console() != null ? Progress.Style.BAR : Progress.Style.LINES, Progress.Style.detect());
        } finally {
            if (before == null) {
                System.clearProperty("chipsweep.progress");
            } else {
                System.setProperty("chipsweep.progress", before);
            }
        }
    }

    @Test
    void theRunningCountNeverExceedsTheSlots() {
        Progress p = new Progress(clock, out, Progress.Style.LINES, 10, 10, 2);
        p.taskStarted();
        p.taskStarted();
        p.taskStarted(); // the next task's start before the previous one's end
        assertTrue(p.line().contains(" 2 running"), p.line());
        p.taskEnded(1);
        p.taskEnded(1);
        assertTrue(p.line().contains(" 1 running"), p.line());
    }

    @Test
    void durations() {
        assertEquals("59s", Progress.format(Duration.ofSeconds(59)));
        assertEquals("1m00s", Progress.format(Duration.ofSeconds(60)));
        assertEquals("1h01m01s", Progress.format(Duration.ofSeconds(3661)));
    }
}
