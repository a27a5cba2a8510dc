package chipsweep.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The families comparison (docs/families.md): Metropolis-Hastings ({@code mh}, gradient-free, the chip a black
 * box) against in-the-loop surrogate gradients ({@code itl}) on the same current-based chip, per data set,
 * distortion and sigma: the per-seed paired difference {@code itl - mh} of test accuracy at every train size both
 * ran, where each family is ahead (a paired 95% CI that excludes 0), and the chip time each used. Nobody has
 * published it, so every row is a finding. Grids without both methods give no rows.
 *
 * <p>Thread-safety: stateless.
 */
final class FamiliesClaims {
    private FamiliesClaims() {
    }

    static List<Claims.Row> check(List<Aggregates.Seed> seeds) {
        List<Claims.Row> rows = new ArrayList<>();
        TreeSet<String> groups = new TreeSet<>();
        seeds.stream().filter(s -> s.method().equals("itl")).forEach(s -> groups.add(key(s)));
        for (String g : groups) {
            List<Aggregates.Seed> ss = seeds.stream().filter(s -> key(s).equals(g)).toList();
            if (ss.stream().noneMatch(s -> s.method().equals("mh"))) {
                continue;
            }
            rows.add(row(ss));
        }
        return rows;
    }

    private static String key(Aggregates.Seed s) {
        return s.dataset() + "|" + s.distortion() + "|" + s.sigma();
    }

    private static Claims.Row row(List<Aggregates.Seed> ss) {
        Aggregates.Seed any = ss.get(0);
        String claim = "Families: itl vs mh on one current-based chip, " + any.dataset() + ", " + any.distortion()
                + " sigma " + Format.number(any.sigma());
        String paper = "not published: this comparison is new";
        TreeMap<Integer, Stats.Summary> diffs = new TreeMap<>();
        TreeMap<Integer, double[]> chipTime = new TreeMap<>();
        for (int n : ss.stream().map(Aggregates.Seed::trainSize).distinct().sorted().toList()) {
            Map<Integer, Aggregates.Seed> itl = bySeed(ss, "itl", n);
            Map<Integer, Aggregates.Seed> mh = bySeed(ss, "mh", n);
            double[] d = itl.entrySet().stream().filter(e -> mh.containsKey(e.getKey()))
                    .mapToDouble(e -> e.getValue().testAccuracy() - mh.get(e.getKey()).testAccuracy()).toArray();
            if (d.length >= 2) {
                diffs.put(n, Stats.of(d));
                chipTime.put(n, new double[] {mean(itl), mean(mh)});
            }
        }
        if (diffs.isEmpty()) {
            return new Claims.Row(claim, paper, Format.MISSING, Format.MISSING, Claims.Verdict.NOT_COVERED,
                    "needs itl and mh at one train size for at least two common seeds");
        }
        StringBuilder measured = new StringBuilder("itl minus mh, paired by seed:");
        List<Integer> itlAhead = new ArrayList<>();
        List<Integer> mhAhead = new ArrayList<>();
        List<Integer> even = new ArrayList<>();
        diffs.forEach((n, d) -> {
            measured.append(String.format(" n=%d %+.1f", n, 100 * d.mean()));
            (d.hasCi() && d.low() > 0 ? itlAhead : d.hasCi() && d.high() < 0 ? mhAhead : even).add(n);
        });
        measured.append(" points");
        int top = diffs.lastKey();
        double[] t = chipTime.get(top);
        StringBuilder note = new StringBuilder();
        note.append(itlAhead.isEmpty() ? "" : "itl ahead (paired CI above 0) at n = " + itlAhead + "; ");
        note.append(mhAhead.isEmpty() ? "" : "mh ahead (paired CI below 0) at n = " + mhAhead + "; ");
        note.append(even.isEmpty() ? "" : "no clear difference at n = " + even + "; ");
        note.append(String.format("chip time at n = %d: mh %.3g, itl %.3g sample evaluations (%.0fx)", top, t[1], t[0],
                t[1] / t[0]));
        Stats.Summary first = diffs.firstEntry().getValue();
        return new Claims.Row(claim, paper, measured.toString(), first.hasCi() ? String.format(
                "n=%d: [%+.1f, %+.1f]", diffs.firstKey(), 100 * first.low(), 100 * first.high()) : Format.MISSING,
                Claims.Verdict.FINDING, note.toString());
    }

    private static Map<Integer, Aggregates.Seed> bySeed(List<Aggregates.Seed> ss, String method, int n) {
        Map<Integer, Aggregates.Seed> m = new TreeMap<>();
        ss.stream().filter(s -> s.method().equals(method) && s.trainSize() == n).forEach(s -> m.put(s.seed(), s));
        return m;
    }

    private static double mean(Map<Integer, Aggregates.Seed> cells) {
        return cells.values().stream().mapToDouble(Aggregates.Seed::chipSamples).filter(Double::isFinite).average()
                .orElse(Double.NaN);
    }
}
