package chipsweep.report;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The aggregate table, computed with Spark SQL over the {@code cells} view: per (dataset, distortion, sigma,
 * train size, method), seeds OK and failed, mean and sample sd of test accuracy over the OK seeds, the t 95%
 * CI, and the mean MH acceptance. {@link #SQL} is printed in the report so users can rerun it.
 *
 * <p>Thread-safety: stateless.
 */
public final class Aggregates {
    /**
     * The aggregate query over the cold cells (warm starts have a section of their own, see {@link Deployments};
     * the CI is mean +- t(0.975, n_ok-1) * sd / sqrt(n_ok), added in Java).
     */
    /**
     * A cell group's method label: the method, then its model-specific axes ({@code itl rho_b=0.001}), so that
     * cells that differ in those axes are separate groups.
     */
    static final String METHOD_LABEL = "concat_ws(' ', method, array_join(transform(sort_array(map_entries(params)),"
            + " e -> concat(e.key, '=', CAST(e.value AS STRING))), ' '))";

    public static final String SQL = "SELECT dataset, distortion, sigma, train_size, " + METHOD_LABEL + " AS method,\n"
            + "  count_if(status = 'OK') AS n_ok, count_if(status = 'FAILED') AS n_failed,\n"
            + "  avg(CASE WHEN status = 'OK' THEN test_accuracy END) AS mean,\n"
            + "  stddev_samp(CASE WHEN status = 'OK' THEN test_accuracy END) AS sd,\n"
            + "  avg(CASE WHEN status = 'OK' THEN acceptance_rate END) AS mean_acceptance,\n"
            + "  avg(CASE WHEN status = 'OK' THEN hidden_spikes_per_image END) AS mean_hidden_spikes\n"
            + "FROM cells WHERE coalesce(warm_budget, -1) < 0\n"
            + "GROUP BY dataset, distortion, sigma, train_size, " + METHOD_LABEL + "\n"
            + "ORDER BY dataset, distortion, sigma, train_size, method";

    /** Per-seed test accuracies of OK cells, for paired comparisons and scatter points. */
    public static final String SEEDS_SQL = "SELECT dataset, distortion, sigma, train_size, " + METHOD_LABEL
            + " AS method, seed, test_accuracy,"
            + " acceptance_rate, hidden_spikes_per_image, chip_samples\nFROM cells WHERE status = 'OK' AND coalesce(warm_budget, -1) < 0\nORDER BY dataset, distortion, sigma, train_size, method, seed";

    private Aggregates() {
    }

    /** One aggregate row; NaN where no OK seed exists or a value does not apply. */
    public record Row(String dataset, String distortion, double sigma, int trainSize, String method, int ok, int failed,
                      double mean, double sd, double halfWidth, double meanAcceptance, double meanHiddenSpikes) {
        public boolean hasCi() {
            return ok >= 2 && Double.isFinite(halfWidth);
        }
    }

    /**
     * One OK cell; its hidden spikes per image (current-based model) and chip time in sample evaluations are NaN
     * where the cell has none.
     */
    public record Seed(String dataset, String distortion, double sigma, int trainSize, String method, int seed,
                       double testAccuracy, double acceptance, double hiddenSpikes, double chipSamples) {
        /** An OK cell without spike counts or chip time. */
        public Seed(String dataset, String distortion, double sigma, int trainSize, String method, int seed,
                    double testAccuracy, double acceptance) {
            this(dataset, distortion, sigma, trainSize, method, seed, testAccuracy, acceptance, Double.NaN, Double.NaN);
        }
    }

    public static List<Row> compute(SparkSession spark) {
        List<Row> out = new ArrayList<>();
        for (org.apache.spark.sql.Row r : spark.sql(SQL).collectAsList()) {
            int ok = (int) r.getLong(5);
            double sd = r.isNullAt(8) ? Double.NaN : r.getDouble(8);
            out.add(new Row(r.getString(0), r.getString(1), r.getDouble(2), r.getInt(3), r.getString(4), ok,
                    (int) r.getLong(6), r.isNullAt(7) ? Double.NaN : r.getDouble(7), sd,
                    ok >= 2 && Double.isFinite(sd) ? Stats.halfWidth(ok, sd) : Double.NaN,
                    r.isNullAt(9) ? Double.NaN : r.getDouble(9), r.isNullAt(10) ? Double.NaN : r.getDouble(10)));
        }
        return out;
    }

    public static List<Seed> seeds(SparkSession spark) {
        List<Seed> out = new ArrayList<>();
        for (org.apache.spark.sql.Row r : spark.sql(SEEDS_SQL).collectAsList()) {
            out.add(new Seed(r.getString(0), r.getString(1), r.getDouble(2), r.getInt(3), r.getString(4), r.getInt(5),
                    r.getDouble(6), r.isNullAt(7) ? Double.NaN : r.getDouble(7), r.isNullAt(8) ? Double.NaN
                    : r.getDouble(8), r.isNullAt(9) ? Double.NaN : (double) r.getLong(9)));
        }
        return out;
    }
}
