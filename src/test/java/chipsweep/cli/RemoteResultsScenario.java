package chipsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chipsweep.SparkTestSession;
import chipsweep.sweep.ResultsDir;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The storage scenario of docs/storage.md against a real filesystem server on loopback (HDFS, S3): a driver in
 * its own JVM runs a job of 16 short cells (the reliability suite's settings) in waves of {@code waveCells} into
 * {@code location}; once it has committed a wave, a second run on the same folder is refused (exit 3) and the
 * driver is killed with SIGKILL; {@code --resume} then finishes the job, and the committed table holds every cell
 * exactly once, equal to a run into a local folder.
 */
final class RemoteResultsScenario {
    static final String JOB_TEXT = """
            {"name": "storage", "dataset": {"path": "%s"}, "mh": {"iterations": 600, "burn_in": 200},
             "bp": {"epochs": 15},
             "experiments": [{"name": "grid", "distortion": ["mismatch"], "sigma": [0, 2], "train_size": [32],
                              "method": ["mh", "bp"], "seed": [0, 1, 2, 3]}]}
            """;
    static final int CELLS = 16;

    private final String location;
    private final Configuration conf;
    private final List<String> driverProperties;
    private final int waveCells;
    private String job;

    /**
     * @param driverProperties extra {@code -Dkey=value} options of the killed driver's JVM (the filesystem's
     *                         settings as {@code spark.hadoop.*})
     * @param waveCells        cells per wave: at least 2 waves, so that the kill finds one committed and one not
     */
    RemoteResultsScenario(String location, Configuration conf, List<String> driverProperties, int waveCells) {
        this.location = location;
        this.conf = conf;
        this.driverProperties = driverProperties;
        this.waveCells = waveCells;
    }

    static int run(StringWriter err, String... args) {
        return Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), args);
    }

    /** {@code run} of the job in a JVM of its own (local[1]), output to {@code log}. */
    Process startDriver(Path log) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-opens") || a.startsWith("-XX:+IgnoreUnrecognized") || a.startsWith("-Djdk.reflect")
                    || a.startsWith("-Dio.netty")) {
                cmd.add(a);
            }
        }
        cmd.add("-Xmx1g");
        cmd.add("-Dspark.master=local[1]");
        cmd.addAll(driverProperties);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "chipsweep.cli.Main", "run", job,
                "--out", location, "--wave-cells", String.valueOf(waveCells), "--no-report"));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Committed waves, counted by their markers. */
    int committedWaves() throws IOException {
        org.apache.hadoop.fs.Path commits = new org.apache.hadoop.fs.Path(location + "/_commits");
        FileSystem fs = commits.getFileSystem(conf);
        if (!fs.exists(commits)) {
            return 0;
        }
        int n = 0;
        for (FileStatus s : fs.listStatus(commits)) {
            n += s.getPath().getName().startsWith("wave=") ? 1 : 0;
        }
        return n;
    }

    /** cell_id -> "status,test_accuracy,train_accuracy" of the committed {@code cells} view. */
    static Map<String, String> table(String location) {
        SparkSession spark = SparkTestSession.get();
        ResultsDir.existing(location).registerViews(spark);
        Map<String, String> out = new TreeMap<>();
        for (Row r : spark.sql("SELECT cell_id, status, test_accuracy, train_accuracy FROM cells").collectAsList()) {
            out.put(r.getString(0), r.getString(1) + "," + r.get(2) + "," + r.get(3));
        }
        return out;
    }

    static long attempts(String location) {
        SparkSession spark = SparkTestSession.get();
        ResultsDir.existing(location).registerViews(spark);
        return spark.sql("SELECT count(*) FROM cells_all").first().getLong(0);
    }

    /** Runs the scenario; {@code local} is a fresh local folder for the reference run. */
    void killResumeAndCompare(Path local, Path driverLog) throws Exception {
        Path jobFile = driverLog.resolveSibling("storage.json");
        java.nio.file.Files.writeString(jobFile, String.format(JOB_TEXT, Path.of("datasets/wdbc.csv").toAbsolutePath()));
        job = jobFile.toString();
        Process driver = startDriver(driverLog);
        int atKill;
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (committedWaves() < 1) {
                assertTrue(driver.isAlive(), "the driver ended before committing a wave: " + tail(driverLog));
                assertTrue(System.nanoTime() < deadline, "no wave committed within 5 minutes: " + tail(driverLog));
                Thread.sleep(50);
            }
            StringWriter second = new StringWriter();
            int rc = run(second, "run", job, "--out", location, "--resume", "--no-report");
            assertTrue(driver.isAlive(), "the driver finished before the second writer was tried");
            assertEquals(ExitCodes.LOCKED, rc, "a second writer while the driver runs: " + second);
            assertTrue(second.toString().contains("another chipsweep run is writing here"), second.toString());
        } finally {
            driver.destroyForcibly();
            driver.waitFor();
        }
        atKill = committedWaves();
        int total = CELLS / waveCells;
        assertTrue(atKill >= 1 && atKill < total, "killed after " + atKill + " of " + total + " waves");
        Map<String, String> partial = table(location);
        assertEquals(atKill * waveCells, partial.size(), "the committed waves' cells, and nothing of the wave in flight");

        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.OK, run(err, "run", job, "--out", location, "--resume", "--no-report"),
                err.toString());
        assertTrue(err.toString().contains((atKill * waveCells) + " already OK"), err.toString());
        StringWriter ref = new StringWriter();
        assertEquals(ExitCodes.OK, run(ref, "run", job, "--out", local.toString(), "--no-report"),
                ref.toString());
        Map<String, String> expected = table(local.toString());
        assertEquals(CELLS, expected.size());
        assertEquals(expected, table(location), "the resumed remote run equals the local run, cell by cell");
        assertEquals(CELLS, attempts(location), "every cell once: no committed wave recomputed, no half wave kept");
        for (String committed : partial.keySet()) {
            assertTrue(expected.containsKey(committed));
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(log).stream()
                    .filter(l -> !l.strip().startsWith("at ") && !l.strip().startsWith("...")).toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
