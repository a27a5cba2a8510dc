package chipsweep.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The claims of Büchel et al. 2021 (spec/BUCHEL.md section 5) on the cells of the buchel model. A network's drop
 * on a condition is its ideal-chip accuracy minus its mean accuracy over the condition's chip draws; drops are
 * paired by seed (the same teacher and trials) and the 95% CI is over seeds. A claim is REPRODUCED when the paired
 * CI excludes 0 in the paper's direction, a FINDING when it excludes 0 in the opposite direction (the result
 * contradicts the paper) and NOT_REPRODUCED otherwise. Grids without buchel cells give no rows.
 *
 * <p>Thread-safety: stateless.
 */
final class BuchelClaims {
    static final String SQL = "SELECT method, seed, sigma, coalesce(params['bits'], 0D), coalesce(params['death'], 0D),"
            + " test_accuracy, fleet_mean_accuracy, teacher_accuracy FROM cells WHERE status = 'OK' AND model = 'buchel'";
    /** The "near ceiling" bar of claim 1 for the students (the 90%; the teacher's is 95%). */
    static final double CEILING = 0.90;
    static final double TEACHER_CEILING = 0.95;

    private BuchelClaims() {
    }

    /** One buchel cell: its condition and accuracies. */
    record Cell(String method, int seed, double sigma, int bits, double death, double ideal, double fleet,
                double teacher) {
        double drop() {
            return ideal - fleet;
        }
    }

    static List<Cell> cells(SparkSession spark) {
        List<Cell> out = new ArrayList<>();
        for (Row r : spark.sql(SQL).collectAsList()) {
            out.add(new Cell(r.getString(0), r.getInt(1), r.getDouble(2), (int) r.getDouble(3), r.getDouble(4),
                    r.getDouble(5), r.isNullAt(6) ? Double.NaN : r.getDouble(6), r.isNullAt(7) ? Double.NaN : r.getDouble(7)));
        }
        return out;
    }

    static List<Claims.Row> check(List<Cell> cells) {
        if (cells.isEmpty()) {
            return List.of();
        }
        List<Claims.Row> rows = new ArrayList<>();
        List<Cell> plain = cells.stream().filter(c -> c.sigma() == 0 && c.bits() == 0 && c.death() == 0).toList();
        Map<Integer, Double> teacher = new TreeMap<>();
        plain.forEach(c -> teacher.put(c.seed(), c.teacher()));
        rows.add(ceiling("Büchel 1. the teacher is near ceiling without mismatch", "98% (the authors' draft)",
                teacher.values().stream().mapToDouble(Double::doubleValue).toArray(), TEACHER_CEILING, "teacher"));
        for (String m : List.of("mimic", "bptt")) {
            rows.add(ceiling("Büchel 1. " + m + " is near ceiling without mismatch", "98% (the authors' draft)",
                    plain.stream().filter(c -> c.method().equals(m)).mapToDouble(Cell::ideal).toArray(), CEILING, m));
        }
        double top = cells.stream().filter(c -> c.bits() == 0 && c.death() == 0).mapToDouble(Cell::sigma).max().orElse(0);
        java.util.TreeSet<Double> levels = new java.util.TreeSet<>(List.of(0.2));
        if (top > 0) {
            levels.add(top);
        }
        for (double sigma : levels) {
            rows.add(paired(String.format("Büchel 2. mimic loses less accuracy than bptt under mismatch (sigma %s)",
                    Format.number(sigma)), "a few points for mimic at 20%, large drops possible for bptt", cells,
                    c -> c.sigma() == sigma && c.bits() == 0 && c.death() == 0, "bptt", "mimic"));
        }
        rows.add(paired("Büchel 3. with 40% of the neurons dead the fast weights help (mimic-no-fast vs mimic)",
                "about 7 points lost with the fast weights, about 28 without", cells,
                c -> c.sigma() == 0 && c.bits() == 0 && c.death() == 0.4, "mimic-no-fast", "mimic"));
        return rows;
    }

    private static Claims.Row ceiling(String claim, String paper, double[] acc, double bar, String who) {
        if (acc.length == 0) {
            return new Claims.Row(claim, paper, Format.MISSING, Format.MISSING, Claims.Verdict.NOT_COVERED,
                    "needs sigma-0 cells without death or quantisation");
        }
        Stats.Summary s = Stats.of(acc);
        String measured = String.format("%s %.1f%% over %d seeds", who, 100 * s.mean(), s.n());
        String ci = s.n() >= 2 ? String.format("[%.1f, %.1f]", 100 * s.low(), 100 * s.high()) : Format.MISSING;
        boolean holds = s.mean() >= bar;
        return new Claims.Row(claim, paper, measured, ci, holds ? Claims.Verdict.REPRODUCED : Claims.Verdict.FINDING,
                holds ? String.format("mean at or above %.0f%%", 100 * bar)
                        : String.format("below %.0f%%: not near ceiling here", 100 * bar));
    }

    /** Paired by seed: drop(a) - drop(b) on the cells {@code where} selects; the paper says it is positive. */
    private static Claims.Row paired(String claim, String paper, List<Cell> cells,
                                     java.util.function.Predicate<Cell> where, String a, String b) {
        Map<Integer, Double> da = drops(cells, where, a);
        Map<Integer, Double> db = drops(cells, where, b);
        double[] diff = da.entrySet().stream().filter(e -> db.containsKey(e.getKey()))
                .mapToDouble(e -> e.getValue() - db.get(e.getKey())).toArray();
        if (diff.length < 2) {
            return new Claims.Row(claim, paper, Format.MISSING, Format.MISSING, Claims.Verdict.NOT_COVERED,
                    "needs at least two seeds with both " + a + " and " + b + " cells of the condition");
        }
        Stats.Summary sa = Stats.of(da.values().stream().mapToDouble(Double::doubleValue).toArray());
        Stats.Summary sb = Stats.of(db.values().stream().mapToDouble(Double::doubleValue).toArray());
        Stats.Summary d = Stats.of(diff);
        String measured = String.format("drop %s %.1f [%.1f, %.1f], %s %.1f [%.1f, %.1f] points; %s minus %s %+.1f, %d"
                + " paired seeds", a, 100 * sa.mean(), 100 * sa.low(), 100 * sa.high(), b, 100 * sb.mean(),
                100 * sb.low(), 100 * sb.high(), a, b, 100 * d.mean(), d.n());
        String ci = String.format("[%+.1f, %+.1f]", 100 * d.low(), 100 * d.high());
        if (d.low() > 0) {
            return new Claims.Row(claim, paper, measured, ci, Claims.Verdict.REPRODUCED,
                    "the paired 95% CI excludes 0 in the paper's direction");
        }
        if (d.high() < 0) {
            return new Claims.Row(claim, paper, measured, ci, Claims.Verdict.FINDING, "contradicts the paper: " + b
                    + " loses more than " + a + " here (the paired 95% CI excludes 0 the other way)");
        }
        return new Claims.Row(claim, paper, measured, ci, Claims.Verdict.NOT_REPRODUCED,
                "the paired 95% CI does not exclude 0");
    }

    private static Map<Integer, Double> drops(List<Cell> cells, java.util.function.Predicate<Cell> where, String m) {
        Map<Integer, Double> out = new TreeMap<>();
        cells.stream().filter(where).filter(c -> c.method().equals(m) && Double.isFinite(c.fleet()))
                .forEach(c -> out.put(c.seed(), c.drop()));
        return out;
    }
}
