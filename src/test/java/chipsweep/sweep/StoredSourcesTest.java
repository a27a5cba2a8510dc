package chipsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chipsweep.SparkTestSession;
import chipsweep.chip.BuchelParams;
import chipsweep.train.BuchelSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shared trainings kept in a results folder ({@code _sources/}) and deployed again by a later run of the same build. */
class StoredSourcesTest {
    private static final BuchelSettings TINY = new BuchelSettings(12, 4, 1.05, BuchelParams.DEFAULTS, 0.05, 1, 1, 0.005, 1,
            1, 1e-3, 50, 1, 1, 1e-3, 10, 4, 2, 3);
    private static final Science SCIENCE = Science.defaults(7).withBuchel(new BuchelScience(TINY));
    private static final Cell MIMIC = new Cell("mismatch", 0.2, 8, Method.MIMIC, 1);

    @TempDir
    Path tmp;

    private static RunInfo run(String science, String version) {
        return new RunInfo("t", "temporal-xor", "t.json", "x", science, "", "d", version, "s", "buchel");
    }

    private static CellRunner.SourceTraining train(Cell source) {
        return new CellRunner(SCIENCE, new BuchelScience(TINY).data(), Clock.systemUTC()).trainSource(source);
    }

    @Test
    void aStoredTrainingReadsBackWholeOnlyForItsScienceBuildAndCell() {
        CellRunner.SourceTraining t = train(MIMIC.source());
        ResultsDir dir = ResultsDir.forRun(tmp.resolve("r").toString(), ResultsDir.hadoopConf());
        RunInfo clean = run("sci", "git:abc1234");
        StoredSources.write(dir, clean, t);
        CellRunner.SourceTraining back = StoredSources.read(dir, clean, MIMIC.source()).orElseThrow();
        assertEquals(t.cell(), back.cell());
        assertEquals(t.weights().length, back.weights().length);
        for (int i = 0; i < t.weights().length; i++) {
            assertArrayEquals(t.weights()[i], back.weights()[i], 0.0);
        }
        assertEquals(t.trace(), back.trace());
        assertEquals(t.figures(), back.figures());
        assertEquals(t.finalLoss(), back.finalLoss(), 0.0);
        assertEquals(Optional.empty(), StoredSources.read(dir, run("sci", "git:abc1235"), MIMIC.source()),
                "another build trains again");
        assertEquals(Optional.empty(), StoredSources.read(dir, run("other", "git:abc1234"), MIMIC.source()),
                "another science trains again");
        assertEquals(Optional.empty(), StoredSources.read(dir, clean,
                new Cell("mismatch", 0.0, 8, Method.MIMIC, 2)), "another seed's training is not this one");
        assertEquals(Optional.empty(), StoredSources.read(dir, run("sci", "git:abc1234-dirty"), MIMIC.source()),
                "a build with local changes never reuses");
    }

    @Test
    void aBuildWithLocalChangesStoresNothingAndAnUnreadableFileIsTrainedAgain() throws Exception {
        Path root = tmp.resolve("r");
        ResultsDir dir = ResultsDir.forRun(root.toString(), ResultsDir.hadoopConf());
        CellRunner.SourceTraining t = train(MIMIC.source());
        StoredSources.write(dir, run("sci", "git:abc1234-dirty"), t);
        StoredSources.write(dir, run("sci", "unknown"), t);
        assertFalse(Files.exists(root.resolve("_sources")), "nothing written");
        RunInfo clean = run("sci", "git:abc1234");
        StoredSources.write(dir, clean, t);
        Path file;
        try (var files = Files.list(root.resolve("_sources"))) {
            List<Path> all = files.filter(f -> !f.getFileName().toString().startsWith(".")).toList(); // not .crc
            assertEquals(1, all.size(), all.toString());
            file = all.get(0);
        }
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertEquals(Optional.empty(), StoredSources.read(dir, clean, MIMIC.source()), "cut short: trained again");
        Files.write(file, "not a training".getBytes(StandardCharsets.UTF_8));
        assertEquals(Optional.empty(), StoredSources.read(dir, clean, MIMIC.source()));
    }

    @Test
    void aLaterRunOfTheSameBuildDeploysTheStoredTrainingInsteadOfTrainingAgain() {
        SparkSession spark = SparkTestSession.get();
        String location = tmp.resolve("sweep").toString();
        RunInfo clean = run("sci", "git:abc1234");
        Cell first = new Cell("mismatch", 0.0, 8, Method.MIMIC, 1);
        String out1 = sweep(spark, location, clean, first);
        assertTrue(out1.contains("first 1 shared training"), out1);
        // stand a marked training in for the stored one: a run that deploys it has not trained again
        CellRunner.SourceTraining stored = train(first.source());
        try (ResultsDir dir = ResultsDir.forRun(location, ResultsDir.hadoopConf())) {
            StoredSources.write(dir, clean, new CellRunner.SourceTraining(stored.cell(), stored.weights(),
                    stored.chipSeeds(), 0, 0, stored.trace(), 42.0, stored.figures()));
        }
        String out2 = sweep(spark, location, clean, MIMIC);
        assertTrue(out2.contains("all 1 shared trainings") && out2.contains("kept in"), out2);
        ResultsDir.existing(location).registerViews(spark);
        Row r = spark.sql("SELECT final_loss, test_accuracy FROM cells WHERE sigma = 0.2").first();
        assertEquals(42.0, r.getDouble(0), 0.0, "the stored training was deployed");
        assertEquals(stored.figures().get("test_accuracy"), r.getDouble(1), 0.0);
    }

    @Test
    void eachSharedTrainingIsReportedWhenDoneWithAnEtaForTheRest() {
        String out = sweep(SparkTestSession.get(), tmp.resolve("two").toString(), run("sci", "git:abc1234"),
                new Cell("mismatch", 0.0, 8, Method.MIMIC, 1), new Cell("mismatch", 0.0, 8, Method.MIMIC_NO_FAST, 1));
        assertTrue(out.contains("first 2 shared trainings"), out);
        assertTrue(out.lines().filter(l -> l.contains("shared training 1/2 done")).anyMatch(l -> l.contains("ETA")), out);
        assertTrue(out.lines().filter(l -> l.contains("shared training 2/2 done")).noneMatch(l -> l.contains("ETA")), out);
    }

    @Test
    void aTrainingThatThrowsFailsTheCellsThatDeployItAndTheRunGoesOn() throws Exception {
        SparkSession spark = SparkTestSession.get();
        Path root = tmp.resolve("fault");
        System.setProperty(CellRunner.FAIL_PROPERTY, "mismatch s=0.0 n=8 mimic-no-fast seed=1");
        String out;
        try {
            out = sweep(spark, root.toString(), run("sci", "git:abc1234"), new Cell("mismatch", 0.0, 8, Method.MIMIC, 1),
                    new Cell("mismatch", 0.2, 8, Method.MIMIC_NO_FAST, 1));
        } finally {
            System.clearProperty(CellRunner.FAIL_PROPERTY);
        }
        assertTrue(out.contains("shared training mismatch s=0.0 n=8 mimic-no-fast seed=1 FAILED"), out);
        ResultsDir.existing(root.toString()).registerViews(spark);
        List<Row> rows = spark.sql("SELECT method, status, error FROM cells ORDER BY method").collectAsList();
        assertEquals(2, rows.size());
        assertEquals("OK", rows.get(0).getString(1));
        assertEquals("FAILED", rows.get(1).getString(1));
        assertTrue(rows.get(1).getString(2).contains("its shared training (mismatch s=0.0 n=8 mimic-no-fast seed=1)"
                + " failed") && rows.get(1).getString(2).contains("injected fault"), rows.get(1).getString(2));
        try (var files = Files.list(root.resolve("_sources"))) {
            assertEquals(1, files.filter(f -> !f.getFileName().toString().startsWith(".")).count(),
                    "the failed training is not stored");
        }
    }

    private static String sweep(SparkSession spark, String location, RunInfo run, Cell... cells) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ResultsDir dir = ResultsDir.forRun(location, spark)) {
            dir.lock();
            Progress p = new Progress(Clock.systemUTC(), new PrintStream(bytes, true, StandardCharsets.UTF_8),
                    Progress.Style.LINES, cells.length, 1, 2);
            new SparkSweep(spark, dir, SCIENCE, run, "run-" + System.nanoTime(), Clock.systemUTC())
                    .run(List.of(cells), new BuchelScience(TINY).data(), 4, p);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
