package chipsweep.sweep;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createMapType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.List;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The one explicit schema of chipsweep's Parquet tables (documented in the README). Column names are
 * snake_case; {@code schema_version} is on every row. {@code cells} has one row per cell attempt (the view of
 * the same name keeps the latest attempt of each cell); {@code traces} one row per trace point.
 */
public final class ResultSchema {
    /**
     * Bumped whenever columns are added or change meaning or type. Version 2 added the deployment columns
     * ({@code warm_budget}, chip time, fleet figures) and the {@code deployments} table; version-1 rows read with
     * nulls there. Issue #16 added, still within version 2, nullable MH convergence columns at the end of
     * {@code cells} ({@code mh_chains} ... {@code ess_weights}) and of {@code traces} ({@code chain},
     * {@code saturated_share}): folders written before them read with nulls there. Issue #18 added, likewise,
     * {@code teacher_accuracy} and {@code reconstruction_error} (the buchel model) at the end of {@code cells}.
     */
    public static final int VERSION = 2;

    public static final StructType PROVENANCE = createStructType(List.of(
            createStructField("global_seed", LongType, false),
            createStructField("split_seed", LongType, false),
            createStructField("subset_seed", LongType, false),
            createStructField("chip_seeds", createMapType(StringType, LongType, false), false),
            createStructField("init_seed", LongType, false),
            createStructField("train_seed", LongType, false),
            createStructField("noise_seed", LongType, false),
            createStructField("rng_algorithm", StringType, false),
            createStructField("job_file", StringType, true),
            createStructField("job_file_sha256", StringType, true),
            createStructField("science_sha256", StringType, false),
            createStructField("dataset_path", StringType, true),
            createStructField("dataset_sha256", StringType, false),
            createStructField("code_version", StringType, false),
            createStructField("spark_version", StringType, false),
            createStructField("java_version", StringType, false),
            createStructField("os_arch", StringType, false),
            createStructField("start_time", TimestampType, false),
            createStructField("end_time", TimestampType, false)));

    public static final StructType CELLS = createStructType(List.of(
            createStructField("schema_version", IntegerType, false),
            createStructField("job_name", StringType, false),
            createStructField("cell_id", StringType, false),
            createStructField("attempt_id", StringType, false),
            createStructField("wave", IntegerType, false),
            createStructField("dataset", StringType, false),
            createStructField("distortion", StringType, false),
            createStructField("sigma", DoubleType, false),
            createStructField("train_size", IntegerType, false),
            createStructField("seed", IntegerType, false),
            createStructField("status", StringType, false),
            createStructField("error", StringType, true),
            createStructField("test_accuracy", DoubleType, true),
            createStructField("train_accuracy", DoubleType, true),
            createStructField("map_test_accuracy", DoubleType, true),
            createStructField("last_test_accuracy", DoubleType, true),
            createStructField("acceptance_rate", DoubleType, true),
            createStructField("burn_in_acceptance_rate", DoubleType, true),
            createStructField("final_step", DoubleType, true),
            createStructField("lambda", DoubleType, true),
            createStructField("final_loss", DoubleType, true),
            createStructField("wall_seconds", DoubleType, false),
            createStructField("executor_host", StringType, false),
            createStructField("provenance", PROVENANCE, false),
            // schema_version 2: deployment questions (null in version-1 rows)
            createStructField("warm_budget", DoubleType, true),
            createStructField("chip_samples", LongType, true),
            createStructField("chip_programs", LongType, true),
            createStructField("source_chip_samples", LongType, true),
            createStructField("source_chip_programs", LongType, true),
            createStructField("source_chip_seeds", createMapType(StringType, LongType, false), true),
            createStructField("eval_chips", IntegerType, true),
            createStructField("fleet_mean_accuracy", DoubleType, true),
            createStructField("fleet_sd_accuracy", DoubleType, true),
            createStructField("fleet_min_accuracy", DoubleType, true),
            createStructField("ideal_test_accuracy", DoubleType, true),
            // the model and its own axes and metrics (null in rows written before the current-based model)
            createStructField("model", StringType, true),
            createStructField("params", createMapType(StringType, DoubleType, false), true),
            createStructField("floor_accuracy", DoubleType, true),
            createStructField("hidden_spikes_per_image", DoubleType, true),
            createStructField("ece", DoubleType, true),
            createStructField("nll", DoubleType, true),
            createStructField("entropy_test", DoubleType, true),
            createStructField("entropy_grid", DoubleType, true),
            createStructField("reliability_count", createArrayType(DoubleType, false), true),
            createStructField("reliability_confidence", createArrayType(DoubleType, false), true),
            createStructField("reliability_accuracy", createArrayType(DoubleType, false), true),
            createStructField("entropy_map", createArrayType(DoubleType, false), true),
            // MH convergence (issue #16; null for other methods and in folders written before)
            createStructField("mh_chains", IntegerType, true),
            createStructField("deployed_chain", IntegerType, true),
            createStructField("collapsed_chains", IntegerType, true),
            createStructField("plateau_share", DoubleType, true),
            createStructField("plateau_exit", IntegerType, true),
            createStructField("chain0_plateau_share", DoubleType, true),
            createStructField("rhat_loss", DoubleType, true),
            createStructField("ess_loss", DoubleType, true),
            createStructField("rhat_weights", DoubleType, true),
            createStructField("ess_weights", DoubleType, true),
            // Büchel et al. (issue #18; null for other models and in folders written before)
            createStructField("teacher_accuracy", DoubleType, true),
            createStructField("reconstruction_error", DoubleType, true),
            // partition column, last (Spark puts partition columns last when reading)
            createStructField("method", StringType, false)));

    /** The leading columns of the per-cell-attempt tables {@code traces} and {@code deployments}. */
    private static List<StructField> attemptKey(StructField... rest) {
        List<StructField> f = new java.util.ArrayList<>(List.of(
                createStructField("schema_version", IntegerType, false),
                createStructField("job_name", StringType, false),
                createStructField("cell_id", StringType, false),
                createStructField("attempt_id", StringType, false),
                createStructField("wave", IntegerType, false),
                createStructField("distortion", StringType, false),
                createStructField("sigma", DoubleType, false),
                createStructField("train_size", IntegerType, false),
                createStructField("seed", IntegerType, false)));
        f.addAll(List.of(rest));
        return f;
    }

    public static final StructType TRACES = createStructType(attemptKey(
            createStructField("point", IntegerType, false),
            createStructField("log_likelihood", DoubleType, true),
            createStructField("log_prior", DoubleType, true),
            createStructField("acceptance_rate", DoubleType, true),
            createStructField("step", DoubleType, true),
            createStructField("loss", DoubleType, true),
            createStructField("train_accuracy", DoubleType, true),
            createStructField("chain", IntegerType, true),
            createStructField("saturated_share", DoubleType, true),
            createStructField("method", StringType, false)));

    /** One row per cell attempt and family chip its deployed weights were evaluated on (fleet evaluation). */
    public static final StructType DEPLOYMENTS = createStructType(attemptKey(
            createStructField("warm_budget", DoubleType, true),
            createStructField("chip", IntegerType, false),
            createStructField("chip_seeds", createMapType(StringType, LongType, false), false),
            createStructField("test_accuracy", DoubleType, false),
            createStructField("own_test_accuracy", DoubleType, false),
            createStructField("method", StringType, false)));

    /**
     * The deduplicated view: each cell's latest attempt (highest wave; attempt id breaks ties).
     * {@code %s} is the raw table's view name.
     */
    public static final String LATEST_CELLS_SQL = "SELECT * EXCEPT (rn) FROM (SELECT *, row_number() OVER "
            + "(PARTITION BY cell_id ORDER BY wave DESC, attempt_id DESC) AS rn FROM %s) WHERE rn = 1";

    private ResultSchema() {
    }
}
