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

    /**
     * One neuron, three steps, membranes 0.5, 1.1 (a spike), 0.9 recorded, output 0, 0, 1 against a zero target,
     * input 1 at step 0, output weight 0.3, no recurrence, slope 10 (surrogate 1 / (1 + 10 |u|)^2 = 0.25 at
     * |u| = 0.1), alpha = 0.02, decays exp(-dt / 0.1). By hand: at step 2 dL/dy = 2/3, the trace's gradient
     * lO = 2/3 and lV(1) = 0.3 lO sg(-0.1) = 0.05. At step 1 the spike passes lO e^-0.01 to the output weight and
     * the slow synapse's 10 * 0.02 * 0.05 to the slow weight; the membrane before the reset gets
     * (0.3 lO e^-0.01 + 0.98 * 0.05 * (v_reset - 1.1)) sg(0.1): the second term is the reset's, which a detached
     * reset drops. Step 0's input weight gradient is alpha times that.
     */
    @Test
    void theResetStaysInTheGraphThroughTheSurrogate() {
        BuchelParams p = BuchelParams.DEFAULTS;
        BuchelWeights w = new BuchelWeights(1, 1, 1, new double[] {1.0}, null, new double[] {0.0},
                new double[] {0.3}, new double[] {1.0});
        TemporalXor.Trial tr = new TemporalXor.Trial(new double[] {1, 0, 0}, new double[] {0, 0, 0}, 1, 1, 1, 0, 3,
                0, 0, 0, 0);
        double[][] g = {new double[1], new double[1], new double[1]};
        double loss = new RecurrentBptt.Backward(p, 10, 1).accumulate(w, tr, new double[] {0, 0, 1},
                new double[] {0.5, 1.1, 0.9}, g);
        assertEquals(1.0 / 3, loss, 1e-12);
        double lO = 2.0 / 3 * Math.exp(-0.01);
        double lV2 = 0.3 * (2.0 / 3) * 0.25;
        assertEquals(0.05, lV2, 1e-12);
        assertEquals(lO, g[2][0], 1e-12, "the spike at step 1 reads the trace's gradient");
        assertEquals(10 * 0.02 * lV2, g[1][0], 1e-12, "the slow synapse of the spike at step 1");
        double beforeReset = (0.3 * lO + 0.98 * lV2 * (0.0 - 1.1)) * 0.25;
        assertEquals(0.02 * beforeReset, g[0][0], 1e-12);
        double detached = 0.02 * 0.3 * lO * 0.25;
        assertTrue(Math.abs(g[0][0] - detached) > 0.2 * detached, "the reset's term is there");
    }

    /** Training keeps the weights of the epoch with the best validation accuracy, ties going to the later. */
    @Test
    void trainingKeepsTheBestValidationEpoch() {
        BuchelSettings d = BuchelSettings.DEFAULTS;
        BuchelSettings s = new BuchelSettings(8, 4, 1.05, d.neuron(), 0.05, 1, 1, 0.005, 1, 1, 1e-3, 50, 4, 3, 1e-3, 10,
                4, 6, 1);
        TemporalXor task = s.task();
        TemporalXor.Trial[] train = task.draw(7, Streams.generator(21));
        TemporalXor.Trial[] validation = task.draw(6, Streams.generator(22));
        BuchelWeights w = RecurrentBptt.network(8, Streams.generator(23));
        RecurrentBptt.Result r = RecurrentBptt.train(s, w, train, validation, 0, Streams.generator(24));
        assertEquals(4, r.losses().size());
        assertEquals(4, r.validation().size());
        double best = r.validation().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertEquals(best, r.validation().get(r.best() - 1), 0.0);
        for (int e = r.best(); e < r.validation().size(); e++) {
            assertTrue(r.validation().get(e) < best, "a later epoch as good would have been kept");
        }
        double kept = BuchelEval.score(w, BuchelChip.ideal(d.neuron(), w), validation, null, null).accuracy();
        assertEquals(best, kept, 0.0, "the returned weights are the kept epoch's");
    }

    private static double loss(BuchelWeights w, TemporalXor.Trial tr, BuchelParams p, double[][] g, int n, int steps) {
        BuchelKernel kernel = new BuchelKernel(BuchelChip.ideal(p, w), n, 1);
        double[] y = new double[steps];
        double[] v = new double[steps * n];
        kernel.run(w, tr.input(), y, null, v, null, null, null);
        double[][] grads = g != null ? g : new double[][] {new double[n], new double[n * n], new double[n]};
        return new RecurrentBptt.Backward(p, 1e12, n).accumulate(w, tr, y, v, grads);
    }
}
