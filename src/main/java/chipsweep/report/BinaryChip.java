package chipsweep.report;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Binary weights on the distorted LIF chip (issue #17, docs/binary-chip.md): per distortion and train size, the test
 * accuracy of each binary method ({@code bp-st}, {@code bp-bayes}, {@code mh-sign}) and its full-precision
 * counterpart ({@code bp}, {@code mh}) against sigma (a figure and a table, mean and 95% CI over seeds), and one
 * claims row per binary method: binary minus full precision, paired by seed (same chip, split and initial weights),
 * at each sigma, and how that gap changes from the smallest to the largest sigma (a paired difference of the
 * differences, the chip's draw being the same at every sigma of a seed). The verdict is {@code finding}: the paper
 * does not ask this. Grids without binary cells give nothing.
 *
 * <p>Thread-safety: stateless.
 */
final class BinaryChip {
    /** Each binary method and the full-precision method trained the same way. */
    static final Map<String, String> PAIRS = Map.of("bp-st", "bp", "bp-bayes", "bp", "mh-sign", "mh");
    static final String SQL = "SELECT distortion, train_size, method, sigma, seed, test_accuracy FROM cells"
            + " WHERE status = 'OK' AND method IN ('mh', 'bp', 'bp-st', 'bp-bayes', 'mh-sign') ORDER BY 1, 2, 3, 4, 5";

    private BinaryChip() {
    }

    /** Accuracy by group ("distortion, n N"), method, sigma and seed; only groups with binary cells. */
    record Data(Map<String, Map<String, TreeMap<Double, TreeMap<Integer, Double>>>> groups) {
        boolean isEmpty() {
            return groups.isEmpty();
        }
    }

    static Data compute(SparkSession spark) {
        Map<String, Map<String, TreeMap<Double, TreeMap<Integer, Double>>>> g = new TreeMap<>();
        for (org.apache.spark.sql.Row r : spark.sql(SQL).collectAsList()) {
            g.computeIfAbsent(r.getString(0) + ", n " + r.getInt(1), k -> new TreeMap<>())
                    .computeIfAbsent(r.getString(2), k -> new TreeMap<>())
                    .computeIfAbsent(r.getDouble(3), k -> new TreeMap<>()).put(r.getInt(4), r.getDouble(5));
        }
        g.values().removeIf(methods -> methods.keySet().stream().noneMatch(PAIRS::containsKey));
        return new Data(g);
    }

    private static Stats.Summary summary(Map<Integer, Double> seeds) {
        return Stats.of(seeds.values().stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Paired differences a - b over the seeds both have. */
    private static Stats.Summary paired(Map<Integer, Double> a, Map<Integer, Double> b) {
        return Stats.of(a.entrySet().stream().filter(e -> b.containsKey(e.getKey()))
                .mapToDouble(e -> e.getValue() - b.get(e.getKey())).toArray());
    }

    static List<Figures.Figure> draw(Data data, Path dir) {
        List<Figures.Figure> out = new ArrayList<>();
        data.groups().forEach((group, methods) -> {
            XYChart c = Figures.chart("Binary weights on the chip: " + group, "mismatch sigma", "test accuracy (%)");
            methods.forEach((method, bySigma) -> {
                Color col = Figures.COLORS.getOrDefault(method, Color.DARK_GRAY);
                double[] x = bySigma.keySet().stream().mapToDouble(Double::doubleValue).toArray();
                Stats.Summary[] s = bySigma.values().stream().map(BinaryChip::summary).toArray(Stats.Summary[]::new);
                double[] y = new double[x.length];
                double[] lo = new double[x.length];
                double[] hi = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    y[i] = 100 * s[i].mean();
                    lo[i] = 100 * (s[i].hasCi() ? s[i].low() : s[i].mean());
                    hi[i] = 100 * (s[i].hasCi() ? s[i].high() : s[i].mean());
                }
                if (x.length >= 2) {
                    Figures.band(c, method + " 95% CI", x, lo, hi, col);
                }
                XYSeries line = c.addSeries(method + (PAIRS.containsKey(method) ? " (binary)" : ""), x, y);
                line.setLineColor(col);
                line.setMarkerColor(col);
                line.setMarker(SeriesMarkers.CIRCLE);
                if (PAIRS.containsKey(method)) {
                    line.setLineStyle(Figures.DASHED);
                }
            });
            out.add(Figures.save(c, dir, "binary-chip-" + Format.slug(group), "Test accuracy on the distorted chip"
                    + " against the mismatch sigma, mean and 95% CI over seeds: binary methods dashed (bp-st"
                    + " straight-through, bp-bayes the Bayesian rule's most probable pattern, mh-sign a chain over sign"
                    + " patterns), their full-precision counterparts (bp, mh) solid. Trained and deployed on the same chip."));
        });
        return out;
    }

    static String html(Data data) {
        if (data.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("<h2>Binary weights on the chip</h2>\n");
        data.groups().forEach((group, methods) -> {
            java.util.TreeSet<Double> sigmas = new java.util.TreeSet<>();
            methods.values().forEach(m -> sigmas.addAll(m.keySet()));
            b.append("<h3>").append(Format.html(group)).append("</h3>\n<table><tr><th>method</th>");
            for (double s : sigmas) {
                b.append("<th>sigma ").append(Format.number(s)).append("</th>");
            }
            b.append("</tr>\n");
            methods.forEach((method, bySigma) -> {
                b.append("<tr><td>").append(Format.html(method)).append("</td>");
                for (double s : sigmas) {
                    Map<Integer, Double> seeds = bySigma.get(s);
                    b.append("<td>").append(seeds == null ? Format.MISSING : cell(summary(seeds))).append("</td>");
                }
                b.append("</tr>\n");
            });
            b.append("</table>\n");
        });
        b.append("<p class=\"note\">Test accuracy (%), mean [95% CI] (seeds). From:</p>\n<pre>")
                .append(Format.html(SQL)).append("</pre>\n");
        return b.toString();
    }

    private static String cell(Stats.Summary s) {
        return Format.pct(s.mean()) + (s.hasCi() ? " [" + Format.pct(s.low()) + ", " + Format.pct(s.high()) + "]" : "")
                + " (" + s.n() + ")";
    }

    /** One row per group and binary method present with its full-precision counterpart. */
    static List<Claims.Row> claims(Data data) {
        List<Claims.Row> rows = new ArrayList<>();
        data.groups().forEach((group, methods) -> new TreeMap<>(PAIRS).forEach((binary, full) -> {
            String claim = "Binary chip: " + binary + " vs " + full + " (binary minus full precision, " + group + ")";
            String paper = "not in the paper (BISNN.md section 4, beyond the paper)";
            TreeMap<Double, TreeMap<Integer, Double>> mb = methods.get(binary);
            TreeMap<Double, TreeMap<Integer, Double>> mf = methods.get(full);
            if (mb == null || mf == null) {
                if (mb != null) {
                    rows.add(new Claims.Row(claim, paper, Format.MISSING, Format.MISSING, Claims.Verdict.NOT_COVERED,
                            "needs " + full + " cells beside the " + binary + " cells"));
                }
                return;
            }
            rows.add(row(claim, paper, mb, mf));
        }));
        return rows;
    }

    private static Claims.Row row(String claim, String paper, TreeMap<Double, TreeMap<Integer, Double>> mb,
                                  TreeMap<Double, TreeMap<Integer, Double>> mf) {
        List<String> measured = new ArrayList<>();
        List<String> cis = new ArrayList<>();
        List<String> below = new ArrayList<>();
        List<String> above = new ArrayList<>();
        List<String> level = new ArrayList<>();
        List<Double> common = new ArrayList<>();
        for (Map.Entry<Double, TreeMap<Integer, Double>> e : mb.entrySet()) {
            Map<Integer, Double> f = mf.get(e.getKey());
            if (f == null) {
                continue;
            }
            Stats.Summary d = paired(e.getValue(), f);
            if (d.n() < 2) {
                continue;
            }
            common.add(e.getKey());
            String sigma = Format.number(e.getKey());
            measured.add(String.format("sigma %s: %+.1f", sigma, 100 * d.mean()));
            cis.add(String.format("sigma %s: [%+.1f, %+.1f]", sigma, 100 * d.low(), 100 * d.high()));
            (d.high() < 0 ? below : d.low() > 0 ? above : level).add(sigma);
        }
        if (common.isEmpty()) {
            return new Claims.Row(claim, paper, Format.MISSING, Format.MISSING, Claims.Verdict.NOT_COVERED,
                    "needs at least two seeds with both methods at some sigma");
        }
        int n = paired(mb.get(common.get(0)), mf.get(common.get(0))).n();
        StringBuilder note = new StringBuilder();
        if (!below.isEmpty()) {
            note.append("binary below full precision at sigma ").append(String.join(", ", below)).append("; ");
        }
        if (!above.isEmpty()) {
            note.append("binary above full precision at sigma ").append(String.join(", ", above)).append("; ");
        }
        if (!level.isEmpty()) {
            note.append("no difference resolved at sigma ").append(String.join(", ", level)).append("; ");
        }
        if (common.size() >= 2) {
            double s0 = common.get(0);
            double s1 = common.get(common.size() - 1);
            Stats.Summary dd = Stats.of(mb.get(s1).keySet().stream()
                    .filter(k -> mb.get(s0).containsKey(k) && mf.get(s0).containsKey(k) && mf.get(s1).containsKey(k))
                    .mapToDouble(k -> (mb.get(s1).get(k) - mf.get(s1).get(k)) - (mb.get(s0).get(k) - mf.get(s0).get(k)))
                    .toArray());
            if (dd.hasCi()) {
                note.append(String.format("the gap changes by %+.1f points [%+.1f, %+.1f] from sigma %s to %s (%s)",
                        100 * dd.mean(), 100 * dd.low(), 100 * dd.high(), Format.number(s0), Format.number(s1),
                        dd.low() > 0 ? "binary gains on the distorted chip" : dd.high() < 0
                                ? "binary loses more on the distorted chip" : "no change resolved"));
            }
        }
        return new Claims.Row(claim, paper, "points, paired by seed (" + n + " seeds): " + String.join("; ", measured),
                String.join("; ", cis), Claims.Verdict.FINDING, note.toString().replaceAll("; $", ""));
    }
}
