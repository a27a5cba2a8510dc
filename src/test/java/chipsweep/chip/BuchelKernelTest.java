package chipsweep.chip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chipsweep.data.TemporalXor;
import chipsweep.rng.Streams;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BuchelKernelTest {
    private static final int STEPS = 60;

    /** Two neurons: neuron 0 spikes once (at step 1) on a one-step pulse, neuron 1 only listens and stays silent. */
    private static BuchelWeights pair(double wSlow, double wOut) {
        double[] slow = new double[4];
        slow[1] = wSlow; // pre 0 -> post 1
        return new BuchelWeights(2, 1, 1, new double[] {50, 0}, null, slow, new double[] {wOut, 0},
                new double[] {1.0});
    }

    private static double[] pulse() {
        double[] u = new double[STEPS];
        u[0] = 1;
        return u;
    }

    @Test
    void aSlowSynapseJumpsByTheWeightOverItsTimeConstantAndDecaysExponentially() {
        double w = 0.01;
        for (double tauSlow : new double[] {0.05, 0.1, 0.2}) {
            BuchelParams p = new BuchelParams(0.001, 0.05, 0.001, tauSlow, 0.1, 1.0, 0.5, 0.0, 0.0);
            BuchelWeights net = pair(w, 0);
            BuchelKernel.SpikeLog log = new BuchelKernel.SpikeLog();
            double[] v = new double[STEPS * 2];
            new BuchelKernel(BuchelChip.ideal(p, net), 2, 1).run(net, pulse(), new double[STEPS], null, v, null, log,
                    null);
            assertEquals(1, log.size(), "one spike");
            assertEquals(0, log.neuron(0));
            assertEquals(1, log.step(0));
            double alpha = p.dt() / p.tauMem();
            for (int t = 0; t + 1 < STEPS; t++) {
                double current = (v[(t + 1) * 2 + 1] - v[t * 2 + 1]) / alpha - (p.vRest() - v[t * 2 + 1]);
                double expected = t < 1 ? 0 : w / tauSlow * Math.pow(Math.exp(-p.dt() / tauSlow), t - 1);
                assertEquals(expected, current, 1e-9, "tau_slow " + tauSlow + ", step " + t);
            }
        }
    }

    @Test
    void theDecodedTraceJumpsByTheDecoderWeightAndDecaysWithTauOut() {
        BuchelParams p = BuchelParams.DEFAULTS;
        BuchelWeights net = pair(0, 0.3);
        double[] decoded = new double[STEPS];
        double[] y = new double[STEPS];
        new BuchelKernel(BuchelChip.ideal(p, net), 2, 1).run(net, pulse(), y, decoded, null, null, null, null);
        for (int t = 0; t < STEPS; t++) {
            double expected = t < 1 ? 0 : 0.3 * Math.pow(Math.exp(-p.dt() / p.tauOut()), t - 1);
            assertEquals(expected, decoded[t], 1e-12, "step " + t);
            assertEquals(decoded[t], y[t], 0.0, "readout 1");
        }
    }

    @Test
    void anExpandedInputRunsAsItsFoldedWeightAndTakesOneGainPerEntry() {
        int n = 16;
        int dims = 3;
        RandomGenerator r = Streams.generator(21);
        double[] f = new double[n * dims];
        double[] expand = new double[dims];
        for (int k = 0; k < f.length; k++) {
            f[k] = r.nextGaussian();
        }
        for (int c = 0; c < dims; c++) {
            expand[c] = 2 * r.nextGaussian();
        }
        double[] folded = new double[n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < dims; c++) {
                folded[i] += f[i * dims + c] * expand[c];
            }
        }
        double[] slow = new double[n * n];
        for (int k = 0; k < slow.length; k++) {
            slow[k] = 0.02 * r.nextGaussian();
        }
        double[] wout = new double[n];
        for (int i = 0; i < n; i++) {
            wout[i] = 0.1 * r.nextGaussian();
        }
        BuchelWeights expanded = new BuchelWeights(n, dims, 1, f, null, slow, wout, new double[] {1}, expand);
        BuchelWeights flat = new BuchelWeights(n, 1, 1, folded, null, slow.clone(), wout.clone(), new double[] {1});
        assertEquals(1, expanded.channels());
        TemporalXor.Trial t = new TemporalXor(0.001, 1.05).draw(Streams.generator(22));
        double[] a = new double[t.input().length];
        double[] b = new double[t.input().length];
        BuchelKernel.SpikeLog log = new BuchelKernel.SpikeLog();
        new BuchelKernel(BuchelChip.ideal(BuchelParams.DEFAULTS, expanded), n, 1).run(expanded, t.input(), a, null,
                null, null, log, null);
        new BuchelKernel(BuchelChip.ideal(BuchelParams.DEFAULTS, flat), n, 1).run(flat, t.input(), b, null, null,
                null, null, null);
        assertTrue(log.size() > 20, "the network spikes: " + log.size());
        assertArrayEquals(b, a, 1e-12);
        BuchelWeights programmed = BuchelChip.draw(BuchelParams.DEFAULTS, expanded, 0.2, 0.0, 0, 5L).program(expanded);
        assertEquals(n * dims, programmed.win().length);
        int rowsWithDistinctGains = 0;
        for (int i = 0; i < n; i++) {
            double g0 = programmed.win()[i * dims] / f[i * dims];
            double g1 = programmed.win()[i * dims + 1] / f[i * dims + 1];
            rowsWithDistinctGains += Math.abs(g0 - g1) > 1e-9 ? 1 : 0;
        }
        assertEquals(n, rowsWithDistinctGains, "each entry of a neuron's row has its own gain");
        assertArrayEquals(expand, programmed.expand(), 0.0, "the expansion (the teacher's side) is not distorted");
    }
}
