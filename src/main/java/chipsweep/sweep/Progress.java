package chipsweep.sweep;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The driver's progress: cells done / failed / running / total and an ETA, printed to a stream (stderr). On a
 * terminal ({@link Style#BAR}) it is one line with a bar that rewrites itself (carriage return), at most four times
 * a second; on a pipe or a file ({@link Style#LINES}) one line per update, at most once a second, and always at the
 * end of a wave.
 *
 * <p>The ETA is the expected cost still to run (see {@link Method#expectedCost}) over the rate at which expected
 * cost has been completed, measured from the start of the first cell task (so the warm-start sources' stage before
 * the first wave does not count as cell work). It is only as good as the relative costs of the cells: the sweep
 * runs the most expensive cells first, so a model that over-rates them makes every early ETA too short. The ETA
 * printed when the first wave is committed is kept, so that a run can report it against the time the rest took.
 * Takes a {@link Clock}, so it is testable.
 *
 * <p>Thread-safety: synchronized; called from the driver thread and Spark's listener thread.
 */
public final class Progress {
    /** How progress is shown. */
    public enum Style {
        /** One updating line with a bar, for a terminal. */
        BAR,
        /** One line per update, for a pipe or a file. */
        LINES;

        /**
         * The system property {@code chipsweep.progress} ({@code bar} or {@code lines}; submit.sh sets it from
         * whether stderr is a terminal) or else, when it is absent, {@code BAR} if the JVM has a console.
         */
        public static Style detect() {
            String p = System.getProperty("chipsweep.progress", "");
            if (p.equalsIgnoreCase("bar")) {
                return BAR;
            }
            if (p.equalsIgnoreCase("lines")) {
                return LINES;
            }
            return System.console() != null ? BAR : LINES;
        }
    }

    static final int BAR_WIDTH = 24;
    private final Clock clock;
    private final PrintStream out;
    private final Style style;
    private final int total;
    private final double totalCost;
    private final int slots;
    private final Instant start;
    private Instant firstTask;
    private int done;
    private int failed;
    private int running;
    private double doneCost;
    private Instant lastPrint = Instant.EPOCH;
    private int lastLength;
    private boolean open;
    private Duration firstWaveEta;
    private Instant firstWaveAt;

    /**
     * {@code slots}: the cluster's task slots (cores). Spark reports a task's end after the next task on its core has
     * started, so the tasks started and not yet ended can outnumber the slots for a moment; the line shows at most
     * {@code slots} running.
     */
    public Progress(Clock clock, PrintStream out, Style style, int total, double totalCost, int slots) {
        this.clock = clock;
        this.out = out;
        this.style = style;
        this.total = total;
        this.totalCost = totalCost;
        this.slots = slots;
        this.start = clock.instant();
    }

    public synchronized void taskStarted() {
        if (firstTask == null) {
            firstTask = clock.instant();
        }
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
        if (firstWaveAt == null) {
            firstWaveAt = clock.instant();
            firstWaveEta = eta().orElse(null);
        }
        maybePrint(true);
    }

    /** Prints {@code message} on a line of its own (ending an open bar line first), e.g. a stage before the waves. */
    public synchronized void note(String message) {
        finish();
        out.println(message);
        out.flush();
    }

    /** Ends the updating line (a newline after the bar), so that what follows starts on a line of its own. */
    public synchronized void finish() {
        if (open) {
            out.println();
            out.flush();
            open = false;
        }
    }

    /**
     * The time still to run: remaining expected cost over the completed cost per second since the first task
     * started; empty before any cost is completed.
     */
    public synchronized Optional<Duration> eta() {
        if (doneCost <= 0 || firstTask == null) {
            return Optional.empty();
        }
        double seconds = Math.max(1e-3, Duration.between(firstTask, clock.instant()).toNanos() / 1e9);
        double remaining = Math.max(0, totalCost - doneCost) / (doneCost / seconds);
        return Optional.of(Duration.ofMillis(Math.round(remaining * 1000)));
    }

    /**
     * The ETA printed when the first wave was committed against the time the rest of the run took (from then to
     * now), as one sentence; empty if there was no further wave.
     */
    public synchronized Optional<String> firstWaveCheck() {
        if (firstWaveAt == null || firstWaveEta == null || firstWaveEta.isZero()) {
            return Optional.empty();
        }
        Duration actual = Duration.between(firstWaveAt, clock.instant());
        double ratio = actual.toMillis() > 0 ? (double) firstWaveEta.toMillis() / actual.toMillis() : Double.NaN;
        return Optional.of(String.format(Locale.ROOT, "the ETA after the first wave was %s; the rest took %s"
                + " (ETA / actual %.2f)", format(firstWaveEta), format(actual), ratio));
    }

    /** The progress as one line, without the bar. */
    public synchronized String line() {
        Duration elapsed = Duration.between(start, clock.instant());
        String eta = eta().map(d -> "ETA " + format(d)).orElse("ETA --");
        return String.format("cells %d/%d done, %d failed, %d running, elapsed %s, %s", done, total, failed,
                Math.min(running, slots), format(elapsed), eta);
    }

    /** The bar of {@link #BAR_WIDTH} characters and the share done, e.g. {@code [######------]  50%}. */
    synchronized String bar() {
        double share = total > 0 ? Math.min(1.0, (double) done / total) : 1.0;
        int filled = (int) Math.floor(share * BAR_WIDTH);
        return "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "] "
                + String.format("%3d%%", (int) Math.floor(share * 100));
    }

    private void maybePrint(boolean force) {
        Instant now = clock.instant();
        long every = style == Style.BAR ? 250 : 1000;
        if (!force && Duration.between(lastPrint, now).toMillis() < every) {
            return;
        }
        lastPrint = now;
        if (style == Style.LINES) {
            out.println(line());
        } else {
            String text = bar() + " " + line();
            // pad over the rest of a longer previous line
            out.print("\r" + text + " ".repeat(Math.max(0, lastLength - text.length())));
            lastLength = text.length();
            open = true;
        }
        out.flush();
    }

    static String format(Duration d) {
        long s = d.getSeconds();
        return s >= 3600 ? String.format("%dh%02dm%02ds", s / 3600, (s % 3600) / 60, s % 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
