package chipsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The binary-chip part of the report on hand-made accuracies: one finding row per binary method, paired by seed,
 * whose numbers are checked against hand-computed paired differences; the table and the figure.
 */
class BinaryChipReportTest {
    @TempDir
    Path dir;

    /** Accuracies per seed at sigma 0 and 2: {@code base + offset[seed]}. */
    private static TreeMap<Double, TreeMap<Integer, Double>> method(double at0, double at2) {
        TreeMap<Double, TreeMap<Integer, Double>> m = new TreeMap<>();
        double[] jitter = {0.01, -0.01, 0.02, 0.0};
        for (double sigma : new double[] {0, 2}) {
            TreeMap<Integer, Double> seeds = new TreeMap<>();
            for (int s = 0; s < jitter.length; s++) {
                seeds.put(s, (sigma == 0 ? at0 : at2) + jitter[s] * (sigma == 0 ? 1 : 2));
            }
            m.put(sigma, seeds);
        }
        return m;
    }

    private static BinaryChip.Data data() {
        Map<String, TreeMap<Double, TreeMap<Integer, Double>>> methods = new TreeMap<>();
        methods.put("bp", method(0.96, 0.70));
        methods.put("bp-st", method(0.90, 0.70));
        methods.put("mh", method(0.95, 0.92));
        methods.put("mh-sign", method(0.90, 0.93));
        return new BinaryChip.Data(Map.of("mismatch, n 398", methods));
    }

    @Test
    void eachBinaryMethodGetsAFindingPairedBySeed() {
        List<Claims.Row> rows = BinaryChip.claims(data());
        assertEquals(2, rows.size(), "bp-bayes has no cells: no row");
        Claims.Row st = rows.stream().filter(r -> r.claim().contains("bp-st vs bp")).findFirst().orElseThrow();
        assertEquals(Claims.Verdict.FINDING, st.verdict());
        // sigma 0: bp-st - bp = -0.06 on every seed (CI of zero width); sigma 2: 0.00 on every seed
        assertTrue(st.measured().contains("sigma 0: -6.0"), st.measured());
        assertTrue(st.measured().contains("sigma 2: +0.0"), st.measured());
        assertTrue(st.measured().contains("4 seeds"), st.measured());
        assertTrue(st.note().contains("binary below full precision at sigma 0"), st.note());
        assertTrue(st.note().contains("no difference resolved at sigma 2"), st.note());
        assertTrue(st.note().contains("the gap changes by +6.0 points"), st.note());
        assertTrue(st.note().contains("binary gains on the distorted chip"), st.note());
        Claims.Row sign = rows.stream().filter(r -> r.claim().contains("mh-sign vs mh")).findFirst().orElseThrow();
        assertTrue(sign.measured().contains("sigma 0: -5.0") && sign.measured().contains("sigma 2: +1.0"),
                sign.measured());
        assertTrue(sign.note().contains("binary above full precision at sigma 2"), sign.note());
    }

    @Test
    void theGapChangeIsAPairedDifferenceOfDifferences() {
        Map<String, TreeMap<Double, TreeMap<Integer, Double>>> methods = new TreeMap<>();
        methods.put("bp", method(0.96, 0.70));
        // binary: a different gap change per seed, so the CI has width
        TreeMap<Double, TreeMap<Integer, Double>> st = method(0.90, 0.70);
        st.get(2.0).put(0, st.get(2.0).get(0) - 0.04);
        methods.put("bp-st", st);
        Claims.Row r = BinaryChip.claims(new BinaryChip.Data(Map.of("g", methods))).get(0);
        // gap at 0: -0.06 each seed; gap at 2: -0.04, 0, 0, 0 -> changes +0.02, +0.06, +0.06, +0.06
        Stats.Summary dd = Stats.of(new double[] {0.02, 0.06, 0.06, 0.06});
        assertTrue(r.note().contains(String.format("the gap changes by %+.1f points [%+.1f, %+.1f]", 100 * dd.mean(),
                100 * dd.low(), 100 * dd.high())), r.note());
    }

    @Test
    void theTableAndTheFigureAreWritten() throws Exception {
        String html = BinaryChip.html(data());
        assertTrue(html.contains("<h2>Binary weights on the chip</h2>"), html);
        assertTrue(html.contains("<th>sigma 2</th>"), html);
        assertTrue(html.contains("<td>mh-sign</td>"), html);
        assertEquals("", BinaryChip.html(new BinaryChip.Data(Map.of())));
        List<Figures.Figure> f = BinaryChip.draw(data(), dir);
        assertEquals(1, f.size());
        assertTrue(Files.size(dir.resolve(f.get(0).file() + ".png")) > 0);
    }
}
