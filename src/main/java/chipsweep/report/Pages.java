package chipsweep.report;

import java.util.List;

/**
 * Writes the report's text: the self-contained {@code index.html} (inline CSS, figures beside it), and the
 * aggregate table as {@code summary.md} and {@code summary.csv}. Missing values print as "—", never NaN or null.
 *
 * <p>Thread-safety: stateless.
 */
final class Pages {
    private Pages() {
    }

    /** Provenance lines for the page: label and value, already formatted. */
    record Provenance(List<String[]> items, List<String[]> failed) {
    }

    static String csv(List<Aggregates.Row> agg) {
        StringBuilder b = new StringBuilder("dataset,distortion,sigma,train_size,method,n_ok,n_failed,mean,sd,ci_low,ci_high,mean_acceptance\n");
        for (Aggregates.Row r : agg) {
            b.append(String.join(",", r.dataset(), r.distortion(), Double.toString(r.sigma()), Integer.toString(r.trainSize()),
                    r.method(), Integer.toString(r.ok()), Integer.toString(r.failed()), Format.csv(r.mean()), Format.csv(r.sd()),
                    r.hasCi() ? Format.csv(r.mean() - r.halfWidth()) : "", r.hasCi() ? Format.csv(r.mean() + r.halfWidth()) : "",
                    Format.csv(r.meanAcceptance()))).append('\n');
        }
        return b.toString();
    }

    static String claimsMarkdown(List<Claims.Row> claims) {
        StringBuilder b = new StringBuilder("| claim | paper | measured | 95% CI | verdict |\n|---|---|---|---|---|\n");
        for (Claims.Row c : claims) {
            b.append("| ").append(Format.md(c.claim())).append(" | ").append(Format.md(c.paper())).append(" | ")
                    .append(Format.md(c.measured())).append(" | ").append(Format.md(c.ci())).append(" | ")
                    .append(c.verdict().name().toLowerCase().replace('_', ' ')).append(" |\n");
        }
        return b.toString();
    }

    static String markdown(ReportContext ctx, List<Aggregates.Row> agg, List<Claims.Row> claims) {
        StringBuilder b = new StringBuilder("# chipsweep report: " + Format.md(ctx.jobName()) + "\n\n## Claims\n\n");
        b.append(claimsMarkdown(claims)).append("\n## Test accuracy (%) per cell group\n\n");
        b.append("| dataset | distortion | sigma | n | method | seeds OK | failed | mean | sd | 95% CI | mh acceptance |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Aggregates.Row r : agg) {
            b.append("| ").append(r.dataset()).append(" | ").append(r.distortion()).append(" | ").append(Format.number(r.sigma()))
                    .append(" | ").append(r.trainSize()).append(" | ").append(r.method()).append(" | ").append(r.ok())
                    .append(" | ").append(r.failed()).append(" | ").append(Format.pct(r.mean())).append(" | ")
                    .append(Format.pct(r.sd())).append(" | ").append(ci(r)).append(" | ").append(Format.fixed(r.meanAcceptance(), 3))
                    .append(" |\n");
        }
        b.append("\nCI: mean ± t(0.975, seeds − 1) · sd / √seeds over the OK seeds. Query:\n\n```sql\n")
                .append(Aggregates.SQL).append("\n```\n");
        return b.toString();
    }

    private static String ci(Aggregates.Row r) {
        return r.hasCi() ? "[" + Format.pct(r.mean() - r.halfWidth()) + ", " + Format.pct(r.mean() + r.halfWidth()) + "]"
                : Format.MISSING;
    }

    static String html(ReportContext ctx, List<Aggregates.Row> agg, List<Claims.Row> claims, List<Figures.Figure> figures,
                       Provenance prov, String deploymentSection) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>chipsweep report: ")
                .append(Format.html(ctx.jobName())).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2em auto;max-width:1100px;color:#222;padding:0 1em}")
                .append("h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ddd;padding-bottom:.2em}")
                .append("table{border-collapse:collapse;margin:1em 0;font-size:.9em}th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left}")
                .append("th{background:#f3f3f3}td.num{text-align:right;font-variant-numeric:tabular-nums}")
                .append(".REPRODUCED{background:#d9f2d9}.NOT_REPRODUCED{background:#f8d7d7}.NOT_COVERED{background:#eee}.FINDING{background:#e6eefa}")
                .append("figure{margin:1.5em 0}figure img{max-width:100%;border:1px solid #eee}figcaption{font-size:.9em;color:#555}")
                .append("pre{background:#f7f7f7;padding:.8em;overflow-x:auto;font-size:.85em}.note{color:#555;font-size:.9em}\n")
                .append("</style></head><body>\n");
        b.append("<h1>chipsweep report: ").append(Format.html(ctx.jobName())).append("</h1>\n");
        b.append("<p class=\"note\">Chip-in-the-loop training of spiking networks on simulated, distorted chips"
                + " (the methods and their papers: README and the job as run, below). Accuracies are test-set"
                + " percentages, means over seeds; the dashed floor is the test set's majority-class share ("
                + floors(ctx) + ").</p>\n");
        b.append("<h2>Claims check</h2>\n<table><tr><th>claim</th><th>paper</th><th>measured</th><th>95% CI</th><th>verdict</th><th>note</th></tr>\n");
        for (Claims.Row c : claims) {
            b.append("<tr class=\"").append(c.verdict().name()).append("\"><td>").append(Format.html(c.claim()))
                    .append("</td><td>").append(Format.html(c.paper())).append("</td><td>").append(Format.html(c.measured()))
                    .append("</td><td>").append(Format.html(c.ci())).append("</td><td><b>")
                    .append(c.verdict().name().toLowerCase().replace('_', ' ')).append("</b></td><td>")
                    .append(Format.html(c.note())).append("</td></tr>\n");
        }
        b.append("</table>\n<h2>Figures</h2>\n");
        if (figures.isEmpty()) {
            b.append("<p>No figure: the grid has fewer than two sigmas or train sizes for any distortion, and no traces.</p>\n");
        }
        for (Figures.Figure f : figures) {
            b.append("<figure><img src=\"").append(f.file()).append(".png\" alt=\"").append(Format.html(f.title()))
                    .append("\"><figcaption>").append(Format.html(f.title())).append(". ").append(Format.html(f.caption()))
                    .append(" <a href=\"").append(f.file()).append(".svg\">SVG</a></figcaption></figure>\n");
        }
        b.append("<h2>Test accuracy per cell group</h2>\n<table><tr><th>dataset</th><th>distortion</th><th>sigma</th><th>n</th>"
                + "<th>method</th><th>seeds OK</th><th>failed</th><th>mean %</th><th>sd</th><th>95% CI</th><th>mh acceptance</th></tr>\n");
        for (Aggregates.Row r : agg) {
            b.append("<tr><td>").append(Format.html(r.dataset())).append("</td><td>").append(Format.html(r.distortion()))
                    .append("</td><td class=\"num\">").append(Format.number(r.sigma())).append("</td><td class=\"num\">")
                    .append(r.trainSize()).append("</td><td>").append(Format.html(r.method())).append("</td><td class=\"num\">")
                    .append(r.ok()).append("</td><td class=\"num\">").append(r.failed()).append("</td><td class=\"num\">")
                    .append(Format.pct(r.mean())).append("</td><td class=\"num\">").append(Format.pct(r.sd()))
                    .append("</td><td class=\"num\">").append(ci(r)).append("</td><td class=\"num\">")
                    .append(Format.fixed(r.meanAcceptance(), 3)).append("</td></tr>\n");
        }
        b.append("</table>\n<p class=\"note\">CI: mean ± t(0.975, seeds − 1) · sd / √seeds over the OK seeds (none for a"
                + " single seed). The table is <a href=\"summary.csv\">summary.csv</a> and <a href=\"summary.md\">summary.md</a>;"
                + " rerun it with <code>./submit.sh sql RESULTS_DIR \"...\"</code>:</p>\n<pre>")
                .append(Format.html(Aggregates.SQL)).append("</pre>\n");
        b.append(deploymentSection);
        b.append("<h2>Provenance</h2>\n<table>\n");
        for (String[] kv : prov.items()) {
            b.append("<tr><th>").append(Format.html(kv[0])).append("</th><td>").append(Format.html(kv[1])).append("</td></tr>\n");
        }
        b.append("</table>\n<h2>Failed cells</h2>\n");
        if (prov.failed().isEmpty()) {
            b.append("<p>None.</p>\n");
        } else {
            b.append("<table><tr><th>cell</th><th>error</th></tr>\n");
            for (String[] f : prov.failed()) {
                b.append("<tr><td>").append(Format.html(f[0])).append("</td><td>").append(Format.html(f[1])).append("</td></tr>\n");
            }
            b.append("</table>\n");
        }
        if (ctx.resolvedJobJson() != null) {
            b.append("<h2>Job as run</h2>\n<pre>").append(Format.html(ctx.resolvedJobJson())).append("</pre>\n");
        }
        b.append("</body></html>\n");
        return b.toString();
    }

    /** The majority floor, or each data set's when the job ran several (their mean says nothing of either). */
    static String floors(ReportContext ctx) {
        if (ctx.floors().size() < 2) {
            return Format.pct(ctx.majorityFloor()) + "%";
        }
        StringBuilder b = new StringBuilder();
        new java.util.TreeMap<>(ctx.floors()).forEach((d, f) -> b.append(b.length() == 0 ? "" : ", ")
                .append(Format.html(d)).append(' ').append(Format.pct(f)).append('%'));
        return b.toString();
    }
}
