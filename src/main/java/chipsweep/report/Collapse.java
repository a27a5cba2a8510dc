package chipsweep.report;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's section on MH convergence (issue #16): per (distortion, sigma, n) of the cold {@code mh} cells,
 * the cells whose chain 0 (the lone chain of METHOD.md) collapsed onto the saturation plateau, the cells whose
 * deployed chain did, the cells at the majority floor, the distributions (median and extreme) of split-R-hat and
 * bulk ESS, and chip time; and a trace figure of a collapsed chain 0 beside the chain the cell deployed instead.
 * Cells written before these columns existed are left out.
 *
 * <p>Thread-safety: stateless.
 */
final class Collapse {
    static final String SQL = "SELECT distortion, sigma, train_size, count(*) AS cells, max(mh_chains) AS chains,\n"
            + "  count_if(chain0_plateau_share > 0.5) AS collapsed_chain0,\n"
            + "  count_if(plateau_share > 0.5) AS collapsed_deployed,\n"
            + "  count_if(test_accuracy <= %s) AS at_floor,\n"
            + "  percentile(rhat_loss, 0.5) AS rhat_loss_median, max(rhat_loss) AS rhat_loss_max,\n"
            + "  percentile(ess_loss, 0.5) AS ess_loss_median, min(ess_loss) AS ess_loss_min,\n"
            + "  percentile(rhat_weights, 0.5) AS rhat_weights_median, percentile(ess_weights, 0.5) AS ess_weights_median,\n"
            + "  avg(chip_samples) AS chip_samples\n"
            + "FROM cells WHERE method = 'mh' AND status = 'OK' AND mh_chains IS NOT NULL\n"
            + "GROUP BY distortion, sigma, train_size ORDER BY distortion, sigma, train_size";

    private Collapse() {
    }

    /** One (distortion, sigma, n) group; the R-hat and ESS figures are NaN where no cell had them. */
    record Group(String distortion, double sigma, int trainSize, long cells, int chains, long collapsedChain0,
                 long collapsedDeployed, long atFloor, double rhatLossMedian, double rhatLossMax, double essLossMedian,
                 double essLossMin, double rhatWeightsMedian, double essWeightsMedian, double chipSamples) {
    }

    /** The trace of one chain: iterations and log-likelihoods. */
    record Trace(String label, double[] x, double[] y) {
    }

    static List<Group> compute(SparkSession spark, double floor) {
        List<Group> out = new ArrayList<>();
        // a hair above the floor, so that rounding of 107/171 cannot hide a collapsed cell
        for (Row r : spark.sql(String.format(SQL, Double.toString(floor + 1e-9))).collectAsList()) {
            out.add(new Group(r.getString(0), r.getDouble(1), r.getInt(2), r.getLong(3), r.getInt(4), r.getLong(5),
                    r.getLong(6), r.getLong(7), d(r, 8), d(r, 9), d(r, 10), d(r, 11), d(r, 12), d(r, 13), d(r, 14)));
        }
        return out;
    }

    /**
     * The traces of the first cell (by sigma, seed) whose chain 0 collapsed while its deployed chain did not: chain 0
     * and the deployed chain. Failing that, the first collapsed chain 0 alone. Empty if no chain 0 collapsed.
     */
    static List<Trace> traces(SparkSession spark) {
        List<Row> pick = spark.sql("SELECT cell_id, deployed_chain, plateau_share, distortion, sigma, train_size, seed"
                + " FROM cells WHERE method = 'mh' AND status = 'OK' AND chain0_plateau_share > 0.5"
                + " ORDER BY CASE WHEN plateau_share <= 0.5 THEN 0 ELSE 1 END, sigma, seed, distortion LIMIT 1")
                .collectAsList();
        if (pick.isEmpty()) {
            return List.of();
        }
        Row p = pick.get(0);
        String cell = p.getString(3) + " sigma " + Format.number(p.getDouble(4)) + ", n " + p.getInt(5) + ", seed " + p.getInt(6);
        int deployed = p.getInt(1);
        List<Trace> out = new ArrayList<>();
        for (int chain : deployed == 0 ? new int[] {0} : new int[] {0, deployed}) {
            List<Row> rows = spark.sql("SELECT point, log_likelihood FROM traces WHERE cell_id = '" + p.getString(0)
                    + "' AND chain = " + chain + " AND log_likelihood IS NOT NULL ORDER BY point").collectAsList();
            double[] x = rows.stream().mapToDouble(r -> r.getInt(0)).toArray();
            double[] y = rows.stream().mapToDouble(r -> r.getDouble(1)).toArray();
            if (x.length > 0) {
                out.add(new Trace(cell + ": chain " + chain + (chain == 0 ? " (collapsed)" : " (deployed)"), x, y));
            }
        }
        return out;
    }

    static List<Figures.Figure> draw(List<Trace> traces, Path dir) {
        if (traces.isEmpty()) {
            return List.of();
        }
        XYChart c = Figures.chart("MH: a collapsed chain and the chain deployed instead", "iteration", "log-likelihood");
        Color[] colors = {new Color(214, 39, 40), new Color(31, 119, 180)};
        for (int i = 0; i < traces.size(); i++) {
            Trace t = traces.get(i);
            XYSeries s = c.addSeries(t.label(), t.x(), t.y());
            s.setLineColor(colors[i % 2]);
            s.setMarker(SeriesMarkers.NONE);
        }
        return List.of(Figures.save(c, dir, "mh-collapsed-and-rescued",
                "Log-likelihood of the training set along two chains of one cell: chain 0 (the lone chain of METHOD.md)"
                        + " stays on the saturation plateau, where one output is silent or every output saturated for"
                        + " a quarter of the samples or more; the chain the cell deployed climbs off it."));
    }

    static String html(List<Group> groups) {
        if (groups.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("<h2>MH convergence: collapsed chains, R-hat, ESS</h2>\n<table><tr>"
                + "<th>distortion</th><th>sigma</th><th>n</th><th>cells</th><th>chains</th><th>chain 0 collapsed</th>"
                + "<th>deployed chain collapsed</th><th>at majority floor</th><th>R-hat loss median (max)</th>"
                + "<th>ESS loss median (min)</th><th>R-hat weights median</th><th>ESS weights median</th>"
                + "<th>chip samples</th></tr>\n");
        for (Group g : groups) {
            b.append("<tr><td>").append(Format.html(g.distortion())).append("</td>");
            cells(b, Format.number(g.sigma()), Integer.toString(g.trainSize()), Long.toString(g.cells()),
                    Integer.toString(g.chains()), Long.toString(g.collapsedChain0()), Long.toString(g.collapsedDeployed()),
                    Long.toString(g.atFloor()), Format.fixed(g.rhatLossMedian(), 2) + " (" + Format.fixed(g.rhatLossMax(), 2) + ")",
                    Format.fixed(g.essLossMedian(), 0) + " (" + Format.fixed(g.essLossMin(), 0) + ")", Format.fixed(g.rhatWeightsMedian(), 2),
                    Format.fixed(g.essWeightsMedian(), 0),
                    Double.isFinite(g.chipSamples()) ? String.format("%,.0f", g.chipSamples()) : Format.MISSING);
            b.append("</tr>\n");
        }
        b.append("</table>\n<p class=\"note\">A chain is collapsed when it spent more than half of its post-burn-in"
                + " iterations on the saturation plateau: a state with a quarter or more of the training samples"
                + " saturated (every output at T spikes, or every output silent), by the chip's outputs alone. Chain 0 is"
                + " the lone chain of METHOD.md; the deployed chain is the one whose posterior mean fits the training set"
                + " best. R-hat and ESS: rank-normalised split-R-hat and bulk ESS over the post-burn-in trace points"
                + " of every chain (the weights: per-layer L2 norms, the worst layer). From:</p>\n<pre>")
                .append(Format.html(String.format(SQL, "0.6257309941520468"))).append("</pre>\n");
        return b.toString();
    }

    private static void cells(StringBuilder b, String... values) {
        for (String v : values) {
            b.append("<td class=\"num\">").append(v).append("</td>");
        }
    }

    private static double d(Row r, int i) {
        return r.isNullAt(i) ? Double.NaN : ((Number) r.get(i)).doubleValue();
    }
}
