package chipsweep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chipsweep.chip.CubaNetwork;
import org.junit.jupiter.api.Test;

/** The loss of CRAMER.md section 4 and its gradient, by hand on a tiny case. */
class CubaLossTest {
    // 1 sample, H = 2, K = 2, T = 3.
    private final CubaNetwork net = new CubaNetwork(1, 2, 2, 3, 1.0, 8.0, 8.0, 1.0);

    @Test
    void lossAndGradientByHand() {
        // Output membranes [t][k]: output 0 peaks at t = 1 (2.0), output 1 at t = 0 (1.0; t = 2 ties, first wins).
        double[] out = {1.0, 1.0, 2.0, 0.5, -1.0, 1.0};
        // Hidden spikes [t][j]: neuron 0 spikes twice, neuron 1 once.
        double[] s = {1, 0, 1, 1, 0, 0};
        double rhoA = 0.1;
        double rhoB = 0.2;
        CubaLoss loss = new CubaLoss(net, 1, rhoA, rhoB);
        double l = loss.evaluate(out, s, 1, new int[] {1}, null, 0);
        double y0 = 2.0;
        double y1 = 1.0;
        double logZ = Math.log(Math.exp(y0) + Math.exp(y1));
        double expected = (logZ - y1) + rhoA * (y0 * y0 + y1 * y1) / 2 + rhoB * (2 * 2 + 1 * 1) / 2.0;
        assertEquals(expected, l, 1e-15);
        double p0 = Math.exp(y0 - logZ);
        double p1 = Math.exp(y1 - logZ);
        assertEquals(p0 + 2 * rhoA * y0 / 2, loss.outputGradient(0, 0), 1e-15);
        assertEquals(p1 - 1 + 2 * rhoA * y1 / 2, loss.outputGradient(0, 1), 1e-15);
        assertEquals(1, loss.argmaxStep(0, 0));
        assertEquals(0, loss.argmaxStep(0, 1), "ties go to the first step");
        assertEquals(2 * rhoB * 2 / 2, loss.countGradient(0, 0), 1e-15);
        assertEquals(2 * rhoB * 1 / 2, loss.countGradient(0, 1), 1e-15);
    }

    @Test
    void batchMeanDividesByRowsAndFollowsTheOrder() {
        double[] out = {1.0, 1.0, 2.0, 0.5, -1.0, 1.0, /* row 1 */ 0, 3, 0, 3, 0, 3};
        double[] s = new double[12];
        CubaLoss one = new CubaLoss(net, 2, 0, 0);
        double l0 = one.evaluate(new double[] {1.0, 1.0, 2.0, 0.5, -1.0, 1.0}, new double[6], 1, new int[] {1}, null, 0);
        double g0 = one.outputGradient(0, 0);
        double l1 = one.evaluate(new double[] {0, 3, 0, 3, 0, 3}, new double[6], 1, new int[] {0}, null, 0);
        CubaLoss two = new CubaLoss(net, 2, 0, 0);
        // labels {0, 1} visited in order {1, 0}: row 0 has label 1, row 1 label 0.
        double l = two.evaluate(out, s, 2, new int[] {0, 1}, new int[] {1, 0}, 0);
        assertEquals((l0 + l1) / 2, l, 1e-15);
        assertEquals(g0 / 2, two.outputGradient(0, 0), 1e-15);
    }

    @Test
    void aRecordingsCountsGiveTheSameLossAsItsSpikeTrains() {
        chipsweep.chip.CubaNetwork big = chipsweep.chip.CubaNetwork.defaults(256, 10).withHidden(40);
        CubaData data = CubaTrainerTestData.mnistLike(big, 12);
        chipsweep.chip.SimulatedCubaChip chip = chipsweep.chip.SimulatedCubaChip.ideal(big);
        CubaWeights w = CubaWeights.gaussian(big, 2.0, chipsweep.rng.Streams.generator(3));
        chip.program(w.w1(), w.w2());
        chipsweep.chip.CubaRecording rec = new chipsweep.chip.CubaRecording(big, 12);
        chip.record(data.input(), null, 0, 12, rec);
        CubaLoss a = new CubaLoss(big, 12, 1e-3, 0.1);
        CubaLoss b = new CubaLoss(big, 12, 1e-3, 0.1);
        double la = a.evaluate(rec, 12, data.labels(), null, 0);
        double lb = b.evaluate(rec.outputMembrane(), rec.hiddenSpikes(), 12, data.labels(), null, 0);
        assertEquals(lb, la, 0.0);
        assertEquals(java.util.Arrays.toString(b.dCount), java.util.Arrays.toString(a.dCount));
        assertEquals(java.util.Arrays.toString(b.dY), java.util.Arrays.toString(a.dY));
        assertTrue(rec.readout().hiddenSpikes(0) > 0, "the case has hidden spikes");
    }

    @Test
    void refusesTooManyRowsAndBadRegularisers() {
        CubaLoss loss = new CubaLoss(net, 1, 0, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> loss.evaluate(new double[12], new double[12], 2, new int[] {0, 0}, null, 0));
        assertEquals("rows must be in [1, 1], but was 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new CubaLoss(net, 1, -1, 0));
        assertEquals("rho_a must be >= 0 and finite, but was -1.0", e.getMessage());
    }
}
