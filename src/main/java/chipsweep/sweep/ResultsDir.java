package chipsweep.sweep;

import chipsweep.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A results folder, {@code results/<job>/}:
 * <pre>
 *   job.json                      the resolved job as run (every setting explicit)
 *   cells/wave=NNNNN/method=M/    Parquet, one row per cell attempt, committed wave by wave
 *   traces/wave=NNNNN/method=M/   Parquet, MH chain traces and BP learning curves
 *   deployments/wave=NNNNN/method=M/  Parquet, each cell's deployed weights on the family chips (fleet evaluation)
 *   report/                       the report
 *   _staging/                     a wave being written (invisible to readers; removed on the next run)
 *   .lock                         held by the run writing here
 * </pre>
 * A wave is written in full under {@code _staging/} and then moved into {@code traces/} and {@code cells/} by
 * atomic renames; the cells rename is the commit point. Killing the driver therefore loses at most the wave in
 * flight, never a committed row, and readers never see half a wave. The {@code cells} view keeps each cell's
 * latest attempt, so a cell rerun in a later wave replaces, but does not delete, its earlier row.
 *
 * <p>Thread-safety: one instance per driver; not shared.
 */
public final class ResultsDir implements AutoCloseable {
    private static final Pattern WAVE = Pattern.compile("wave=(\\d+)");

    private final Path dir;
    private FileChannel lockChannel;
    private FileLock lock;

    private ResultsDir(Path dir) {
        this.dir = dir;
    }

    /** A folder to run into (created if needed). */
    public static ResultsDir forRun(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new InputException(dir + ": cannot create the results folder: " + e.getMessage());
        }
        return new ResultsDir(dir);
    }

    /** An existing results folder, for {@code sql} and {@code report}. */
    public static ResultsDir existing(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InputException(dir + ": not a results folder (it does not exist)");
        }
        ResultsDir r = new ResultsDir(dir);
        if (!Files.isRegularFile(r.jobJson()) && !Files.isDirectory(r.cellsDir())) {
            throw new InputException(dir + ": not a results folder (no job.json and no cells/); "
                    + "give the folder a run wrote, e.g. results/<job>");
        }
        return r;
    }

    public Path path() {
        return dir;
    }

    public Path jobJson() {
        return dir.resolve("job.json");
    }

    public Path cellsDir() {
        return dir.resolve("cells");
    }

    public Path tracesDir() {
        return dir.resolve("traces");
    }

    public Path deploymentsDir() {
        return dir.resolve("deployments");
    }

    public Path reportDir() {
        return dir.resolve("report");
    }

    Path stagingDir() {
        return dir.resolve("_staging");
    }

    /**
     * Takes the folder's lock, held until {@link #close}. The operating system releases it when the process
     * dies, so a killed run never leaves it stuck.
     *
     * @throws InputException if another run holds it
     */
    public void lock() {
        Path f = dir.resolve(".lock");
        try {
            lockChannel = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = Files.readString(f, StandardCharsets.UTF_8).trim();
                lockChannel.close();
                throw new LockedException(dir + ": another chipsweep run is writing here"
                        + (holder.isEmpty() ? "" : " (" + holder + ")")
                        + "; wait for it to finish or choose another --out");
            }
            lockChannel.truncate(0);
            lockChannel.write(java.nio.ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + " on "
                    + ManagementFactory.getRuntimeMXBean().getName() + " since " + Instant.now())
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new InputException(dir + ": cannot lock the results folder: " + e.getMessage());
        }
    }

    /** Thrown when a wave cannot be written (disk full, permissions): the committed waves are untouched. */
    public static final class WriteFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WriteFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = String.valueOf(t.getMessage());
        return t.getClass().getSimpleName() + ": " + m.split("\n")[0];
    }

    /** Thrown when another run holds the lock (exit code 3). */
    public static final class LockedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LockedException(String message) {
            super(message);
        }
    }

    @Override
    public void close() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes what an interrupted run left half-written (only while holding the lock). */
    public void clearStaging() {
        deleteTree(stagingDir());
    }

    /** Committed wave numbers, ascending. */
    public List<Integer> committedWaves() {
        return waves(cellsDir());
    }

    /** The number the next wave gets: one more than any wave seen in cells, traces or staging. */
    public int nextWave() {
        int max = 0;
        for (Path p : List.of(cellsDir(), tracesDir(), deploymentsDir())) {
            for (int w : waves(p)) {
                max = Math.max(max, w);
            }
        }
        return max + 1;
    }

    private static List<Integer> waves(Path p) {
        List<Integer> out = new ArrayList<>();
        if (!Files.isDirectory(p)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
            for (Path c : ds) {
                Matcher m = WAVE.matcher(c.getFileName().toString());
                if (m.matches() && Files.isDirectory(c)) {
                    out.add(Integer.parseInt(m.group(1)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    static String waveName(int wave) {
        return String.format("wave=%05d", wave);
    }

    /** A wave without fleet evaluation. */
    public void commitWave(SparkSession spark, int wave, List<Row> cellRows, List<Row> traceRows) {
        commitWave(spark, wave, cellRows, traceRows, List.of());
    }

    /**
     * Writes one wave's rows under staging, then commits it: traces and deployments first, cells last (the
     * commit point). A wave without deployment rows writes no deployments folder.
     */
    public void commitWave(SparkSession spark, int wave, List<Row> cellRows, List<Row> traceRows,
                           List<Row> deploymentRows) {
        Path stage = stagingDir().resolve(waveName(wave));
        deleteTree(stage);
        try {
            write(spark, cellRows, ResultSchema.CELLS, stage.resolve("cells"));
            write(spark, traceRows, ResultSchema.TRACES, stage.resolve("traces"));
            if (!deploymentRows.isEmpty()) {
                write(spark, deploymentRows, ResultSchema.DEPLOYMENTS, stage.resolve("deployments"));
            }
        } catch (Exception e) { // Spark throws its checked SparkException from Scala code
            try {
                deleteTree(stage);
            } catch (RuntimeException ignored) {
                // the next run clears staging anyway
            }
            throw new WriteFailedException(dir + ": writing wave " + wave + " failed (" + rootMessage(e) + "); the "
                    + committedWaves().size() + " waves committed before it are intact; make room and rerun with --resume", e);
        }
        try {
            Files.createDirectories(tracesDir());
            Files.createDirectories(cellsDir());
            Files.move(stage.resolve("traces"), tracesDir().resolve(waveName(wave)), StandardCopyOption.ATOMIC_MOVE);
            if (!deploymentRows.isEmpty()) {
                Files.createDirectories(deploymentsDir());
                Files.move(stage.resolve("deployments"), deploymentsDir().resolve(waveName(wave)),
                        StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(stage.resolve("cells"), cellsDir().resolve(waveName(wave)), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new WriteFailedException(dir + ": committing wave " + wave + " failed (" + rootMessage(e)
                    + "); the waves committed before it are intact; rerun with --resume", e);
        }
        deleteTree(stage);
    }

    /**
     * Writes one made-up row of each table the way {@link #commitWave} does, into {@code _staging/warm-up}, and
     * removes it: the first Parquet write of a session sets up Spark's write path (3.4 s measured, with both
     * cores idle), so a run does this while its first wave computes. Nothing of it is ever committed or read;
     * a failure is ignored, as the real commit reports its own.
     */
    public void warmUpWriter(SparkSession spark, Row cellRow, Row traceRow) {
        Path scratch = stagingDir().resolve("warm-up");
        try {
            write(spark, List.of(cellRow), ResultSchema.CELLS, scratch.resolve("cells"));
            write(spark, List.of(traceRow), ResultSchema.TRACES, scratch.resolve("traces"));
        } catch (Exception e) { // Spark throws its checked SparkException from Scala code
            // the wave's own commit will meet the same problem and report it
        } finally {
            try {
                deleteTree(scratch);
            } catch (RuntimeException ignored) {
                // the next run clears staging anyway
            }
        }
    }

    private static void write(SparkSession spark, List<Row> rows, org.apache.spark.sql.types.StructType schema,
                              Path target) {
        // Local rows travel inside the write tasks: split them so that no task carries much more than ~2000 rows.
        int slices = Math.max(1, rows.size() / 2000);
        org.apache.spark.api.java.JavaSparkContext jsc = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(
                spark.sparkContext());
        spark.createDataFrame(jsc.parallelize(rows, slices), schema).write().partitionBy("method")
                .parquet(target.toUri().toString());
    }

    /**
     * Registers the views {@code cells_all}, {@code cells} (latest attempt per cell), {@code traces_all},
     * {@code traces}, {@code deployments_all} and {@code deployments} (the rows of the cells' latest attempts).
     */
    public void registerViews(SparkSession spark) {
        verifyFiles(cellsDir());
        verifyFiles(tracesDir());
        verifyFiles(deploymentsDir());
        Dataset<Row> cells = read(spark, cellsDir(), ResultSchema.CELLS);
        Dataset<Row> traces = read(spark, tracesDir(), ResultSchema.TRACES);
        cells.createOrReplaceTempView("cells_all");
        spark.sql(String.format(ResultSchema.LATEST_CELLS_SQL, "cells_all")).createOrReplaceTempView("cells");
        traces.createOrReplaceTempView("traces_all");
        spark.sql("SELECT t.* FROM traces_all t LEFT SEMI JOIN cells c ON t.attempt_id = c.attempt_id")
                .createOrReplaceTempView("traces");
        read(spark, deploymentsDir(), ResultSchema.DEPLOYMENTS).createOrReplaceTempView("deployments_all");
        spark.sql("SELECT d.* FROM deployments_all d LEFT SEMI JOIN cells c ON d.attempt_id = c.attempt_id")
                .createOrReplaceTempView("deployments");
    }

    private static Dataset<Row> read(SparkSession spark, Path p, org.apache.spark.sql.types.StructType schema) {
        if (waves(p).isEmpty()) {
            return spark.createDataFrame(List.of(), schema);
        }
        return spark.read().schema(schema).parquet(p.toUri().toString());
    }

    /**
     * Checks the framing of every committed Parquet file (leading and trailing magic, a footer that fits), so
     * that a truncated or overwritten file is named before Spark trips over it.
     *
     * @throws InputException naming the damaged file and the way out
     */
    void verifyFiles(Path table) {
        if (!Files.isDirectory(table)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(table)) {
            files = s.filter(f -> f.getFileName().toString().endsWith(".parquet")).sorted().toList();
        } catch (IOException e) {
            throw new InputException(table + ": cannot list the results: " + e.getMessage());
        }
        for (Path f : files) {
            String problem = parquetProblem(f);
            if (problem != null) {
                throw new InputException(f + " is damaged (" + problem + "); move it out of " + dir
                        + " and run `./submit.sh run JOB.json --out " + dir + " --resume` to recompute its cells");
            }
        }
    }

    private static String parquetProblem(Path f) {
        byte[] magic = {'P', 'A', 'R', '1'};
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 12) {
                return "only " + size + " bytes";
            }
            java.nio.ByteBuffer head = java.nio.ByteBuffer.allocate(4);
            ch.read(head, 0);
            java.nio.ByteBuffer tail = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            ch.read(tail, size - 8);
            if (!java.util.Arrays.equals(head.array(), magic)) {
                return "no Parquet header";
            }
            byte[] end = java.util.Arrays.copyOfRange(tail.array(), 4, 8);
            if (!java.util.Arrays.equals(end, magic)) {
                return "no Parquet footer: truncated?";
            }
            int footer = tail.getInt(0);
            if (footer <= 0 || footer > size - 12) {
                return "footer length " + footer + " does not fit in " + size + " bytes";
            }
            return null;
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(x);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + p + ": " + e.getMessage(), e);
        }
    }
}
