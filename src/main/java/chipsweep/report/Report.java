package chipsweep.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Builds a results folder's report from the views {@code cells} (one row per cell, its latest attempt) and
 * {@code traces}: {@code index.html} (self-contained: inline CSS, figures beside it), {@code summary.md},
 * {@code summary.csv}, and the figures as PNG and SVG. Partial grids still give a report: what cannot be
 * computed says why.
 *
 * <p>Example: {@code ReportSummary s = Report.write(spark, dir.resolve("report"), context);}
 *
 * <p>Thread-safety: stateless; one report at a time per output folder.
 */
public final class Report {
    private Report() {
    }

    /** What a report wrote: its files and the claims rows. */
    public record ReportSummary(Path dir, List<Path> files, List<Claims.Row> claims) {
        /** The claims as a Markdown table (printed at the end of a run). */
        public String claimsMarkdown() {
            return Pages.claimsMarkdown(claims);
        }
    }

    public static ReportSummary write(SparkSession spark, Path reportDir, ReportContext context) {
        ReportContext ctx = context;
        try {
            Files.createDirectories(reportDir);
            // The queries are independent and each spends most of its time planning and listing files on the
            // driver: run side by side, they took the report from 8.1 s to 6.4 s inside a safa2024 run.
            ExecutorService pool = Executors.newFixedThreadPool(11 + Figures.TRACE_SPECS.size(), r -> {
                Thread t = new Thread(r, "chipsweep-report");
                t.setDaemon(true);
                return t;
            });
            List<Aggregates.Row> agg;
            List<Aggregates.Seed> seeds;
            Pages.Provenance provenance;
            List<Deployments.Group> deployments;
            Map<Integer, Map<String, Map<Integer, double[]>>> bisnn;
            Map<Integer, Map<String, BisnnFigures.Pooled>> bisnnFigures;
            List<BuchelClaims.Cell> buchel;
            BuchelFigures.Data buchelFigures;
            List<Collapse.Group> collapse;
            List<Collapse.Trace> collapseTraces;
            BinaryChip.Data binaryChip;
            Map<String, Map<String, double[][]>> curves = new LinkedHashMap<>();
            try {
                Future<List<Aggregates.Row>> aggF = pool.submit(() -> Aggregates.compute(spark));
                Future<List<Aggregates.Seed>> seedsF = pool.submit(() -> Aggregates.seeds(spark));
                Future<Pages.Provenance> provF = pool.submit(() -> provenance(spark, context));
                Future<List<Deployments.Group>> depF = pool.submit(() -> Deployments.compute(spark));
                Future<Double> floorF = pool.submit(() -> floor(spark, context.majorityFloor()));
                Future<Map<String, Double>> floorsF = pool.submit(() -> floors(spark));
                Future<Map<Integer, Map<String, Map<Integer, double[]>>>> bisnnF = pool.submit(() -> BisnnClaims.cells(spark));
                Future<Map<Integer, Map<String, BisnnFigures.Pooled>>> bisnnFigF = pool.submit(
                        () -> BisnnFigures.compute(spark));
                Future<List<BuchelClaims.Cell>> buchelF = pool.submit(() -> BuchelClaims.cells(spark));
                Future<BuchelFigures.Data> buchelFigF = pool.submit(() -> BuchelFigures.compute(spark));
                Future<List<Collapse.Group>> colF = pool.submit(() -> Collapse.compute(spark, context.majorityFloor()));
                Future<List<Collapse.Trace>> colTraceF = pool.submit(() -> Collapse.traces(spark));
                Future<BinaryChip.Data> binF = pool.submit(() -> BinaryChip.compute(spark));
                Map<String, Future<Map<String, double[][]>>> curveF = new LinkedHashMap<>();
                for (String[] spec : Figures.TRACE_SPECS) {
                    curveF.put(spec[0], pool.submit(() -> Figures.traceCurves(spark, spec[0], spec[1])));
                }
                agg = get(aggF);
                seeds = get(seedsF);
                provenance = get(provF);
                // Büchel cells score on chip draws of their own section: no own-chip vs fleet question there
                deployments = get(depF).stream().filter(g -> !buchelMethod(g.method())).toList();
                bisnn = get(bisnnF);
                bisnnFigures = get(bisnnFigF);
                buchel = get(buchelF);
                buchelFigures = get(buchelFigF);
                ctx = new ReportContext(ctx.jobName(), ctx.resolvedJobJson(), ctx.effectiveAccuracy(), get(floorF),
                        get(floorsF));
                collapse = get(colF);
                collapseTraces = get(colTraceF);
                binaryChip = get(binF);
                for (Map.Entry<String, Future<Map<String, double[][]>>> e : curveF.entrySet()) {
                    curves.put(e.getKey(), get(e.getValue()));
                }
            } finally {
                pool.shutdownNow();
            }
            boolean ownModel = !bisnn.isEmpty() || !buchel.isEmpty();
            List<Claims.Row> claims = new ArrayList<>(!ownModel || agg.stream().anyMatch(r -> !bisnnMethod(r.method())
                    && !buchelMethod(r.method())) ? Claims.check(agg, seeds, ctx.effectiveAccuracy()) : List.of());
            claims.addAll(BisnnClaims.check(bisnn));
            claims.addAll(BuchelClaims.check(buchel));
            Map<String, List<Deployments.Group>> deploymentTasks = new java.util.TreeMap<>();
            deployments.forEach(g -> deploymentTasks.computeIfAbsent(g.dataset(), k -> new ArrayList<>()).add(g));
            for (Map.Entry<String, List<Deployments.Group>> t : deploymentTasks.entrySet()) {
                for (Claims.Row r : Deployments.claims(t.getValue())) {
                    claims.add(deploymentTasks.size() == 1 ? r : new Claims.Row(t.getKey() + ": " + r.claim(), r.paper(),
                            r.measured(), r.ci(), r.verdict(), r.note()));
                }
            }
            claims.addAll(BinaryChip.claims(binaryChip));
            // a Büchel cell's test_accuracy is the ideal chip's, the same at every sigma: its accuracy against sigma
            // is over the chip draws, in BuchelFigures, and a generic figure of its ideal accuracy would show flat lines
            List<Aggregates.Row> generic = agg.stream().filter(r -> !buchelMethod(r.method())).toList();
            List<Figures.Figure> figures = new ArrayList<>(Figures.draw(generic, seeds, ctx, reportDir, curves));
            for (Map.Entry<String, List<Deployments.Group>> t : deploymentTasks.entrySet()) {
                figures.addAll(Deployments.draw(t.getValue(), reportDir, ctx.floor(t.getKey()), t.getKey(),
                        deploymentTasks.size() == 1 ? "" : "-" + Format.slug(t.getKey())));
            }
            figures.addAll(BisnnFigures.draw(bisnnFigures, reportDir));
            figures.addAll(BuchelFigures.draw(buchelFigures, reportDir));
            figures.addAll(Collapse.draw(collapseTraces, reportDir));
            figures.addAll(BinaryChip.draw(binaryChip, reportDir));
            List<Path> files = new ArrayList<>();
            files.add(write(reportDir.resolve("summary.csv"), Pages.csv(agg)));
            files.add(write(reportDir.resolve("summary.md"), Pages.markdown(ctx, agg, claims)));
            files.add(write(reportDir.resolve("index.html"), Pages.html(ctx, agg, claims, figures, provenance,
                    Deployments.html(deployments) + BinaryChip.html(binaryChip) + Collapse.html(collapse))));
            for (Figures.Figure f : figures) {
                files.add(reportDir.resolve(f.file() + ".png"));
                files.add(reportDir.resolve(f.file() + ".svg"));
            }
            removeStaleFigures(reportDir, files);
            return new ReportSummary(reportDir, files, claims);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + reportDir + ": " + e.getMessage(), e);
        }
    }

    private static boolean bisnnMethod(String label) {
        return label.startsWith("fp") || label.startsWith("st") || label.startsWith("bayes");
    }

    private static boolean buchelMethod(String label) {
        return label.startsWith("mimic") || label.startsWith("bptt");
    }

    /** The future's value; what it threw, unwrapped (so that a query's error reads as if run here). */
    private static <T> T get(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the report", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Deletes the figures (PNG and SVG) of an earlier report in {@code dir} that this one did not draw, so that the
     * folder holds what index.html shows; other files stay.
     */
    private static void removeStaleFigures(Path dir, List<Path> written) throws IOException {
        java.util.Set<Path> keep = new java.util.HashSet<>(written);
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if ((name.endsWith(".png") || name.endsWith(".svg")) && !keep.contains(f) && Files.isRegularFile(f)) {
                    Files.delete(f);
                }
            }
        }
    }

    private static Path write(Path p, String text) throws IOException {
        Path tmp = p.resolveSibling(p.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return p;
    }

    /**
     * The chance floor of the cells' task: the mean share of the most frequent test label the cells stored
     * ({@code floor_accuracy}: 62.6% for WDBC, about 10% for the digit sets), or {@code otherwise} for results
     * written before cells stored it.
     */
    /** Each data set's chance floor: the mean of its cells' stored floors (cells that store one). */
    private static Map<String, Double> floors(SparkSession spark) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Row r : spark.sql("SELECT dataset, avg(floor_accuracy) FROM cells WHERE floor_accuracy > 0"
                + " GROUP BY dataset").collectAsList()) {
            out.put(r.getString(0), r.getDouble(1));
        }
        return out;
    }

    private static double floor(SparkSession spark, double otherwise) {
        Row r = spark.sql("SELECT avg(floor_accuracy) FROM cells WHERE floor_accuracy > 0").first();
        return r.isNullAt(0) ? otherwise : r.getDouble(0);
    }

    private static Pages.Provenance provenance(SparkSession spark, ReportContext ctx) {
        List<String[]> items = new ArrayList<>();
        items.add(new String[] {"job", ctx.jobName()});
        Row p = spark.sql("SELECT count(*), count_if(status = 'OK'), count_if(status = 'FAILED'),"
                + " concat_ws(', ', sort_array(collect_set(provenance.code_version))),"
                + " concat_ws(', ', sort_array(collect_set(provenance.spark_version))),"
                + " concat_ws(', ', sort_array(collect_set(provenance.java_version))),"
                + " concat_ws(', ', sort_array(collect_set(provenance.job_file_sha256))),"
                + " concat_ws(', ', sort_array(collect_set(provenance.dataset_sha256))),"
                + " CAST(min(provenance.start_time) AS STRING), CAST(max(provenance.end_time) AS STRING),"
                + " sum(wall_seconds), concat_ws(', ', sort_array(collect_set(executor_host))),"
                + " first(provenance.job_file, true)"
                + " FROM cells").first();
        items.add(new String[] {"job file", p.isNullAt(12) ? Format.MISSING : p.getString(12)});
        items.add(new String[] {"cells", p.getLong(0) + " (" + p.getLong(1) + " OK, " + p.getLong(2) + " FAILED)"});
        String[] labels = {"code version", "Spark version", "Java version", "job file sha256", "data sha256 (content)",
                "first cell started (UTC)", "last cell ended (UTC)"};
        for (int i = 0; i < labels.length; i++) {
            items.add(new String[] {labels[i], p.isNullAt(3 + i) || p.get(3 + i).toString().isEmpty() ? Format.MISSING
                    : p.get(3 + i).toString()});
        }
        items.add(new String[] {"sum of cell times", p.isNullAt(10) ? Format.MISSING : String.format("%.1f s", p.getDouble(10))});
        items.add(new String[] {"executor hosts", p.isNullAt(11) ? Format.MISSING : p.getString(11)});
        List<String[]> failed = new ArrayList<>();
        for (Row r : spark.sql("SELECT distortion, sigma, train_size, method, seed, cell_id, error FROM cells"
                + " WHERE status = 'FAILED' ORDER BY distortion, sigma, train_size, method, seed").collectAsList()) {
            failed.add(new String[] {r.getString(0) + " sigma " + Format.number(r.getDouble(1)) + " n " + r.getInt(2) + " "
                    + r.getString(3) + " seed " + r.getInt(4) + " (" + r.getString(5) + ")", r.isNullAt(6) ? Format.MISSING : r.getString(6)});
        }
        return new Pages.Provenance(items, failed);
    }
}
