package chipsweep.report;

import chipsweep.data.TwoMoons;
import chipsweep.train.BisnnTwoMoons;
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
 * The BiSNN figures (spec/BISNN.md section 4) from the bisnn cells' stored series: a reliability diagram per hidden
 * width (accuracy against confidence per bin, every method's bins pooled over its seeds, the diagonal of perfect
 * calibration) and an uncertainty map per width and method (the predictive entropy over the [0, 1]^2 grid, averaged
 * over seeds, in eight shades from white, certain, to dark, ln 2). Grids without bisnn cells give none.
 *
 * <p>Thread-safety: stateless.
 */
final class BisnnFigures {
    static final String SQL = "SELECT coalesce(CAST(params['hidden'] AS INT), 0), method, reliability_count,"
            + " reliability_confidence, reliability_accuracy, entropy_map, seed, provenance.split_seed, train_size,"
            + " CAST(aggregate(reliability_count, 0D, (acc, x) -> acc + x) AS BIGINT) FROM cells WHERE status = 'OK'"
            + " AND model = 'bisnn' AND entropy_map IS NOT NULL ORDER BY 1, 2, seed";
    private static final int SHADES = 8;

    private BisnnFigures() {
    }

    /**
     * Per hidden width and method: pooled bin counts, confidence sums, correct sums, and the summed entropy map; the
     * training points of the lowest seed ({@code trainSeed}), regenerated from its split seed, to draw on the map.
     */
    record Pooled(double[] count, double[] confidenceSum, double[] correctSum, double[] entropySum, int cells,
                  int trainSeed, TwoMoons train) {
    }

    static Map<Integer, Map<String, Pooled>> compute(SparkSession spark) {
        Map<Integer, Map<String, Pooled>> out = new TreeMap<>();
        for (org.apache.spark.sql.Row r : spark.sql(SQL).collectAsList()) {
            double[] count = doubles(r.getList(2));
            double[] conf = doubles(r.getList(3));
            double[] acc = doubles(r.getList(4));
            double[] map = doubles(r.getList(5));
            Pooled p = out.computeIfAbsent(r.getInt(0), k -> new TreeMap<>()).computeIfAbsent(r.getString(1),
                    k -> new Pooled(new double[count.length], new double[count.length], new double[count.length],
                            new double[map.length], 0, r.getInt(6), BisnnTwoMoons.task(r.getLong(7), r.getInt(8),
                            (int) r.getLong(9)).train()));
            for (int m = 0; m < count.length && m < p.count().length; m++) {
                if (count[m] > 0) {
                    p.count()[m] += count[m];
                    p.confidenceSum()[m] += count[m] * conf[m];
                    p.correctSum()[m] += count[m] * acc[m];
                }
            }
            for (int i = 0; i < map.length && i < p.entropySum().length; i++) {
                p.entropySum()[i] += map[i];
            }
            out.get(r.getInt(0)).put(r.getString(1), new Pooled(p.count(), p.confidenceSum(), p.correctSum(),
                    p.entropySum(), p.cells() + 1, p.trainSeed(), p.train()));
        }
        return out;
    }

    private static double[] doubles(List<Object> v) {
        double[] d = new double[v.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = ((Number) v.get(i)).doubleValue();
        }
        return d;
    }

    static List<Figures.Figure> draw(Map<Integer, Map<String, Pooled>> pooled, Path dir) {
        List<Figures.Figure> out = new ArrayList<>();
        Color[] palette = {new Color(31, 119, 180), new Color(214, 39, 40), new Color(44, 160, 44),
                new Color(148, 103, 189)};
        pooled.forEach((hidden, methods) -> {
            String width = hidden > 0 ? "hidden " + hidden : "default width";
            XYChart c = Figures.chart("Reliability diagram: two moons, " + width, "confidence", "accuracy");
            XYSeries diag = c.addSeries("perfect calibration", new double[] {0.5, 1}, new double[] {0.5, 1});
            diag.setLineColor(Color.BLACK);
            diag.setMarker(SeriesMarkers.NONE);
            diag.setLineStyle(Figures.DASHED);
            int i = 0;
            for (Map.Entry<String, Pooled> e : methods.entrySet()) {
                Pooled p = e.getValue();
                List<double[]> pts = new ArrayList<>();
                for (int m = 0; m < p.count().length; m++) {
                    if (p.count()[m] > 0) {
                        pts.add(new double[] {p.confidenceSum()[m] / p.count()[m], p.correctSum()[m] / p.count()[m]});
                    }
                }
                if (pts.isEmpty()) {
                    continue;
                }
                XYSeries s = c.addSeries(e.getKey() + " (" + p.cells() + " cells)",
                        pts.stream().mapToDouble(x -> x[0]).toArray(), pts.stream().mapToDouble(x -> x[1]).toArray());
                Color col = palette[i++ % palette.length];
                s.setLineColor(col);
                s.setMarkerColor(col);
                s.setMarker(SeriesMarkers.CIRCLE);
            }
            out.add(Figures.save(c, dir, "bisnn-reliability-" + hidden, "Accuracy against confidence in 10 equal-width"
                    + " confidence bins, each method's test predictions pooled over its seeds (bins without"
                    + " predictions left out); on the dashed diagonal a method is perfectly calibrated."));
            for (Map.Entry<String, Pooled> e : methods.entrySet()) {
                out.add(map(e.getKey(), width, hidden, e.getValue(), dir));
            }
        });
        return out;
    }

    /** The entropy map as squares in {@value #SHADES} shades of grey, one series a shade. */
    private static Figures.Figure map(String method, String width, int hidden, Pooled p, Path dir) {
        int n = p.entropySum().length;
        int side = (int) Math.round(Math.sqrt(n));
        double[][] grid = TwoMoons.grid(side);
        XYChart c = Figures.chart("Uncertainty map: " + method + ", " + width, "x1", "x2");
        c.getStyler().setMarkerSize(Math.max(4, 360 / side));
        c.getStyler().setXAxisMin(-0.05).setXAxisMax(1.05).setYAxisMin(-0.05).setYAxisMax(1.05);
        double top = Math.log(2);
        for (int k = 0; k < SHADES; k++) {
            List<double[]> pts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                double h = p.entropySum()[i] / p.cells();
                int shade = Math.min(SHADES - 1, (int) Math.floor(h / top * SHADES));
                if (shade == k) {
                    pts.add(grid[i]);
                }
            }
            if (pts.isEmpty()) {
                continue;
            }
            int g = 255 - (int) Math.round(225.0 * k / (SHADES - 1));
            XYSeries s = c.addSeries(String.format("entropy %.2f-%.2f", top * k / SHADES, top * (k + 1) / SHADES),
                    pts.stream().mapToDouble(x -> x[0]).toArray(), pts.stream().mapToDouble(x -> x[1]).toArray());
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.SQUARE);
            s.setMarkerColor(new Color(g, g, g));
        }
        Color[] classes = {new Color(31, 119, 180), new Color(214, 39, 40)};
        for (int y = 0; y < 2; y++) {
            List<double[]> pts = new ArrayList<>();
            double[][] xs = p.train().points();
            int[] ys = p.train().labels();
            for (int i = 0; i < xs.length; i++) {
                if (ys[i] == y) {
                    pts.add(xs[i]);
                }
            }
            if (pts.isEmpty()) {
                continue;
            }
            XYSeries s = c.addSeries("training class " + y + " (seed " + p.trainSeed() + ")",
                    pts.stream().mapToDouble(x -> x[0]).toArray(), pts.stream().mapToDouble(x -> x[1]).toArray());
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(y == 0 ? SeriesMarkers.CIRCLE : SeriesMarkers.DIAMOND);
            s.setMarkerColor(classes[y]);
        }
        return Figures.save(c, dir, "bisnn-uncertainty-" + hidden + "-" + Format.slug(method), "Mean predictive entropy"
                + " over the grid (" + p.cells() + " seeds): white is certain, dark is ln 2 (a coin flip); far from the"
                + " two moons a calibrated model should be unsure. On top, the training points of seed " + p.trainSeed()
                + " (each seed draws its own).");
    }
}
