package chipsweep.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The cost of committing one wave, measured in one JVM and one sitting for each way of storing results (the
 * storage decision of docs/storage.md):
 * <ul>
 *   <li>{@code nio-0.1.0}: release 0.1.0's protocol (java.nio: Parquet into {@code _staging/}, then atomic renames
 *       into {@code traces/wave=N} and {@code cells/wave=N}), restated here so that it can be timed after the
 *       release's code is gone;</li>
 *   <li>{@code hadoop-fs}: {@link ResultsDir#commitWave}, the same protocol on the Hadoop FileSystem API with a
 *       commit marker;</li>
 *   <li>{@code delta}: an append of the same rows to a Delta table {@code cells} and one {@code traces} (two
 *       commits: Delta has no multi-table transaction);</li>
 *   <li>{@code iceberg}: the same as Iceberg appends through a Hadoop catalog.</li>
 * </ul>
 * The rows are one real wave: wave 1 of a results folder given as the first argument (e.g. a safa2024 run). The
 * variants take turns, in a rotating order, for {@code reps} rounds after {@code warm} unmeasured ones; each
 * prints its median, min and max in milliseconds.
 *
 * <pre>
 *   mvn -B -Pstorage-bench compile exec:exec -Dbench.args="/tmp/safa-results 15 3"
 * </pre>
 */
public final class WaveCommitBench {
    private WaveCommitBench() {
    }

    public static void main(String[] args) throws Exception {
        Path source = Path.of(args[0]);
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int warm = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path work = Files.createTempDirectory("wave-commit-bench");
        SparkSession spark = SparkSession.builder().appName("wave commit bench").master("local[2]")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension,"
                        + "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .config("spark.sql.catalog.ice", "org.apache.iceberg.spark.SparkCatalog")
                .config("spark.sql.catalog.ice.type", "hadoop")
                .config("spark.sql.catalog.ice.warehouse", work.resolve("iceberg").toUri().toString())
                .getOrCreate();
        List<Row> cells = wave1(spark, source, "cells", ResultSchema.CELLS);
        List<Row> traces = wave1(spark, source, "traces", ResultSchema.TRACES);
        System.out.printf("one wave: %d cell rows, %d trace rows, local[2]%n", cells.size(), traces.size());

        frame(spark, List.of(), ResultSchema.CELLS).writeTo("ice.db.cells").using("iceberg")
                .partitionedBy(org.apache.spark.sql.functions.col("method")).create();
        frame(spark, List.of(), ResultSchema.TRACES).writeTo("ice.db.traces").using("iceberg")
                .partitionedBy(org.apache.spark.sql.functions.col("method")).create();

        ResultsDir hadoopFs = ResultsDir.forRun(work.resolve("hadoop-fs").toUri().toString(), spark);
        hadoopFs.lock();
        Map<String, Variant> variants = new LinkedHashMap<>();
        variants.put("nio-0.1.0", w -> nioCommit(spark, work.resolve("nio"), w, cells, traces));
        variants.put("hadoop-fs", w -> hadoopFs.commitWave(spark, w, cells, traces));
        variants.put("delta", w -> {
            deltaAppend(frame(spark, traces, ResultSchema.TRACES), work.resolve("delta/traces"));
            deltaAppend(frame(spark, cells, ResultSchema.CELLS), work.resolve("delta/cells"));
        });
        variants.put("iceberg", w -> {
            frame(spark, traces, ResultSchema.TRACES).writeTo("ice.db.traces").append();
            frame(spark, cells, ResultSchema.CELLS).writeTo("ice.db.cells").append();
        });
        List<String> names = new ArrayList<>(variants.keySet());
        Map<String, List<Double>> ms = new LinkedHashMap<>();
        names.forEach(n -> ms.put(n, new ArrayList<>()));
        for (int round = 0; round < warm + reps; round++) {
            for (int k = 0; k < names.size(); k++) {
                String n = names.get((round + k) % names.size());
                long t0 = System.nanoTime();
                variants.get(n).commit(round + 1);
                double t = (System.nanoTime() - t0) / 1e6;
                if (round >= warm) {
                    ms.get(n).add(t);
                }
            }
        }
        for (String n : names) {
            double[] v = ms.get(n).stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf("%-10s median %7.1f ms  min %7.1f  max %7.1f  (n=%d)%n", n, v[v.length / 2], v[0],
                    v[v.length - 1], v.length);
        }
        hadoopFs.close();
        System.out.printf("bytes after the rounds in %s: nio %d, hadoop-fs %d, delta %d, iceberg %d%n", work,
                size(work.resolve("nio")), size(work.resolve("hadoop-fs")), size(work.resolve("delta")),
                size(work.resolve("iceberg")));
        spark.stop();
    }

    interface Variant {
        void commit(int wave) throws Exception;
    }

    /** Wave 1's rows of {@code table}, columns in the schema's order (a read puts partition columns last). */
    private static List<Row> wave1(SparkSession spark, Path source, String table, StructType schema) {
        return spark.read().schema(schema).option("basePath", source.resolve(table).toUri().toString())
                .parquet(source.resolve(table).resolve("wave=00001").toUri().toString())
                .select(Arrays.stream(schema.fieldNames()).map(org.apache.spark.sql.functions::col)
                        .toArray(org.apache.spark.sql.Column[]::new))
                .collectAsList();
    }

    private static Dataset<Row> frame(SparkSession spark, List<Row> rows, StructType schema) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return spark.createDataFrame(jsc.parallelize(rows, Math.max(1, rows.size() / 2000)), schema);
    }

    private static void deltaAppend(Dataset<Row> df, Path table) {
        df.write().format("delta").mode("append").partitionBy("method").save(table.toUri().toString());
    }

    /** Release 0.1.0's commit: Parquet into staging, then traces and cells moved in by atomic renames. */
    private static void nioCommit(SparkSession spark, Path dir, int wave, List<Row> cells, List<Row> traces)
            throws IOException {
        String name = String.format("wave=%05d", wave);
        Path stage = dir.resolve("_staging").resolve(name);
        frame(spark, cells, ResultSchema.CELLS).write().partitionBy("method").parquet(stage.resolve("cells").toUri().toString());
        frame(spark, traces, ResultSchema.TRACES).write().partitionBy("method")
                .parquet(stage.resolve("traces").toUri().toString());
        Files.createDirectories(dir.resolve("traces"));
        Files.createDirectories(dir.resolve("cells"));
        Files.move(stage.resolve("traces"), dir.resolve("traces").resolve(name), StandardCopyOption.ATOMIC_MOVE);
        Files.move(stage.resolve("cells"), dir.resolve("cells").resolve(name), StandardCopyOption.ATOMIC_MOVE);
        Files.delete(stage);
    }

    private static long size(Path p) {
        if (!Files.exists(p)) {
            return 0;
        }
        try (var s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
