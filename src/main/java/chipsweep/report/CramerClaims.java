package chipsweep.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The claims of Cramer et al. 2022 (spec/CRAMER.md section 5) checked on the cells of the current-based model
 * ({@code itl}, {@code transfer}, {@code software}), at each data set's largest train size:
 * software accuracy against Table 1, ITL's drop from sigma_d 0 to 0.3, the transfer gap at each sigma_d (paired
 * by seed), and the accuracy of the group nearest 20 hidden spikes per image. Grids without such cells give no
 * rows.
 *
 * <p>Thread-safety: stateless.
 */
final class CramerClaims {
    /** Table 1's software accuracy: 16x16 MNIST and Fashion-MNIST. */
    static final double MNIST_SOFTWARE = 0.975;
    static final double FASHION_SOFTWARE = 0.855;
    /** "Hardly affected": the drop that still counts as such (the bar). */
    static final double HARDLY = 0.015;
    /** The transfer gap that counts as substantial at the strongest decalibration. */
    static final double TRANSFER_GAP = 0.03;

    private CramerClaims() {
    }

    private static boolean cuba(String method) {
        return method.startsWith("itl") || method.startsWith("software") || method.startsWith("transfer");
    }

    static List<Claims.Row> check(List<Aggregates.Row> agg, List<Aggregates.Seed> seeds) {
        List<Claims.Row> rows = new ArrayList<>();
        Map<String, Integer> fullN = new TreeMap<>();
        for (Aggregates.Row r : agg) {
            if (cuba(r.method()) && r.ok() > 0) {
                fullN.merge(r.dataset(), r.trainSize(), Math::max);
            }
        }
        for (Map.Entry<String, Integer> e : fullN.entrySet()) {
            String ds = e.getKey();
            int n = e.getValue();
            List<Aggregates.Row> rs = agg.stream().filter(r -> r.dataset().equals(ds) && r.trainSize() == n && r.ok() > 0)
                    .toList();
            List<Aggregates.Seed> ss = seeds.stream().filter(s -> s.dataset().equals(ds) && s.trainSize() == n).toList();
            rows.add(software(ds, n, rs));
            rows.add(drop(ds, n, ss));
            rows.add(transfer(ds, n, ss));
            rows.add(sparsity(ds, n, rs));
        }
        return rows;
    }

    static Claims.Row software(String ds, int n, List<Aggregates.Row> rs) {
        boolean fashion = ds.toLowerCase().contains("fashion");
        double paper = fashion ? FASHION_SOFTWARE : MNIST_SOFTWARE;
        String claim = "Cramer 1. software accuracy, " + ds + " (Table 1)";
        String paperText = Format.pct(paper) + "% (" + (fashion ? "16x16 Fashion-MNIST" : "16x16 MNIST") + ", 60k train)";
        Optional<Aggregates.Row> sw = rs.stream().filter(r -> r.method().equals("software")).findFirst();
        if (sw.isEmpty()) {
            return new Claims.Row(claim, paperText, Format.MISSING, Format.MISSING, Claims.Verdict.NOT_COVERED,
                    "no software cells at n = " + n);
        }
        Aggregates.Row r = sw.get();
        boolean full = n >= 60000;
        Claims.Verdict v = !full ? Claims.Verdict.FINDING
                : r.mean() >= paper - 0.01 ? Claims.Verdict.REPRODUCED : Claims.Verdict.NOT_REPRODUCED;
        return new Claims.Row(claim, paperText, Format.pct(r.mean()) + "% (n = " + n + ", " + r.ok() + " seeds)",
                ci(r), v, full ? "reproduced if within 1 point of the paper"
                : "a smaller training set than the paper's 60,000 images: context, not a check");
    }

    /** Paired per-seed differences a - b of two methods at two sigmas. */
    private static Stats.Summary paired(List<Aggregates.Seed> ss, String ma, double sa, String mb, double sb) {
        Map<Integer, Double> a = new TreeMap<>();
        Map<Integer, Double> b = new TreeMap<>();
        for (Aggregates.Seed s : ss) {
            if (s.method().equals(ma) && s.sigma() == sa) {
                a.put(s.seed(), s.testAccuracy());
            }
            if (s.method().equals(mb) && s.sigma() == sb) {
                b.put(s.seed(), s.testAccuracy());
            }
        }
        return Stats.of(a.entrySet().stream().filter(x -> b.containsKey(x.getKey()))
                .mapToDouble(x -> x.getValue() - b.get(x.getKey())).toArray());
    }

    static Claims.Row drop(String ds, int n, List<Aggregates.Seed> ss) {
        String claim = "Cramer 2. itl hardly affected by decalibration up to sigma_d 0.3, " + ds;
        String paper = "\"hardly affected\" up to 30%";
        Stats.Summary d = paired(ss, "itl", 0.0, "itl", 0.3);
        if (d.n() < 2) {
            return new Claims.Row(claim, paper, Format.MISSING, Format.MISSING, Claims.Verdict.NOT_COVERED,
                    "needs itl at sigma 0 and 0.3 for at least two common seeds");
        }
        Claims.Verdict v = d.mean() <= HARDLY ? Claims.Verdict.REPRODUCED : Claims.Verdict.NOT_REPRODUCED;
        return new Claims.Row(claim, paper, String.format("drop %+.1f points (sigma 0 minus 0.3, n = %d, %d paired seeds)",
                100 * d.mean(), n, d.n()), points(d), v, "reproduced if the mean drop is at most "
                + Format.pct(HARDLY) + " points");
    }

    static Claims.Row transfer(String ds, int n, List<Aggregates.Seed> ss) {
        String claim = "Cramer 3. transfer loses against itl, more as sigma_d grows, " + ds;
        String paper = "transfer already loses on a calibrated chip and \"dramatically\" more with decalibration";
        TreeMap<Double, Stats.Summary> gaps = new TreeMap<>();
        ss.stream().filter(s -> s.method().equals("transfer")).map(Aggregates.Seed::sigma).distinct().forEach(sigma -> {
            Stats.Summary g = paired(ss, "itl", sigma, "transfer", sigma);
            if (g.n() >= 2) {
                gaps.put(sigma, g);
            }
        });
        if (gaps.isEmpty()) {
            return new Claims.Row(claim, paper, Format.MISSING, Format.MISSING, Claims.Verdict.NOT_COVERED,
                    "needs itl and transfer at one sigma for at least two common seeds");
        }
        StringBuilder all = new StringBuilder();
        gaps.forEach((sigma, g) -> all.append(all.length() == 0 ? "" : ", ").append("sigma_d ")
                .append(Format.number(sigma)).append(String.format(": %+.1f", 100 * g.mean())));
        Map.Entry<Double, Stats.Summary> top = gaps.lastEntry();
        Stats.Summary g = top.getValue();
        boolean grows = gaps.size() < 2 || g.mean() > gaps.firstEntry().getValue().mean();
        Claims.Verdict v = g.low() > 0 && g.mean() >= TRANSFER_GAP && grows ? Claims.Verdict.REPRODUCED
                : Claims.Verdict.NOT_REPRODUCED;
        return new Claims.Row(claim, paper, "itl minus transfer, paired: " + all + " points (n = " + n + ")", points(g),
                v, "CI at sigma_d " + Format.number(top.getKey()) + "; reproduced if that gap is at least "
                + Format.pct(TRANSFER_GAP) + " points with a CI above 0 and larger than at the smallest sigma_d");
    }

    static Claims.Row sparsity(String ds, int n, List<Aggregates.Row> rs) {
        String claim = "Cramer 4. accuracy at about 20 hidden spikes per image, " + ds;
        String paper = "97.2% on MNIST down to about 20 spikes per image";
        Optional<Aggregates.Row> near = rs.stream().filter(r -> r.method().startsWith("itl")
                && Double.isFinite(r.meanHiddenSpikes())).min(Comparator.comparingDouble(r -> Math.abs(r.meanHiddenSpikes() - 20)));
        if (near.isEmpty()) {
            return new Claims.Row(claim, paper, Format.MISSING, Format.MISSING, Claims.Verdict.NOT_COVERED,
                    "no itl cells with hidden spike counts");
        }
        Aggregates.Row r = near.get();
        return new Claims.Row(claim, paper, String.format("%s%% at %.1f hidden spikes per image (%s, sigma_d %s)",
                Format.pct(r.mean()), r.meanHiddenSpikes(), r.method(), Format.number(r.sigma())), ci(r),
                Math.abs(r.meanHiddenSpikes() - 20) <= 5 ? Claims.Verdict.FINDING : Claims.Verdict.NOT_COVERED,
                Math.abs(r.meanHiddenSpikes() - 20) <= 5 ? "the itl group nearest 20 spikes per image"
                        : "no itl group within 5 of 20 spikes per image: sweep rho_b to reach it");
    }

    private static String ci(Aggregates.Row r) {
        return r.hasCi() ? "[" + Format.pct(r.mean() - r.halfWidth()) + ", " + Format.pct(r.mean() + r.halfWidth()) + "]"
                : Format.MISSING;
    }

    private static String points(Stats.Summary s) {
        return s.hasCi() ? String.format("[%+.1f, %+.1f]", 100 * s.low(), 100 * s.high()) : Format.MISSING;
    }
}
