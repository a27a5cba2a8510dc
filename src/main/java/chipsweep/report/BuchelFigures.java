package chipsweep.report;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The Büchel figures (spec/BUCHEL.md): per-draw accuracies per sigma and method as boxes (quartiles, median,
 * whiskers to the extremes) over the per-draw points; the reconstruction error over the feedback-gain levels of
 * training; accuracy against the share of dead neurons and against the slow weights' bits. Grids without buchel
 * cells give none.
 *
 * <p>Thread-safety: stateless.
 */
final class BuchelFigures {
    /** Per-draw accuracies of the latest attempt of each buchel cell, with its condition. */
    static final String DRAWS = "SELECT c.method, c.sigma, coalesce(c.params['bits'], 0D), coalesce(c.params['death'], 0D),"
            + " d.test_accuracy FROM deployments d JOIN cells c ON d.attempt_id = c.attempt_id"
            + " WHERE c.status = 'OK' AND c.model = 'buchel' ORDER BY 1, 2, c.seed, d.chip";
    /**
     * The mimicking cells' training traces, the median over seeds (sigma 0 without death: each training once): a seed
     * whose teacher stayed at chance has errors 100 times the others' and would make a mean its own curve.
     */
    static final String CURVES = "SELECT c.method, t.point, median(t.loss) FROM traces t JOIN cells c"
            + " ON t.attempt_id = c.attempt_id WHERE c.status = 'OK' AND c.model = 'buchel' AND c.method LIKE 'mimic%'"
            + " AND c.sigma = 0 AND c.params IS NULL AND t.loss IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2";
    private static final List<String> ORDER = List.of("mimic", "mimic-no-fast", "bptt");

    private BuchelFigures() {
    }

    /** The draws (method, sigma, bits, death, accuracy) and the mean training curves (method -> point -> error). */
    record Data(List<double[]> draws, List<String> methods, Map<String, TreeMap<Integer, Double>> curves) {
    }

    static Data compute(SparkSession spark) {
        List<double[]> draws = new ArrayList<>();
        List<String> methods = new ArrayList<>();
        Map<String, TreeMap<Integer, Double>> curves = new TreeMap<>();
        if (spark.sql("SELECT count(*) FROM cells WHERE model = 'buchel'").first().getLong(0) == 0
                || !spark.catalog().tableExists("deployments") || !spark.catalog().tableExists("traces")) {
            return new Data(draws, methods, curves);
        }
        for (Row r : spark.sql(DRAWS).collectAsList()) {
            methods.add(r.getString(0));
            draws.add(new double[] {r.getDouble(1), r.getDouble(2), r.getDouble(3), r.getDouble(4)});
        }
        for (Row r : spark.sql(CURVES).collectAsList()) {
            curves.computeIfAbsent(r.getString(0), k -> new TreeMap<>()).put(r.getInt(1), r.getDouble(2));
        }
        return new Data(draws, methods, curves);
    }

    static List<Figures.Figure> draw(Data d, Path dir) {
        List<Figures.Figure> out = new ArrayList<>();
        if (d.draws().isEmpty()) {
            return out;
        }
        out.add(boxes(d, dir, "Büchel: accuracy per chip draw against mismatch", "mismatch sigma", 0,
                x -> x[1] == 0 && x[2] == 0, "buchel-accuracy-vs-sigma", "Accuracy of each trained network on each"
                        + " chip draw (points; every seed's draws pooled) per mismatch level, full-precision slow"
                        + " weights and no dead neurons; boxes: quartiles and median, whiskers: the extremes."));
        out.add(boxes(d, dir, "Büchel: accuracy with dead neurons (sigma 0)", "share of neurons dead", 2,
                x -> x[0] == 0 && x[1] == 0, "buchel-death", "Accuracy per chip draw with a share of the neurons"
                        + " clamped to reset (0: the sigma-0 cells), with and without the fast balanced weights."));
        out.add(boxes(d, dir, "Büchel: accuracy with quantised slow weights (sigma 0)", "bits (0: full precision)", 1,
                x -> x[0] == 0 && x[2] == 0, "buchel-quantisation", "Accuracy per chip draw with the slow weights"
                        + " quantised to 2-6 bits during training and deployment (0: full precision)."));
        if (!d.curves().isEmpty()) {
            XYChart c = Figures.chart("Büchel: reconstruction error while the feedback gain is annealed",
                    "gain level (0: before training; level l ends with k = k0 (9 - l) / 8)", "normalised error (log scale)");
            // the first level takes the error from about 10 to below 1; a log scale shows the levels after it
            c.getStyler().setYAxisLogarithmic(d.curves().values().stream().allMatch(pts -> pts.values().stream()
                    .allMatch(v -> v > 0)));
            d.curves().forEach((m, pts) -> {
                XYSeries s = c.addSeries(m, pts.keySet().stream().mapToDouble(Integer::doubleValue).toArray(),
                        pts.values().stream().mapToDouble(Double::doubleValue).toArray());
                s.setLineColor(Figures.color(m));
                s.setMarkerColor(Figures.color(m));
                s.setMarker(SeriesMarkers.CIRCLE);
            });
            out.add(Figures.save(c, dir, "buchel-reconstruction", "Normalised reconstruction error sum (x - x_hat)^2 /"
                    + " sum x^2 of the teacher's state on the validation trials with the feedback switched off (k = 0),"
                    + " before training and after each of the 8 gain levels; median over seeds."));
        }
        return out;
    }

    /** Boxes and points of accuracy per value of column {@code axis} (0 sigma, 1 bits, 2 death) and method. */
    private static Figures.Figure boxes(Data d, Path dir, String title, String xName, int axis,
                                        java.util.function.Predicate<double[]> others, String file, String caption) {
        XYChart c = Figures.chart(title, xName, "accuracy (%)");
        Map<String, TreeMap<Double, List<Double>>> groups = new TreeMap<>();
        for (int i = 0; i < d.draws().size(); i++) {
            double[] x = d.draws().get(i);
            boolean base = axis != 0 && x[axis] == 0 && x[0] == 0 && x[1] == 0 && x[2] == 0;
            if (others.test(x) || base) {
                groups.computeIfAbsent(d.methods().get(i), k -> new TreeMap<>()).computeIfAbsent(x[axis],
                        k -> new ArrayList<>()).add(100 * x[3]);
            }
        }
        double span = groups.values().stream().flatMap(g -> g.keySet().stream()).mapToDouble(Double::doubleValue)
                .max().orElse(1);
        double width = (span > 0 ? span : 1) / 25;
        int k = 0;
        for (String m : ORDER) {
            TreeMap<Double, List<Double>> g = groups.get(m);
            if (g == null) {
                continue;
            }
            Color col = Figures.color(m);
            double offset = (k++ - 1) * 1.3 * width;
            List<double[]> pts = new ArrayList<>();
            for (Map.Entry<Double, List<Double>> e : g.entrySet()) {
                double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
                double x = e.getKey() + offset;
                for (int i = 0; i < v.length; i++) {
                    pts.add(new double[] {x + width * 0.3 * ((i % 7) - 3) / 3.0, v[i]});
                }
                box(c, m + " " + e.getKey(), x, width / 2, v, col);
            }
            XYSeries s = c.addSeries(m, pts.stream().mapToDouble(p -> p[0]).toArray(),
                    pts.stream().mapToDouble(p -> p[1]).toArray());
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(new Color(col.getRed(), col.getGreen(), col.getBlue(), 90));
        }
        if (groups.isEmpty()) {
            c.addSeries("no cells of this condition", new double[] {0}, new double[] {0});
        }
        return Figures.save(c, dir, file, caption);
    }

    /** A box (quartiles, median line) with whiskers to the extremes, drawn as one outline, not in the legend. */
    private static void box(XYChart c, String name, double x, double half, double[] v, Color col) {
        double q1 = quantile(v, 0.25);
        double med = quantile(v, 0.5);
        double q3 = quantile(v, 0.75);
        double lo = v[0];
        double hi = v[v.length - 1];
        double[] xs = {x, x, x - half, x - half, x + half, x + half, x - half, x - half, x + half, x + half, x, x};
        double[] ys = {lo, q1, q1, q3, q3, q1, q1, med, med, q3, q3, hi};
        XYSeries s = c.addSeries(name, xs, ys);
        s.setShowInLegend(false);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(col);
    }

    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(sorted.length - 1, i + 1);
        return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
    }

}
