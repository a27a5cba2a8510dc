package chipsweep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chipsweep.chip.BuchelChip;
import chipsweep.chip.BuchelKernel;
import chipsweep.chip.BuchelParams;
import chipsweep.chip.BuchelWeights;
import chipsweep.data.TemporalXor;
import chipsweep.rng.Streams;
import org.junit.jupiter.api.Test;

class RecurrentBpttTest {
    /**
     * With a surrogate so steep that it vanishes off threshold, the gradient is the one through the continuous
     * paths with the spikes held fixed, which finite differences measure exactly as long as no spike moves.
     */
    @Test
    void theBackwardPassMatchesFiniteDifferencesWithTheSpikesHeldFixed() {
        int n = 6;
        BuchelWeights w = RecurrentBptt.network(n, Streams.generator(11));
        for (int i = 0; i < n; i++) {
            w.win()[i] = 2 + Math.abs(w.win()[i]);
            w.wout()[i] = 0.1 * (i % 2 == 0 ? 1 : -1);
        }
        TemporalXor.Trial tr = new TemporalXor(0.001, 1.05).draw(Streams.generator(12));
        BuchelParams p = BuchelParams.DEFAULTS;
        int steps = tr.input().length;
        double[][] g = {new double[n], new double[n * n], new double[n]};
        double loss = loss(w, tr, p, g, n, steps);
        assertTrue(loss > 0);
        assertTrue(java.util.Arrays.stream(g[1]).anyMatch(x -> x != 0), "the network spikes: the slow weights matter");
        double[][] params = {w.win(), w.omegaSlow(), w.wout()};
        int checked = 0;
        for (int a = 0; a < 3; a++) {
            for (int k = 0; k < params[a].length; k += 5) {
                double h = 1e-7;
                double keep = params[a][k];
                params[a][k] = keep + h;
                double up = loss(w, tr, p, null, n, steps);
                params[a][k] = keep - h;
                double down = loss(w, tr, p, null, n, steps);
                params[a][k] = keep;
                double numeric = (up - down) / (2 * h);
                assertEquals(numeric, g[a][k], 1e-5 * (1 + Math.abs(numeric)), "array " + a + " entry " + k);
                checked++;
            }
        }
        assertTrue(checked >= 10);
    }

    private static double loss(BuchelWeights w, TemporalXor.Trial tr, BuchelParams p, double[][] g, int n, int steps) {
        BuchelKernel kernel = new BuchelKernel(BuchelChip.ideal(p, w), n, 1);
        double[] y = new double[steps];
        double[] v = new double[steps * n];
        kernel.run(w, tr.input(), y, null, v, null, null, null);
        double[][] grads = g != null ? g : new double[][] {new double[n], new double[n * n], new double[n]};
        return RecurrentBptt.backward(w, tr, y, v, steps, n, p.dt() / p.tauMem(),
                BuchelKernel.decay(p.dt(), p.tauSlow()), BuchelKernel.decay(p.dt(), p.tauOut()), 1 / p.tauSlow(),
                p.vThresh(), 1e12, grads, new double[n], new double[n], new double[n], new double[n]);
    }
}
