package chipsweep.sweep;

import chipsweep.InputException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * A results folder on any Hadoop filesystem ({@code file:} or a plain path, {@code hdfs://}, {@code s3a://}, ...):
 * <pre>
 *   job.json                      the resolved job as run (every setting explicit)
 *   cells/wave=NNNNN/method=M/    Parquet, one row per cell attempt, committed wave by wave
 *   traces/wave=NNNNN/method=M/   Parquet, MH chain traces and BP learning curves
 *   deployments/wave=NNNNN/method=M/  Parquet, each cell's deployed weights on the family chips (fleet evaluation)
 *   _commits/wave=NNNNN           one small object per committed wave: the commit point
 *   report/                       the report
 *   _staging/                     a wave being written (invisible to readers; removed on the next run)
 *   _sources/ID.bin               each shared training (Cell#source) the runs here trained, kept so that a resume
 *                                 does not train it again ({@link SparkSweep})
 *   .lock                         held by the run writing here ({@link WriterLock})
 * </pre>
 * A wave is written in full under {@code _staging/}, renamed into {@code traces/}, {@code deployments/} and
 * {@code cells/}, and then committed by creating its marker {@code _commits/wave=N}. Readers see only the waves
 * that have a marker, so the commit is atomic wherever creating one small file is, which every Hadoop filesystem
 * guarantees. On a local disk and on HDFS the renames are atomic too, so a listing of {@code cells/} also holds
 * committed waves only; on an object store, where a rename is a copy and a delete per file, the wave is written
 * straight into the tables' {@code wave=N} folders instead, invisible to readers until its marker exists. Killing the driver therefore loses
 * at most the wave in flight, never a committed row; the next run removes what it left. The {@code cells} view
 * keeps each cell's latest attempt, so a cell rerun in a later wave replaces, but does not delete, its earlier row.
 *
 * <p>A folder written by release 0.1.0 (java.nio, no {@code _commits/}) is read as it is: each of its
 * {@code cells/wave=N} folders was committed by an atomic rename. The first run into it writes the markers of
 * those waves (all at once, by renaming a prepared {@code _commits} folder), and from then on it is read by marker.
 *
 * <p>Thread-safety: one instance per driver; not shared.
 */
public final class ResultsDir implements AutoCloseable {
    private static final Pattern WAVE = Pattern.compile("wave=(\\d+)");
    private static final List<String> TABLES = List.of("cells", "traces", "deployments");

    private final FileSystem fs;
    private final Path root;
    private final String display;
    private WriterLock lock;

    private ResultsDir(FileSystem fs, Path root, String display) {
        this.fs = fs;
        this.root = root;
        this.display = display;
    }

    /**
     * The Hadoop configuration of a process that has no SparkSession yet: Hadoop's defaults and site files plus
     * every {@code spark.hadoop.*} setting passed to Spark (as {@code --conf} under spark-submit), so that the
     * folder is opened the way Spark will open it.
     */
    public static Configuration hadoopConf() {
        Configuration conf = new Configuration();
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("spark.hadoop."))
                .forEach(k -> conf.set(k.substring("spark.hadoop.".length()), System.getProperty(k)));
        return conf;
    }

    private static ResultsDir open(String location, Configuration conf) {
        try {
            Path p = new Path(location);
            FileSystem fs = p.getFileSystem(conf);
            return new ResultsDir(fs, fs.makeQualified(p), location);
        } catch (IOException | IllegalArgumentException e) {
            throw new InputException(location + ": cannot open this results location (" + rootMessage(e)
                    + "); give a folder path or a URI such as hdfs://HOST:PORT/path or s3a://BUCKET/path");
        }
    }

    /** A folder to run into (created if needed), on the filesystem its URI names, configured as {@code spark}. */
    public static ResultsDir forRun(String location, SparkSession spark) {
        return forRun(location, spark.sparkContext().hadoopConfiguration());
    }

    /** A folder to run into (created if needed). */
    public static ResultsDir forRun(String location, Configuration conf) {
        ResultsDir r = open(location, conf);
        try {
            if (r.fs.exists(r.root) && !r.fs.getFileStatus(r.root).isDirectory()) {
                throw new InputException(location + ": --out must be a folder, but is a file");
            }
            r.fs.mkdirs(r.root);
        } catch (IOException e) {
            throw new InputException(location + ": cannot create the results folder: " + rootMessage(e));
        }
        return r;
    }

    /** An existing results folder, for {@code sql} and {@code report}, opened before Spark starts. */
    public static ResultsDir existing(String location) {
        return existing(location, hadoopConf());
    }

    /** An existing results folder, for {@code sql} and {@code report}. */
    public static ResultsDir existing(String location, Configuration conf) {
        ResultsDir r = open(location, conf);
        try {
            if (!r.fs.exists(r.root) || !r.fs.getFileStatus(r.root).isDirectory()) {
                throw new InputException(location + ": not a results folder (it does not exist)");
            }
            if (!r.fs.exists(r.file("job.json")) && !r.fs.exists(r.file("cells"))) {
                throw new InputException(location + ": not a results folder (no job.json and no cells/); "
                        + "give the folder a run wrote, e.g. results/<job>");
            }
        } catch (IOException e) {
            throw new InputException(location + ": cannot read the results folder: " + rootMessage(e));
        }
        return r;
    }

    /** The location as the user gave it. */
    public String location() {
        return display;
    }

    /** The folder's last name (the job's name by default). */
    public String name() {
        return root.getName();
    }

    private Path file(String name) {
        return new Path(root, name);
    }

    /** How a file of the folder is shown in messages: a plain path on a local disk, else its URI. */
    String show(Path p) {
        return "file".equals(p.toUri().getScheme()) ? p.toUri().getPath() : p.toString();
    }

    public String jobJsonLocation() {
        return show(file("job.json"));
    }

    public String cellsLocation() {
        return show(file("cells"));
    }

    private Path commitsDir() {
        return file("_commits");
    }

    private Path stagingDir() {
        return file("_staging");
    }

    /**
     * Whether renaming a folder is one atomic, cheap operation here (a local disk, HDFS): then a wave is staged
     * and renamed into place; elsewhere (object stores) it is written in place and only its marker commits it.
     */
    private boolean atomicRename() {
        String scheme = root.toUri().getScheme();
        return "file".equals(scheme) || "hdfs".equals(scheme) || "viewfs".equals(scheme);
    }

    /** The text of {@code job.json}, if there is one. */
    public Optional<String> readJobJson() {
        try (FSDataInputStream in = fs.open(file("job.json"))) {
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (FileNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jobJsonLocation() + ": " + e.getMessage(), e);
        }
    }

    /** Replaces {@code job.json} at once (written aside, then renamed over it). */
    public void writeJobJson(String text) {
        replace(file("job.json"), text.getBytes(StandardCharsets.UTF_8));
    }

    /** The bytes of the shared training stored as {@code _sources/NAME}, if there is one. */
    public Optional<byte[]> readSource(String name) {
        Path p = new Path(file("_sources"), name);
        try (FSDataInputStream in = fs.open(p)) {
            return Optional.of(in.readAllBytes());
        } catch (FileNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + show(p) + ": " + e.getMessage(), e);
        }
    }

    /** Stores a shared training as {@code _sources/NAME}, at once (written aside, then renamed over it). */
    public void writeSource(String name, byte[] bytes) {
        replace(new Path(file("_sources"), name), bytes);
    }

    private void replace(Path target, byte[] bytes) {
        Path tmp = new Path(target.getParent(), target.getName() + ".tmp");
        try {
            try (FSDataOutputStream out = fs.create(tmp, true)) {
                out.write(bytes);
            }
            FileContext.getFileContext(fs.getUri(), fs.getConf()).rename(tmp, target, Options.Rename.OVERWRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + show(target) + ": " + e.getMessage(), e);
        }
    }

    /** Where the report is written: the folder's {@code report/} on a local disk, else a local scratch folder. */
    public java.nio.file.Path localReportDir() {
        if ("file".equals(root.toUri().getScheme())) {
            return java.nio.file.Path.of(file("report").toUri());
        }
        try {
            return java.nio.file.Files.createTempDirectory("chipsweep-report");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Puts a report written to {@link #localReportDir} in the folder's {@code report/} (a copy, unless it is
     * already there) and returns where its {@code index.html} is.
     */
    public String publishReport(java.nio.file.Path local) {
        Path target = file("report");
        if (!"file".equals(root.toUri().getScheme())) {
            try {
                fs.delete(target, true);
                fs.copyFromLocalFile(true, true, new Path(local.toUri()), target);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy the report to " + show(target) + ": " + e.getMessage(), e);
            }
        }
        return show(new Path(target, "index.html"));
    }

    /**
     * Takes the folder's lock, held until {@link #close}, and upgrades a folder written by release 0.1.0 to
     * commit markers (see the class comment).
     *
     * @throws LockedException if another run holds it
     */
    public void lock() {
        lock = WriterLock.take(fs, root, display);
        try {
            List<Integer> legacy = fs.exists(commitsDir()) ? List.of() : waveDirs(file("cells"));
            if (!legacy.isEmpty()) {
                Path prepared = file("_commits.migrating");
                fs.delete(prepared, true);
                for (int w : legacy) {
                    mark(new Path(prepared, waveName(w)), "migrated from a folder without commit markers\n");
                }
                if (!fs.rename(prepared, commitsDir())) {
                    throw new IOException("cannot rename " + show(prepared) + " to " + show(commitsDir()));
                }
            }
            fs.mkdirs(commitsDir());
        } catch (IOException e) {
            throw new InputException(display + ": cannot prepare the results folder: " + rootMessage(e));
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
        if (lock != null) {
            lock.close();
            lock = null;
        }
    }

    /**
     * Removes what an interrupted run left half-written (only while holding the lock): the staging folder and
     * any wave folder of a table whose wave has no commit marker.
     */
    public void clearStaging() {
        delete(stagingDir());
        TreeSet<Integer> committed = new TreeSet<>(committedWaves());
        for (String t : TABLES) {
            for (int w : waveDirs(file(t))) {
                if (!committed.contains(w)) {
                    delete(new Path(file(t), waveName(w)));
                }
            }
        }
    }

    /** Committed wave numbers, ascending: those with a marker, or in a 0.1.0 folder every {@code cells} wave. */
    public List<Integer> committedWaves() {
        try {
            if (!fs.exists(commitsDir())) {
                return waveDirs(file("cells"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return waveDirs(commitsDir());
    }

    /** The number the next wave gets: one more than any wave seen in any table, marker or staging. */
    public int nextWave() {
        int max = 0;
        for (String t : List.of("cells", "traces", "deployments", "_commits", "_staging")) {
            for (int w : waveDirs(file(t))) {
                max = Math.max(max, w);
            }
        }
        return max + 1;
    }

    /** The wave numbers named by the entries of {@code p}, ascending. */
    private List<Integer> waveDirs(Path p) {
        TreeSet<Integer> out = new TreeSet<>();
        try {
            for (FileStatus s : fs.listStatus(p)) {
                Matcher m = WAVE.matcher(s.getPath().getName());
                if (m.matches()) {
                    out.add(Integer.parseInt(m.group(1)));
                }
            }
        } catch (FileNotFoundException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + show(p) + ": " + e.getMessage(), e);
        }
        return new ArrayList<>(out);
    }

    static String waveName(int wave) {
        return String.format("wave=%05d", wave);
    }

    /** A wave without fleet evaluation. */
    public void commitWave(SparkSession spark, int wave, List<Row> cellRows, List<Row> traceRows) {
        commitWave(spark, wave, cellRows, traceRows, List.of());
    }

    /**
     * Writes one wave's rows under staging and moves them into the tables (traces and deployments first, cells
     * last), or on an object store writes them in place, and commits the wave by creating its marker. A wave
     * without deployment rows writes no deployments folder.
     */
    public void commitWave(SparkSession spark, int wave, List<Row> cellRows, List<Row> traceRows,
                           List<Row> deploymentRows) {
        boolean staged = atomicRename();
        Path stage = new Path(stagingDir(), waveName(wave));
        java.util.function.Function<String, Path> target = t -> staged ? new Path(stage, t)
                : new Path(file(t), waveName(wave));
        List<String> tables = deploymentRows.isEmpty() ? List.of("traces", "cells")
                : List.of("traces", "deployments", "cells");
        tables.forEach(t -> delete(target.apply(t)));
        try {
            write(spark, cellRows, ResultSchema.CELLS, target.apply("cells"));
            write(spark, traceRows, ResultSchema.TRACES, target.apply("traces"));
            if (!deploymentRows.isEmpty()) {
                write(spark, deploymentRows, ResultSchema.DEPLOYMENTS, target.apply("deployments"));
            }
        } catch (Exception e) { // Spark throws its checked SparkException from Scala code
            try {
                tables.forEach(t -> delete(target.apply(t)));
            } catch (RuntimeException ignored) {
                // the next run clears what is left anyway
            }
            throw new WriteFailedException(display + ": writing wave " + wave + " failed (" + rootMessage(e) + "); the "
                    + committedWaves().size() + " waves committed before it are intact; make room and rerun with --resume", e);
        }
        try {
            if (staged) {
                for (String t : tables) { // traces and deployments first, cells last
                    move(new Path(stage, t), t, wave);
                }
            }
            if (lock != null) {
                lock.verifyHeld();
            }
            mark(new Path(commitsDir(), waveName(wave)), "cells " + cellRows.size() + "\ntraces " + traceRows.size()
                    + "\ndeployments " + deploymentRows.size() + "\n");
        } catch (IOException e) {
            throw new WriteFailedException(display + ": committing wave " + wave + " failed (" + rootMessage(e)
                    + "); the waves committed before it are intact; rerun with --resume", e);
        }
        if (staged) {
            delete(stage);
        }
    }

    private void move(Path from, String table, int wave) throws IOException {
        Path dir = file(table);
        fs.mkdirs(dir);
        Path to = new Path(dir, waveName(wave));
        if (!fs.rename(from, to)) {
            throw new IOException("cannot rename " + show(from) + " to " + show(to));
        }
    }

    /** Creates a commit marker; it must not exist (a second writer committing the same wave fails here). */
    private void mark(Path marker, String text) throws IOException {
        try (FSDataOutputStream out = fs.create(marker, false)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Writes one made-up row of each table the way {@link #commitWave} does, into {@code _staging/warm-up}, and
     * removes it: the first Parquet write of a session sets up Spark's write path (3.4 s measured, with both
     * cores idle), so a run does this while its first wave computes. Nothing of it is ever committed or read;
     * a failure is ignored, as the real commit reports its own. Skipped on object stores.
     */
    public void warmUpWriter(SparkSession spark, Row cellRow, Row traceRow) {
        if (!atomicRename()) {
            return; // on an object store a scratch write costs as many requests as the wave's own
        }
        Path scratch = new Path(stagingDir(), "warm-up");
        try {
            write(spark, List.of(cellRow), ResultSchema.CELLS, new Path(scratch, "cells"));
            write(spark, List.of(traceRow), ResultSchema.TRACES, new Path(scratch, "traces"));
        } catch (Exception e) { // Spark throws its checked SparkException from Scala code
            // the wave's own commit will meet the same problem and report it
        } finally {
            try {
                delete(scratch);
            } catch (RuntimeException ignored) {
                // the next run clears staging anyway
            }
        }
    }

    private static void write(SparkSession spark, List<Row> rows, StructType schema, Path target) {
        // Local rows travel inside the write tasks: split them so that no task carries much more than ~2000 rows.
        int slices = Math.max(1, rows.size() / 2000);
        org.apache.spark.api.java.JavaSparkContext jsc = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(
                spark.sparkContext());
        spark.createDataFrame(jsc.parallelize(rows, slices), schema).write().partitionBy("method")
                .parquet(target.toString());
    }

    /**
     * Registers the views {@code cells_all}, {@code cells} (latest attempt per cell), {@code traces_all},
     * {@code traces}, {@code deployments_all} and {@code deployments} (the rows of the cells' latest attempts),
     * over the committed waves only.
     */
    public void registerViews(SparkSession spark) {
        List<Integer> committed = committedWaves();
        for (String t : TABLES) {
            verifyFiles(t, committed);
        }
        read(spark, "cells", ResultSchema.CELLS, committed).createOrReplaceTempView("cells_all");
        spark.sql(String.format(ResultSchema.LATEST_CELLS_SQL, "cells_all")).createOrReplaceTempView("cells");
        read(spark, "traces", ResultSchema.TRACES, committed).createOrReplaceTempView("traces_all");
        spark.sql("SELECT t.* FROM traces_all t LEFT SEMI JOIN cells c ON t.attempt_id = c.attempt_id")
                .createOrReplaceTempView("traces");
        read(spark, "deployments", ResultSchema.DEPLOYMENTS, committed).createOrReplaceTempView("deployments_all");
        spark.sql("SELECT d.* FROM deployments_all d LEFT SEMI JOIN cells c ON d.attempt_id = c.attempt_id")
                .createOrReplaceTempView("deployments");
    }

    /** The folders of {@code table} that belong to committed waves. */
    private List<Path> committedDirs(String table, List<Integer> committed) {
        TreeSet<Integer> present = new TreeSet<>(waveDirs(file(table)));
        List<Path> out = new ArrayList<>();
        for (int w : committed) {
            if (present.contains(w)) {
                out.add(new Path(file(table), waveName(w)));
            }
        }
        return out;
    }

    private Dataset<Row> read(SparkSession spark, String table, StructType schema, List<Integer> committed) {
        List<Path> dirs = committedDirs(table, committed);
        if (dirs.isEmpty()) {
            return spark.createDataFrame(List.of(), schema);
        }
        return spark.read().schema(schema).option("basePath", file(table).toString())
                .parquet(dirs.stream().map(Path::toString).toArray(String[]::new));
    }

    /**
     * Checks the framing of every committed Parquet file of {@code table} ({@link ParquetFraming}), so that a
     * truncated or overwritten file is named before Spark trips over it.
     *
     * @throws InputException naming the damaged file and the way out
     */
    private void verifyFiles(String table, List<Integer> committed) {
        List<LocatedFileStatus> files = new ArrayList<>();
        try {
            for (Path dir : committedDirs(table, committed)) {
                RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
                while (it.hasNext()) {
                    LocatedFileStatus s = it.next();
                    if (s.getPath().getName().endsWith(".parquet")) {
                        files.add(s);
                    }
                }
            }
        } catch (IOException e) {
            throw new InputException(show(file(table)) + ": cannot list the results: " + e.getMessage());
        }
        for (LocatedFileStatus f : files) {
            String problem = ParquetFraming.problem(fs, f.getPath(), f.getLen());
            if (problem != null) {
                throw new InputException(show(f.getPath()) + " is damaged (" + problem + "); move it out of " + display
                        + " and run `./submit.sh run JOB.json --out " + display + " --resume` to recompute its cells");
            }
        }
    }

    private void delete(Path p) {
        try {
            fs.delete(p, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + show(p) + ": " + e.getMessage(), e);
        }
    }
}
