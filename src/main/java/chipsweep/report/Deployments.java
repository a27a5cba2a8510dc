package chipsweep.report;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.SparkSession;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's deployment section (the questions of issue 14), from the cells that carry chip-time columns
 * (schema version 2): own chip vs fleet vs ideal chip, accuracy against chip sample evaluations with its Pareto
 * front, and warm starts against their cold start; plus claims-style rows of our own (verdict {@code finding}).
 * Results without these columns give no section.
 *
 * <p>Thread-safety: stateless.
 */
final class Deployments {
    /** Matching the cold start "within 1 point". */
    static final double WITHIN = 0.01;

    static final String SQL = "SELECT distortion, sigma, train_size, method, warm_budget, seed, test_accuracy,"
            + " fleet_mean_accuracy, ideal_test_accuracy, chip_samples, chip_programs, dataset\nFROM cells"
            + " WHERE status = 'OK' AND chip_samples >= 0\nORDER BY dataset, distortion, sigma, train_size, method,"
            + " warm_budget, seed";

    private Deployments() {
    }

    /**
     * One group of cells (data set, distortion, sigma, n, method, budget; NaN for cold methods) over its seeds: own-chip,
     * fleet-mean and ideal-chip accuracy, the paired specialisation gap (own minus fleet mean, per cell), and the
     * mean chip time of training. Fleet summaries have n = 0 without a fleet.
     */
    record Group(String dataset, String distortion, double sigma, int trainSize, String method, double budget,
                 Stats.Summary own,
                 Stats.Summary fleet, Stats.Summary ideal, Stats.Summary gap, double chipSamples, double chipPrograms) {
        boolean warm() {
            return !Double.isNaN(budget);
        }

        String label() {
            return warm() ? method + " " + Format.number(budget) : method;
        }
    }

    static List<Group> compute(SparkSession spark) {
        Map<String, List<org.apache.spark.sql.Row>> byGroup = new LinkedHashMap<>();
        for (org.apache.spark.sql.Row r : spark.sql(SQL).collectAsList()) {
            byGroup.computeIfAbsent(r.getString(11) + "|" + r.getString(0) + "|" + r.getDouble(1) + "|" + r.getInt(2) + "|" + r.getString(3) + "|"
                    + (r.isNullAt(4) ? "cold" : r.getDouble(4)), k -> new ArrayList<>()).add(r);
        }
        List<Group> out = new ArrayList<>();
        for (List<org.apache.spark.sql.Row> rows : byGroup.values()) {
            org.apache.spark.sql.Row f = rows.get(0);
            List<Double> own = new ArrayList<>();
            List<Double> fleet = new ArrayList<>();
            List<Double> ideal = new ArrayList<>();
            List<Double> gap = new ArrayList<>();
            double samples = 0;
            double programs = 0;
            for (org.apache.spark.sql.Row r : rows) {
                own.add(r.getDouble(6));
                if (!r.isNullAt(7)) {
                    fleet.add(r.getDouble(7));
                    gap.add(r.getDouble(6) - r.getDouble(7));
                }
                if (!r.isNullAt(8)) {
                    ideal.add(r.getDouble(8));
                }
                samples += r.getLong(9);
                programs += r.getLong(10);
            }
            out.add(new Group(f.getString(11), f.getString(0), f.getDouble(1), f.getInt(2), f.getString(3),
                    f.isNullAt(4) ? Double.NaN : f.getDouble(4), summary(own), summary(fleet), summary(ideal),
                    summary(gap), samples / rows.size(), programs / rows.size()));
        }
        return out;
    }

    private static Stats.Summary summary(List<Double> v) {
        return v.isEmpty() ? new Stats.Summary(0, Double.NaN, Double.NaN, Double.NaN)
                : Stats.of(v.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The (distortion, sigma, n) settings of the groups, in order. */
    private static TreeMap<String, List<Group>> bySetting(List<Group> groups) {
        TreeMap<String, List<Group>> m = new TreeMap<>();
        for (Group g : groups) {
            m.computeIfAbsent(g.distortion() + "|" + String.format("%012.6f", g.sigma()) + "|"
                    + String.format("%08d", g.trainSize()), k -> new ArrayList<>()).add(g);
        }
        return m;
    }

    private static String setting(Group g) {
        return g.distortion() + ", sigma " + Format.number(g.sigma()) + ", n = " + g.trainSize();
    }

    // ---------------------------------------------------------------- claims

    /** Our own rows: the specialisation gap per method, and the chip time a warm start saves. */
    static List<Claims.Row> claims(List<Group> groups) {
        List<Claims.Row> rows = new ArrayList<>();
        if (groups.isEmpty()) {
            return rows;
        }
        Map<String, Group> strongest = new TreeMap<>();
        for (Group g : groups) {
            if (g.warm() || g.gap().n() < 2) {
                continue;
            }
            Group cur = strongest.get(g.method());
            if (cur == null || g.sigma() > cur.sigma() || (g.sigma() == cur.sigma() && g.trainSize() > cur.trainSize())) {
                strongest.put(g.method(), g);
            }
        }
        for (Group g : strongest.values()) {
            StringBuilder others = new StringBuilder();
            for (Group o : groups) {
                if (!o.warm() && o.method().equals(g.method()) && o != g && o.gap().n() >= 2) {
                    others.append(others.length() == 0 ? "other settings: " : "; ").append(setting(o)).append(" ")
                            .append(String.format("%+.1f", 100 * o.gap().mean()));
                }
            }
            rows.add(new Claims.Row("Specialisation gap of " + g.method() + ": own chip minus fleet mean (paired per cell)",
                    "not in the paper", String.format("%+.1f points (%s, %d cells; own %s%%, fleet %s%%, ideal %s%%)",
                    100 * g.gap().mean(), setting(g), g.gap().n(), Format.pct(g.own().mean()), Format.pct(g.fleet().mean()),
                    Format.pct(g.ideal().mean())), g.gap().hasCi() ? String.format("[%+.1f, %+.1f]", 100 * g.gap().low(),
                    100 * g.gap().high()) : Format.MISSING, Claims.Verdict.FINDING,
                    (g.gap().hasCi() && g.gap().low() > 0 ? "the network is specialised to its chip (CI above 0)"
                            : g.gap().hasCi() && g.gap().high() < 0 ? "the fleet does better than the own chip"
                            : "no specialisation resolved (CI includes 0)") + (others.length() > 0 ? "; " + others : "")));
        }
        for (Map.Entry<String, List<Group>> e : bySetting(groups).entrySet()) {
            for (String warm : List.of("mh-warm", "bp-warm")) {
                String coldName = warm.substring(0, warm.indexOf('-'));
                Group cold = e.getValue().stream().filter(g -> !g.warm() && g.method().equals(coldName)).findFirst().orElse(null);
                List<Group> ws = e.getValue().stream().filter(g -> g.warm() && g.method().equals(warm))
                        .sorted((a, b) -> Double.compare(a.budget(), b.budget())).toList();
                if (cold == null || ws.isEmpty()) {
                    continue;
                }
                Group reached = ws.stream().filter(g -> g.own().mean() >= cold.own().mean() - WITHIN).findFirst().orElse(null);
                String claim = "Warm start " + warm + ": chip time to reach the cold " + coldName + " accuracy within 1 point ("
                        + setting(cold) + ")";
                String coldText = String.format("cold %s %s%% with %,.0f sample evaluations", coldName,
                        Format.pct(cold.own().mean()), cold.chipSamples());
                if (reached == null) {
                    Group best = ws.get(ws.size() - 1);
                    rows.add(new Claims.Row(claim, "not in the paper", "not reached up to budget "
                            + Format.number(best.budget()) + String.format(" (%s%% there)", Format.pct(best.own().mean())),
                            Format.MISSING, Claims.Verdict.FINDING, coldText));
                } else {
                    double saved = cold.chipSamples() > 0 ? 1 - reached.chipSamples() / cold.chipSamples() : Double.NaN;
                    rows.add(new Claims.Row(claim, "not in the paper", String.format("budget %s: %s%% with %,.0f sample"
                            + " evaluations on the target chip, %.0f%% less", Format.number(reached.budget()),
                            Format.pct(reached.own().mean()), reached.chipSamples(), 100 * saved),
                            reached.own().hasCi() ? "[" + Format.pct(reached.own().low()) + ", " + Format.pct(reached.own().high())
                                    + "]" : Format.MISSING, Claims.Verdict.FINDING, coldText
                            + "; the source training's own chip time is not counted (it is paid once per family)"));
                }
            }
        }
        return rows;
    }

    // ---------------------------------------------------------------- figures

    /**
     * The figures of one task's groups; {@code task} (the data set, e.g. {@code wdbc}) heads every title and
     * {@code suffix} ends every file name (a task's, when the report shows several).
     */
    static List<Figures.Figure> draw(List<Group> groups, Path dir, double majorityFloor, String task, String suffix) {
        String head = task.isEmpty() ? "" : task + ": ";
        List<Figures.Figure> out = new ArrayList<>();
        if (groups.isEmpty()) {
            return out;
        }
        int fullN = groups.stream().mapToInt(Group::trainSize).max().orElse(0);
        TreeSet<String> distortions = new TreeSet<>();
        groups.forEach(g -> distortions.add(g.distortion()));
        for (String d : distortions) {
            List<Group> cold = groups.stream().filter(g -> g.distortion().equals(d) && g.trainSize() == fullN && !g.warm()
                    && g.fleet().n() > 0).toList();
            TreeSet<String> methods = new TreeSet<>();
            cold.forEach(g -> methods.add(g.method()));
            for (String m : methods) {
                List<Group> mg = cold.stream().filter(g -> g.method().equals(m)).sorted((a, b) -> Double.compare(a.sigma(),
                        b.sigma())).toList();
                if (mg.isEmpty()) {
                    continue;
                }
                XYChart c = Figures.chart(head + "own chip vs fleet vs ideal chip: " + m + ", " + d + ", n = " + fullN, "sigma",
                        "test accuracy (%)");
                line(c, "own chip", mg, Group::own, Figures.COLORS.getOrDefault(m, Color.DARK_GRAY), false);
                line(c, "fleet mean", mg, Group::fleet, Color.DARK_GRAY, true);
                line(c, "ideal chip", mg, Group::ideal, new Color(148, 103, 189), true);
                Figures.floor(c, mg.get(0).sigma(), mg.get(mg.size() - 1).sigma(), majorityFloor);
                out.add(Figures.save(c, dir, "deployment-own-fleet-ideal-" + Format.slug(m) + "-" + Format.slug(d) + suffix,
                        "The same trained weights on the chip they were trained on (own), on the mean of the family's"
                                + " other chips (fleet, paired: every method meets the same chips), and on the ideal chip;"
                                + " means over seeds with 95% CI bands; dashed black: the majority-class floor."));
            }
        }
        for (List<Group> set : bySetting(groups).values()) {
            Group any = set.get(0);
            if (any.trainSize() != fullN) {
                continue;
            }
            XYChart c = Figures.chart(head + "accuracy vs chip time: " + setting(any), "chip sample evaluations in training (log scale)",
                    "test accuracy (%)");
            c.getStyler().setXAxisLogarithmic(true);
            List<double[]> points = new ArrayList<>();
            Map<String, List<Group>> byMethod = new TreeMap<>();
            set.forEach(g -> byMethod.computeIfAbsent(g.method(), k -> new ArrayList<>()).add(g));
            double offline = Double.NaN;
            for (Map.Entry<String, List<Group>> e : byMethod.entrySet()) {
                List<Group> pts = e.getValue().stream().filter(g -> g.chipSamples() > 0)
                        .sorted((a, b) -> Double.compare(a.chipSamples(), b.chipSamples())).toList();
                if (e.getKey().equals("bp-offline")) {
                    offline = e.getValue().get(0).own().mean();
                }
                if (pts.isEmpty()) {
                    continue;
                }
                Color col = Figures.COLORS.getOrDefault(e.getKey(), Color.DARK_GRAY);
                XYSeries s = c.addSeries(e.getKey(), pts.stream().mapToDouble(Group::chipSamples).toArray(),
                        pts.stream().mapToDouble(g -> 100 * g.own().mean()).toArray());
                s.setLineColor(col);
                s.setMarkerColor(col);
                s.setMarker(SeriesMarkers.CIRCLE);
                if (pts.size() == 1) {
                    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                }
                pts.forEach(g -> points.add(new double[] {g.chipSamples(), g.own().mean()}));
            }
            List<double[]> front = paretoFront(points);
            if (front.size() >= 1) {
                XYSeries s = c.addSeries("Pareto front", front.stream().mapToDouble(p -> p[0]).toArray(),
                        front.stream().mapToDouble(p -> 100 * p[1]).toArray());
                s.setLineColor(Color.BLACK);
                s.setMarker(SeriesMarkers.NONE);
                s.setLineStyle(Figures.DASHED);
            }
            if (Double.isFinite(offline) && !points.isEmpty()) {
                double lo = points.stream().mapToDouble(p -> p[0]).min().orElse(1);
                double hi = points.stream().mapToDouble(p -> p[0]).max().orElse(10);
                XYSeries s = c.addSeries("bp-offline (no chip time)", new double[] {lo, hi},
                        new double[] {100 * offline, 100 * offline});
                s.setLineColor(Figures.COLORS.get("bp-offline"));
                s.setMarker(SeriesMarkers.NONE);
                s.setLineStyle(Figures.DASHED);
            }
            if (points.stream().mapToDouble(p -> p[0]).distinct().count() >= 2) { // one chip time: nothing to plot against
                out.add(Figures.save(c, dir, "deployment-accuracy-vs-chip-time-" + Format.slug(any.distortion()) + "-sigma-"
                        + Format.slug(Format.number(any.sigma())) + suffix, "Mean test accuracy on the own chip against the mean"
                        + " number of samples the chip ran during training (warm methods: one point per budget, target"
                        + " chip only; budget 0 runs nothing and is left out of the log axis). The dashed black line is the"
                        + " Pareto front: no other point is both more accurate and cheaper."));
            }
        }
        for (List<Group> set : bySetting(groups).values()) {
            List<Group> warm = set.stream().filter(Group::warm).toList();
            if (warm.isEmpty()) {
                continue;
            }
            Group any = set.get(0);
            XYChart c = Figures.chart(head + "warm start vs budget: " + setting(any), "budget (fraction of the cold iterations or epochs)",
                    "test accuracy (%)");
            double maxB = warm.stream().mapToDouble(Group::budget).max().orElse(1);
            Figures.floor(c, 0, Math.max(maxB, 1e-9), majorityFloor);
            for (String m : List.of("mh-warm", "bp-warm")) {
                List<Group> mg = warm.stream().filter(g -> g.method().equals(m)).sorted((a, b) -> Double.compare(a.budget(),
                        b.budget())).toList();
                if (mg.isEmpty()) {
                    continue;
                }
                Color col = Figures.COLORS.get(m);
                double[] x = mg.stream().mapToDouble(Group::budget).toArray();
                if (x.length >= 2) {
                    Figures.band(c, m + " 95% CI", x, mg.stream().mapToDouble(g -> 100 * lo(g.own())).toArray(),
                            mg.stream().mapToDouble(g -> 100 * hi(g.own())).toArray(), col);
                }
                XYSeries s = c.addSeries(m, x, mg.stream().mapToDouble(g -> 100 * g.own().mean()).toArray());
                s.setLineColor(col);
                s.setMarkerColor(col);
                s.setMarker(SeriesMarkers.CIRCLE);
                String coldName = m.substring(0, m.indexOf('-'));
                set.stream().filter(g -> !g.warm() && g.method().equals(coldName)).findFirst().ifPresent(cold -> {
                    XYSeries h = c.addSeries("cold " + coldName + " (budget 1)", new double[] {0, Math.max(maxB, 1e-9)},
                            new double[] {100 * cold.own().mean(), 100 * cold.own().mean()});
                    h.setLineColor(Figures.COLORS.get(coldName));
                    h.setMarker(SeriesMarkers.NONE);
                    h.setLineStyle(Figures.DASHED);
                });
            }
            out.add(Figures.save(c, dir, "deployment-warm-start-" + Format.slug(any.distortion()) + "-sigma-"
                    + Format.slug(Format.number(any.sigma())) + "-n-" + any.trainSize() + suffix, "Test accuracy on the target chip of"
                    + " networks started from the source chip's training, against the fraction of the cold budget run on the"
                    + " target (budget 0: the source network deployed as it is), with 95% CI bands; dashed: the cold start"
                    + " with its full budget."));
        }
        return out;
    }

    private static double lo(Stats.Summary s) {
        return s.hasCi() ? s.low() : s.mean();
    }

    private static double hi(Stats.Summary s) {
        return s.hasCi() ? s.high() : s.mean();
    }

    private static void line(XYChart c, String name, List<Group> gs, java.util.function.Function<Group, Stats.Summary> f,
                             Color col, boolean dashed) {
        List<Group> pts = gs.stream().filter(g -> f.apply(g).n() > 0).toList();
        if (pts.isEmpty()) {
            return;
        }
        double[] x = pts.stream().mapToDouble(Group::sigma).toArray();
        if (x.length >= 2) {
            Figures.band(c, name + " 95% CI", x, pts.stream().mapToDouble(g -> 100 * lo(f.apply(g))).toArray(),
                    pts.stream().mapToDouble(g -> 100 * hi(f.apply(g))).toArray(), col);
        }
        XYSeries s = c.addSeries(name, x, pts.stream().mapToDouble(g -> 100 * f.apply(g).mean()).toArray());
        s.setLineColor(col);
        s.setMarkerColor(col);
        s.setMarker(SeriesMarkers.CIRCLE);
        if (dashed) {
            s.setLineStyle(Figures.DASHED);
        }
    }

    /**
     * The points {x = chip time, y = accuracy} that no other point dominates (at most as costly and at least as
     * accurate, one of them strictly), by increasing chip time.
     */
    static List<double[]> paretoFront(List<double[]> points) {
        List<double[]> sorted = new ArrayList<>(points);
        sorted.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(b[1], a[1]));
        List<double[]> front = new ArrayList<>();
        double best = Double.NEGATIVE_INFINITY;
        for (double[] p : sorted) {
            if (p[1] > best) {
                front.add(p);
                best = p[1];
            }
        }
        return front;
    }

    // ---------------------------------------------------------------- table

    static String html(List<Group> groups) {
        if (groups.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("<h2>Deployment: fleet, chip time, warm starts</h2>\n<table><tr><th>data set</th><th>distortion</th>"
                + "<th>sigma</th><th>n</th><th>method</th><th>budget</th><th>seeds</th><th>own chip %</th><th>fleet mean %</th>"
                + "<th>ideal chip %</th><th>own − fleet [95% CI]</th><th>chip samples</th><th>programmings</th></tr>\n");
        for (Group g : groups) {
            b.append("<tr><td>").append(Format.html(g.dataset())).append("</td><td>").append(Format.html(g.distortion()))
                    .append("</td><td class=\"num\">").append(Format.number(g.sigma())).append("</td><td class=\"num\">").append(g.trainSize())
                    .append("</td><td>").append(Format.html(g.method())).append("</td><td class=\"num\">")
                    .append(g.warm() ? Format.number(g.budget()) : Format.MISSING).append("</td><td class=\"num\">")
                    .append(g.own().n()).append("</td><td class=\"num\">").append(Format.pct(g.own().mean()))
                    .append("</td><td class=\"num\">").append(g.fleet().n() > 0 ? Format.pct(g.fleet().mean()) : Format.MISSING)
                    .append("</td><td class=\"num\">").append(g.ideal().n() > 0 ? Format.pct(g.ideal().mean()) : Format.MISSING)
                    .append("</td><td class=\"num\">").append(g.gap().hasCi() ? String.format("%+.1f [%+.1f, %+.1f]",
                            100 * g.gap().mean(), 100 * g.gap().low(), 100 * g.gap().high()) : Format.MISSING)
                    .append("</td><td class=\"num\">").append(String.format("%,.0f", g.chipSamples()))
                    .append("</td><td class=\"num\">").append(String.format("%,.0f", g.chipPrograms())).append("</td></tr>\n");
        }
        b.append("</table>\n<p class=\"note\">Chip samples: forward passes of one sample the chip ran during training (mean"
                + " per cell; a warm cell's count is on its target chip only). The per-chip rows are in the"
                + " <code>deployments</code> view; the cells' rows come from:</p>\n<pre>").append(Format.html(SQL)).append("</pre>\n");
        return b.toString();
    }
}
