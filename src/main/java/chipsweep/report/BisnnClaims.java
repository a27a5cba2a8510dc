package chipsweep.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;

/**
 * The claims of BiSNN (Jang et al., spec/BISNN.md section 4) on the cells of the bisnn model, per hidden width,
 * paired by seed: binary weights lose a little accuracy against full precision ({@code st} vs {@code fp}), the
 * Bayesian rule beats straight-through in accuracy ({@code bayes-ens} vs {@code st}) and in calibration (lower
 * expected calibration error). Grids without bisnn cells give no rows.
 *
 * <p>Thread-safety: stateless.
 */
final class BisnnClaims {
    static final String SQL = "SELECT coalesce(CAST(params['hidden'] AS INT), 0) AS hidden, method, seed,"
            + " test_accuracy, ece FROM cells WHERE status = 'OK' AND model = 'bisnn'";

    private BisnnClaims() {
    }

    /** Per hidden width, method and seed: {accuracy, ece}. */
    static Map<Integer, Map<String, Map<Integer, double[]>>> cells(SparkSession spark) {
        Map<Integer, Map<String, Map<Integer, double[]>>> m = new TreeMap<>();
        for (org.apache.spark.sql.Row r : spark.sql(SQL).collectAsList()) {
            m.computeIfAbsent(r.getInt(0), k -> new TreeMap<>()).computeIfAbsent(r.getString(1), k -> new TreeMap<>())
                    .put(r.getInt(2), new double[] {r.getDouble(3), r.isNullAt(4) ? Double.NaN : r.getDouble(4)});
        }
        return m;
    }

    static List<Claims.Row> check(Map<Integer, Map<String, Map<Integer, double[]>>> cells) {
        List<Claims.Row> rows = new ArrayList<>();
        cells.forEach((hidden, methods) -> {
            String width = hidden > 0 ? "hidden " + hidden : "default width";
            rows.add(row("BiSNN 1. binary weights lose a little accuracy against full precision (st vs fp, " + width + ")",
                    "a small loss", methods, "st", "fp", 0, true, d -> d.high() <= 0 || d.mean() <= 0 ? "binary below fp"
                            : "binary not below fp"));
            rows.add(row("BiSNN 2. bayes beats st in accuracy (bayes-ens vs st, " + width + ")", "bayes more accurate",
                    methods, "bayes-ens", "st", 0, false, d -> ""));
            rows.add(row("BiSNN 3. bayes is better calibrated than st (ECE, bayes-ens vs st, " + width + ")",
                    "bayes lower ECE", methods, "bayes-ens", "st", 1, false, d -> ""));
        });
        return rows;
    }

    /**
     * Paired differences a - b of value {@code k} (0 accuracy, 1 ECE) over common seeds. Claims 2 and 3 are
     * reproduced when the CI excludes 0 in the paper's direction (accuracy up, ECE down); claim 1 is a finding.
     */
    private static Claims.Row row(String claim, String paper, Map<String, Map<Integer, double[]>> methods, String a,
                                  String b, int k, boolean finding, java.util.function.Function<Stats.Summary, String> note) {
        Map<Integer, double[]> ma = methods.get(a);
        Map<Integer, double[]> mb = methods.get(b);
        if (ma == null || mb == null) {
            return new Claims.Row(claim, paper, Format.MISSING, Format.MISSING, Claims.Verdict.NOT_COVERED,
                    "needs " + a + " and " + b + " cells");
        }
        Stats.Summary d = Stats.of(ma.entrySet().stream().filter(e -> mb.containsKey(e.getKey()))
                .mapToDouble(e -> e.getValue()[k] - mb.get(e.getKey())[k]).toArray());
        if (d.n() < 2) {
            return new Claims.Row(claim, paper, Format.MISSING, Format.MISSING, Claims.Verdict.NOT_COVERED,
                    "needs at least two seeds with both " + a + " and " + b);
        }
        String unit = k == 0 ? " points" : " (ECE x 100)";
        String measured = String.format("%s minus %s: %+.1f%s, %d paired seeds", a, b, 100 * d.mean(), unit, d.n());
        String ci = String.format("[%+.1f, %+.1f]", 100 * d.low(), 100 * d.high());
        boolean holds = k == 0 ? d.low() > 0 : d.high() < 0;
        Claims.Verdict v = finding ? Claims.Verdict.FINDING : holds ? Claims.Verdict.REPRODUCED
                : Claims.Verdict.NOT_REPRODUCED;
        String text = finding ? note.apply(d) : holds ? "the paired 95% CI excludes 0 in the paper's direction"
                : "the paired 95% CI does not exclude 0 in the paper's direction";
        return new Claims.Row(claim, paper, measured, ci, v, text);
    }
}
