package chipsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The deployment section's arithmetic on constructed groups: Pareto front, specialisation gap, warm-start savings. */
class DeploymentsTest {
    private static Stats.Summary s(double... v) {
        return Stats.of(v);
    }

    private static Deployments.Group g(String method, double budget, double[] own, double[] fleet, double samples) {
        double[] gap = new double[own.length];
        for (int i = 0; i < own.length; i++) {
            gap[i] = own[i] - fleet[i];
        }
        return new Deployments.Group("wdbc", "mismatch", 2.0, 398, method, budget, s(own), s(fleet), s(0.9, 0.9, 0.9), s(gap),
                samples, samples / 100);
    }

    @Test
    void paretoFrontKeepsOnlyUndominatedPointsByIncreasingCost() {
        List<double[]> front = Deployments.paretoFront(List.of(new double[] {100, 0.80}, new double[] {50, 0.85},
                new double[] {200, 0.84}, new double[] {400, 0.90}, new double[] {50, 0.70}, new double[] {1000, 0.90}));
        assertEquals(2, front.size());
        assertEquals(50, front.get(0)[0]);
        assertEquals(0.85, front.get(0)[1]);
        assertEquals(400, front.get(1)[0], "the cheaper of two equally accurate points");
    }

    @Test
    void gapRowsAndWarmSavingsFollowTheData() {
        double[] own = {0.96, 0.95, 0.97};
        List<Deployments.Group> groups = List.of(
                g("mh", Double.NaN, own, new double[] {0.90, 0.88, 0.91}, 1_000_000),
                g("bp", Double.NaN, own, new double[] {0.96, 0.94, 0.98}, 500_000),
                g("mh-warm", 0.05, new double[] {0.93, 0.92, 0.94}, new double[] {0.9, 0.9, 0.9}, 40_000),
                g("mh-warm", 0.1, new double[] {0.955, 0.95, 0.96}, new double[] {0.9, 0.9, 0.9}, 100_000),
                g("mh-warm", 0.5, new double[] {0.96, 0.96, 0.96}, new double[] {0.9, 0.9, 0.9}, 500_000),
                g("bp-warm", 0.5, new double[] {0.80, 0.81, 0.82}, new double[] {0.8, 0.8, 0.8}, 250_000));
        List<Claims.Row> rows = Deployments.claims(groups);
        Claims.Row mhGap = rows.stream().filter(r -> r.claim().contains("gap of mh")).findFirst().orElseThrow();
        assertTrue(mhGap.measured().startsWith("+6.3 points"), mhGap.measured());
        assertTrue(mhGap.note().startsWith("the network is specialised"), mhGap.note());
        Claims.Row bpGap = rows.stream().filter(r -> r.claim().contains("gap of bp")).findFirst().orElseThrow();
        assertTrue(bpGap.note().startsWith("no specialisation resolved"), bpGap.note());
        Claims.Row mhWarm = rows.stream().filter(r -> r.claim().startsWith("Warm start mh-warm")).findFirst().orElseThrow();
        assertTrue(mhWarm.measured().startsWith("budget 0.1: 95.5% with 100,000 sample evaluations on the target chip, 90% less"),
                mhWarm.measured());
        Claims.Row bpWarm = rows.stream().filter(r -> r.claim().startsWith("Warm start bp-warm")).findFirst().orElseThrow();
        assertTrue(bpWarm.measured().startsWith("not reached up to budget 0.5"), bpWarm.measured());
        assertTrue(rows.stream().allMatch(r -> r.verdict() == Claims.Verdict.FINDING));
        assertEquals(List.of(), Deployments.claims(List.of()));
    }

    @Test
    void everyFigureTitleNamesTheDataSet(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        double[] own = {0.96, 0.95, 0.97};
        List<Deployments.Group> groups = List.of(
                g("mh", Double.NaN, own, new double[] {0.90, 0.88, 0.91}, 1_000_000),
                g("mh-warm", 0.1, new double[] {0.955, 0.95, 0.96}, new double[] {0.9, 0.9, 0.9}, 100_000));
        List<Figures.Figure> figures = Deployments.draw(groups, dir, 0.626, "wdbc", "");
        assertEquals(3, figures.size(), "fleet, chip time, warm start");
        for (Figures.Figure f : figures) {
            assertTrue(f.title().startsWith("wdbc: "), f.title());
        }
    }
}
