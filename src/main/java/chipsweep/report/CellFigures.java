package chipsweep.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's figures of one point per cell: test accuracy against hidden spikes per image (the sparsity axis of
 * Cramer et al. 2022; cells of the current-based model) and against chip time (sample evaluations on the chip
 * during training, log scale; one figure per distortion and sigma, for methods that use the chip, such as
 * {@code mh} and {@code itl} of the families comparison). Each names its task and draws the task's chance floor.
 *
 * <p>Thread-safety: stateless.
 */
final class CellFigures {
    private CellFigures() {
    }

    /** {@code suffix} ends every file name (a task's, when the report shows several). */
    static void draw(String task, List<Aggregates.Seed> seeds, double floor, Path dir, String suffix,
                     List<Figures.Figure> out) {
        List<Aggregates.Seed> spiking = seeds.stream().filter(s -> Double.isFinite(s.hiddenSpikes())).toList();
        if (spiking.size() >= 2) {
            XYChart c = Figures.chart(task + ": test accuracy vs hidden spikes per image", "hidden spikes per image",
                    "test accuracy (%)");
            points(c, spiking, Aggregates.Seed::hiddenSpikes);
            Figures.floor(c, spiking.stream().mapToDouble(Aggregates.Seed::hiddenSpikes).min().orElse(0),
                    spiking.stream().mapToDouble(Aggregates.Seed::hiddenSpikes).max().orElse(1), floor);
            out.add(Figures.save(c, dir, "accuracy-vs-hidden-spikes" + suffix, "One point per cell (every sigma, train size"
                    + " and seed): its test accuracy against the mean number of hidden spikes per test image, per"
                    + " method; the dashed line is the task's chance floor (" + Format.pct(floor) + "%)."));
        }
        List<Aggregates.Seed> timed = seeds.stream().filter(s -> s.chipSamples() > 0).toList();
        TreeSet<String> groups = new TreeSet<>();
        timed.forEach(s -> groups.add(s.distortion() + "|" + s.sigma()));
        for (String g : groups) {
            List<Aggregates.Seed> pts = timed.stream().filter(s -> g.equals(s.distortion() + "|" + s.sigma())).toList();
            if (pts.stream().mapToDouble(Aggregates.Seed::chipSamples).distinct().count() < 2) {
                continue; // one chip time (one train size and method, as in cramer2022): a column of points, no axis
            }
            Aggregates.Seed first = pts.get(0);
            XYChart c = Figures.chart(task + ": test accuracy vs chip time, " + first.distortion() + ", sigma "
                    + Format.number(first.sigma()), "chip time: sample evaluations in training (log scale)",
                    "test accuracy (%)");
            c.getStyler().setXAxisLogarithmic(true);
            points(c, pts, Aggregates.Seed::chipSamples);
            Figures.floor(c, pts.stream().mapToDouble(Aggregates.Seed::chipSamples).min().orElse(1),
                    pts.stream().mapToDouble(Aggregates.Seed::chipSamples).max().orElse(10), floor);
            out.add(Figures.save(c, dir, "accuracy-vs-chip-time-" + Format.slug(first.distortion()) + "-sigma-"
                    + Format.slug(Format.number(first.sigma())) + suffix, "One point per cell that used the chip in training"
                    + " (every train size and seed): test accuracy against the samples the chip ran, per method;"
                    + " the dashed line is the task's chance floor (" + Format.pct(floor) + "%)."));
        }
    }

    /** A scatter series per method label of the cells' accuracy against {@code x}. */
    private static void points(XYChart c, List<Aggregates.Seed> cells,
                               java.util.function.ToDoubleFunction<Aggregates.Seed> x) {
        Map<String, List<Aggregates.Seed>> byMethod = new TreeMap<>();
        cells.forEach(s -> byMethod.computeIfAbsent(s.method(), k -> new java.util.ArrayList<>()).add(s));
        for (Map.Entry<String, List<Aggregates.Seed>> e : byMethod.entrySet()) {
            XYSeries s = c.addSeries(e.getKey(), e.getValue().stream().mapToDouble(x).toArray(),
                    e.getValue().stream().mapToDouble(p -> 100 * p.testAccuracy()).toArray());
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(Figures.color(e.getKey()));
        }
    }
}
