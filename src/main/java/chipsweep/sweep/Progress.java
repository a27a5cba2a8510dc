package chipsweep.sweep;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The driver's progress line: cells done / failed / running / total and an ETA, printed to a stream (stderr)
 * at most once a second and at the end of every wave. The ETA divides the expected cost still to run by the
 * rate at which expected cost has been completed so far in this run (see {@link Method} costs). Takes a
 * {@link Clock}, so it is testable.
 *
 * <p>Thread-safety: synchronized; called from the driver thread and Spark's listener thread.
 */
public final class Progress {
    private final Clock clock;
    private final PrintStream out;
    private final int total;
    private final double totalCost;
    private final Instant start;
    private int done;
    private int failed;
    private int running;
    private double doneCost;
    private Instant lastPrint = Instant.EPOCH;

    public Progress(Clock clock, PrintStream out, int total, double totalCost, int alreadyDone) {
        this.clock = clock;
        this.out = out;
        this.total = total;
        this.totalCost = totalCost;
        this.start = clock.instant();
        this.done = alreadyDone;
    }

    public synchronized void taskStarted() {
        running++;
        maybePrint(false);
    }

    public synchronized void taskEnded(double cost) {
        running = Math.max(0, running - 1);
        done++;
        doneCost += cost;
        maybePrint(false);
    }

    /** A task attempt that Spark will retry (lost executor). */
    public synchronized void taskFailed() {
        running = Math.max(0, running - 1);
    }

    /** At a wave's end: its failures are now known. */
    public synchronized void waveCommitted(int wave, int failedInWave) {
        failed += failedInWave;
        maybePrint(true);
    }

    public synchronized String line() {
        Duration elapsed = Duration.between(start, clock.instant());
        String eta;
        if (doneCost <= 0) {
            eta = "ETA --";
        } else {
            double rate = doneCost / Math.max(1e-3, elapsed.toNanos() / 1e9);
            double remaining = Math.max(0, totalCost - doneCost) / rate;
            eta = "ETA " + format(Duration.ofMillis((long) (remaining * 1000)));
        }
        return String.format("cells %d/%d done, %d failed, %d running, elapsed %s, %s", done, total, failed, running,
                format(elapsed), eta);
    }

    private void maybePrint(boolean force) {
        Instant now = clock.instant();
        if (force || Duration.between(lastPrint, now).toMillis() >= 1000) {
            lastPrint = now;
            out.println(line());
        }
    }

    static String format(Duration d) {
        long s = d.getSeconds();
        return s >= 3600 ? String.format("%dh%02dm%02ds", s / 3600, (s % 3600) / 60, s % 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
