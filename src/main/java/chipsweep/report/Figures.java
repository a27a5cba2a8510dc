package chipsweep.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's figures, drawn with XChart and saved as PNG and SVG: accuracy vs sigma (one panel per
 * distortion, a line per method with its 95% CI band and the per-seed points, the majority floor dashed),
 * accuracy vs train-set size (log x, one panel per distortion and sigma), MH acceptance vs sigma, and a few
 * MH chain traces and BP learning curves.
 *
 * <p>Thread-safety: stateless.
 */
final class Figures {
    /** A saved figure: base file name (add .png / .svg), title and caption. */
    record Figure(String file, String title, String caption) {
    }

    static final Map<String, Color> COLORS = Map.ofEntries(
            Map.entry("mh", new Color(31, 119, 180)),
            Map.entry("bp", new Color(214, 39, 40)),
            Map.entry("bp-offline", new Color(127, 127, 127)),
            Map.entry("bp-oracle", new Color(44, 160, 44)),
            Map.entry("mh-warm", new Color(23, 190, 207)),
            Map.entry("bp-warm", new Color(255, 127, 14)),
            Map.entry("itl", new Color(214, 39, 40)),
            Map.entry("transfer", new Color(127, 127, 127)),
            Map.entry("software", new Color(44, 160, 44)),
            Map.entry("bp-st", new Color(148, 103, 189)),
            Map.entry("bp-bayes", new Color(140, 86, 75)),
            Map.entry("mh-sign", new Color(227, 119, 194)),
            Map.entry("mimic", new Color(31, 119, 180)),
            Map.entry("mimic-no-fast", new Color(255, 127, 14)),
            Map.entry("bptt", new Color(214, 39, 40)));

    /** A method label's colour: that of its method ({@code itl rho_b=0.001} is drawn as {@code itl}). */
    static Color color(String label) {
        int space = label.indexOf(' ');
        return COLORS.getOrDefault(space < 0 ? label : label.substring(0, space), Color.DARK_GRAY);
    }

    /** The task (data set) the rows show, for figure titles: a figure says which task it shows. */
    static String task(List<Aggregates.Row> rows) {
        return rows.stream().map(Aggregates.Row::dataset).distinct().sorted().collect(
                java.util.stream.Collectors.joining(", "));
    }
    static final BasicStroke DASHED = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {6f, 4f}, 0f);

    private Figures() {
    }

    /** The trace figures: method, column, title, x-axis name. */
    static final List<String[]> TRACE_SPECS = List.of(
            new String[] {"mh", "log_likelihood", "MH chain: log-likelihood vs iteration", "iteration"},
            new String[] {"bp", "loss", "BP learning curve: training loss vs epoch", "epoch"});

    /**
     * Draws every figure into {@code dir}; {@code curves} holds each trace figure's {@link #traceCurves} by
     * method (queried beforehand, alongside the report's other queries).
     */
    static List<Figure> draw(List<Aggregates.Row> agg, List<Aggregates.Seed> seeds, ReportContext ctx, Path dir,
                             Map<String, Map<String, double[][]>> curves) {
        System.setProperty("java.awt.headless", "true");
        List<Figure> out = new ArrayList<>();
        // one set of figures per data set (task); with several, the files carry the task's name
        TreeSet<String> tasks = new TreeSet<>();
        agg.forEach(r -> tasks.add(r.dataset()));
        for (String t : tasks) {
            drawTask(agg.stream().filter(r -> r.dataset().equals(t)).toList(),
                    seeds.stream().filter(s -> s.dataset().equals(t)).toList(), ctx.floor(t), dir,
                    tasks.size() > 1 ? "-" + Format.slug(t) : "", out);
        }
        traces(curves, dir, out);
        return out;
    }

    /** The figures of one task's rows; {@code suffix} ends every file name. */
    private static void drawTask(List<Aggregates.Row> agg, List<Aggregates.Seed> seeds, double majorityFloor, Path dir,
                                 String suffix, List<Figure> out) {
        int fullN = agg.stream().mapToInt(Aggregates.Row::trainSize).max().orElse(0);
        String task = task(agg);
        TreeSet<String> distortions = new TreeSet<>();
        agg.forEach(r -> distortions.add(r.distortion()));
        for (String d : distortions) {
            List<Aggregates.Row> rows = agg.stream().filter(r -> r.distortion().equals(d) && r.trainSize() == fullN && r.ok() > 0).toList();
            if (rows.stream().map(Aggregates.Row::sigma).distinct().count() >= 2) {
                XYChart c = chart(task + ": test accuracy vs sigma, " + d + ", n = " + fullN, "sigma", "test accuracy (%)");
                plotLines(c, rows, seeds.stream().filter(s -> s.distortion().equals(d) && s.trainSize() == fullN).toList(),
                        true);
                floor(c, rows.stream().mapToDouble(Aggregates.Row::sigma).min().orElse(0),
                        rows.stream().mapToDouble(Aggregates.Row::sigma).max().orElse(1), majorityFloor);
                out.add(save(c, dir, "accuracy-vs-sigma-" + Format.slug(d) + suffix, "Mean test accuracy over seeds with its 95% CI"
                        + " band, per-seed points, and the majority-class floor (" + Format.pct(majorityFloor) + "%)."));
            }
            TreeSet<Double> sigmas = new TreeSet<>();
            rows = agg.stream().filter(r -> r.distortion().equals(d) && r.ok() > 0).toList();
            rows.forEach(r -> sigmas.add(r.sigma()));
            for (double s : sigmas) {
                List<Aggregates.Row> bySize = rows.stream().filter(r -> r.sigma() == s).toList();
                if (bySize.stream().map(Aggregates.Row::trainSize).distinct().count() < 2) {
                    continue;
                }
                XYChart c = chart(task + ": test accuracy vs train-set size, " + d + ", sigma " + Format.number(s),
                        "train-set size n (log scale)", "test accuracy (%)");
                c.getStyler().setXAxisLogarithmic(true);
                plotLines(c, bySize, seeds.stream().filter(x -> x.distortion().equals(d) && x.sigma() == s).toList(), false);
                floor(c, bySize.stream().mapToInt(Aggregates.Row::trainSize).min().orElse(1),
                        bySize.stream().mapToInt(Aggregates.Row::trainSize).max().orElse(2), majorityFloor);
                out.add(save(c, dir, "accuracy-vs-train-size-" + Format.slug(d) + "-sigma-" + Format.slug(Format.number(s))
                        + suffix,
                        "Mean test accuracy vs training-set size with 95% CI bands and per-seed points."));
            }
            List<Aggregates.Row> mh = agg.stream().filter(r -> r.distortion().equals(d) && r.method().equals("mh")
                    && r.trainSize() == fullN && Double.isFinite(r.meanAcceptance())).toList();
            if (mh.size() >= 2) {
                XYChart c = chart(task + ": MH acceptance vs sigma, " + d + ", n = " + fullN, "sigma",
                        "acceptance after burn-in");
                double[] x = mh.stream().mapToDouble(Aggregates.Row::sigma).toArray();
                double[] y = mh.stream().mapToDouble(Aggregates.Row::meanAcceptance).toArray();
                XYSeries line = c.addSeries("mh mean", x, y);
                line.setLineColor(COLORS.get("mh"));
                line.setMarkerColor(COLORS.get("mh"));
                List<Aggregates.Seed> pts = seeds.stream().filter(s -> s.distortion().equals(d) && s.method().equals("mh")
                        && s.trainSize() == fullN && Double.isFinite(s.acceptance())).toList();
                if (!pts.isEmpty()) {
                    XYSeries sc = c.addSeries("mh seeds", pts.stream().mapToDouble(Aggregates.Seed::sigma).toArray(),
                            pts.stream().mapToDouble(Aggregates.Seed::acceptance).toArray());
                    scatter(sc, COLORS.get("mh"));
                }
                band(c, "0.15-0.40 window", new double[] {x[0], x[x.length - 1]}, new double[] {0.15, 0.15},
                        new double[] {0.40, 0.40}, new Color(44, 160, 44));
                out.add(save(c, dir, "mh-acceptance-vs-sigma-" + Format.slug(d) + suffix,
                        "Mean MH acceptance rate after burn-in per sigma, per-seed points, and the 0.15-0.40 window."));
            }
        }
        CellFigures.draw(task, seeds, majorityFloor, dir, suffix, out);
    }

    static XYChart chart(String title, String x, String y) {
        XYChart c = new XYChartBuilder().width(820).height(520).title(title).xAxisTitle(x).yAxisTitle(y).build();
        Styler st = c.getStyler();
        st.setLegendPosition(Styler.LegendPosition.OutsideE);
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setMarkerSize(6);
        st.setAntiAlias(true);
        return c;
    }

    /**
     * A line per method (mean), its CI band (clipped to the accuracies that exist, 0-100%: with two seeds a t
     * interval can span hundreds of points) and its per-seed points; x is sigma or train size.
     */
    private static void plotLines(XYChart c, List<Aggregates.Row> rows, List<Aggregates.Seed> seeds, boolean bySigma) {
        Map<String, TreeMap<Double, Aggregates.Row>> methods = new TreeMap<>();
        for (Aggregates.Row r : rows) {
            methods.computeIfAbsent(r.method(), k -> new TreeMap<>()).put(bySigma ? r.sigma() : r.trainSize(), r);
        }
        for (Map.Entry<String, TreeMap<Double, Aggregates.Row>> e : methods.entrySet()) {
            Color col = color(e.getKey());
            double[] x = e.getValue().keySet().stream().mapToDouble(Double::doubleValue).toArray();
            double[] y = e.getValue().values().stream().mapToDouble(r -> 100 * r.mean()).toArray();
            double[] lo = e.getValue().values().stream().mapToDouble(r -> 100 * Math.max(0, r.hasCi() ? r.mean() - r.halfWidth() : r.mean())).toArray();
            double[] hi = e.getValue().values().stream().mapToDouble(r -> 100 * Math.min(1, r.hasCi() ? r.mean() + r.halfWidth() : r.mean())).toArray();
            if (x.length >= 2) {
                band(c, e.getKey() + " 95% CI", x, lo, hi, col);
            }
            XYSeries line = c.addSeries(e.getKey(), x, y);
            line.setLineColor(col);
            line.setMarkerColor(col);
            line.setMarker(SeriesMarkers.CIRCLE);
            List<Aggregates.Seed> pts = seeds.stream().filter(s -> s.method().equals(e.getKey())).toList();
            if (!pts.isEmpty()) {
                XYSeries sc = c.addSeries(e.getKey() + " seeds", pts.stream().mapToDouble(s -> bySigma ? s.sigma() : s.trainSize()).toArray(),
                        pts.stream().mapToDouble(s -> 100 * s.testAccuracy()).toArray());
                scatter(sc, col);
            }
        }
    }

    static void scatter(XYSeries s, Color col) {
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.DIAMOND);
        s.setMarkerColor(new Color(col.getRed(), col.getGreen(), col.getBlue(), 90));
        s.setShowInLegend(false);
    }

    /** A filled polygon between {@code lo} and {@code hi} over {@code x}. */
    static void band(XYChart c, String name, double[] x, double[] lo, double[] hi, Color col) {
        int n = x.length;
        double[] px = new double[2 * n];
        double[] py = new double[2 * n];
        for (int i = 0; i < n; i++) {
            px[i] = x[i];
            py[i] = hi[i];
            px[2 * n - 1 - i] = x[i];
            py[2 * n - 1 - i] = lo[i];
        }
        XYSeries s = c.addSeries(name, px, py);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        Color fill = new Color(col.getRed(), col.getGreen(), col.getBlue(), 40);
        s.setFillColor(fill);
        s.setLineColor(fill);
        s.setMarker(SeriesMarkers.NONE);
        s.setShowInLegend(false);
    }

    static void floor(XYChart c, double x0, double x1, double floor) {
        XYSeries s = c.addSeries("majority floor " + Format.pct(floor) + "%", new double[] {x0, x1},
                new double[] {100 * floor, 100 * floor});
        s.setLineColor(Color.BLACK);
        s.setLineStyle(DASHED);
        s.setMarker(SeriesMarkers.NONE);
    }

    /** Up to three MH chains and three BP curves (see {@link #traceCurves}). */
    private static void traces(Map<String, Map<String, double[][]>> curves, Path dir, List<Figure> out) {
        for (String[] spec : TRACE_SPECS) {
            XYChart c = chart(spec[2], spec[3], spec[1].replace('_', '-'));
            for (Map.Entry<String, double[][]> e : curves.getOrDefault(spec[0], Map.of()).entrySet()) {
                XYSeries s = c.addSeries(e.getKey(), e.getValue()[0], e.getValue()[1]);
                s.setMarker(SeriesMarkers.NONE);
            }
            if (!c.getSeriesMap().isEmpty()) {
                out.add(save(c, dir, spec[0] + "-traces", spec[0].equals("mh")
                        ? "Tempered log-likelihood of the MH chain state (thinned) for three cells at the strongest sigma."
                        : "Mean training loss per epoch of surrogate-gradient BP for three cells at the strongest sigma."));
            }
        }
    }

    /**
     * The curves of one trace figure, label to {x, y}: the points of {@code column} for up to three cells of
     * {@code method} with points in it (an MH cell's chain 0), the strongest sigma's full-data cells, lowest seeds
     * first; curves of
     * fewer than two points are left out. One query reads them all (ranked by a window): each query scans the
     * traces' files.
     */
    static Map<String, double[][]> traceCurves(SparkSession spark, String method, String column) {
        List<Row> rows = spark.sql("SELECT cell_id, distortion, sigma, train_size, seed, point, " + column
                + " FROM (SELECT *, dense_rank() OVER (ORDER BY sigma DESC, train_size DESC, distortion, seed) AS r"
                + " FROM traces WHERE method = '" + method + "' AND " + column + " IS NOT NULL"
                + " AND coalesce(chain, 0) = 0)" // one chain a curve: with several MH chains, chain 0
                + " WHERE r <= 3 ORDER BY r, point").collectAsList();
        Map<String, List<Row>> byCell = new LinkedHashMap<>();
        for (Row r : rows) {
            byCell.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r);
        }
        Map<String, double[][]> curves = new LinkedHashMap<>();
        for (List<Row> pts : byCell.values()) {
            if (pts.size() >= 2) {
                Row r = pts.get(0);
                curves.put(r.getString(1) + " s=" + Format.number(r.getDouble(2)) + " n=" + r.getInt(3) + " seed "
                        + r.getInt(4), new double[][] {pts.stream().mapToDouble(p -> p.getInt(5)).toArray(),
                        pts.stream().mapToDouble(p -> p.getDouble(6)).toArray()});
            }
        }
        return curves;
    }

    static Figure save(XYChart c, Path dir, String name, String caption) {
        try {
            BitmapEncoder.saveBitmap(c, dir.resolve(name + ".png").toString(), BitmapEncoder.BitmapFormat.PNG);
            VectorGraphicsEncoder.saveVectorGraphic(c, dir.resolve(name + ".svg").toString(),
                    VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write figure " + name + " into " + dir + ": " + e.getMessage(), e);
        }
        return new Figure(name, c.getTitle(), caption);
    }
}
