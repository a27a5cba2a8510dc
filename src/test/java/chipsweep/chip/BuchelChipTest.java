package chipsweep.chip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chipsweep.data.TemporalXor;
import chipsweep.rng.Streams;
import java.util.HashSet;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BuchelChipTest {
    private static final int N = 24;
    private static final int OUT = 3;

    /** A random network with fast weights that spikes on the task's input. */
    static BuchelWeights network(long seed) {
        RandomGenerator r = Streams.generator(seed);
        double[] win = new double[N];
        double[] fast = new double[N * N];
        double[] slow = new double[N * N];
        double[] wout = new double[N * OUT];
        double[] readout = new double[OUT];
        for (int i = 0; i < N; i++) {
            win[i] = 3 * r.nextGaussian();
        }
        for (int i = 0; i < fast.length; i++) {
            fast[i] = -0.1 * Math.abs(r.nextGaussian());
            slow[i] = 0.05 * r.nextGaussian();
        }
        for (int i = 0; i < wout.length; i++) {
            wout[i] = 0.1 * r.nextGaussian();
        }
        for (int i = 0; i < OUT; i++) {
            readout[i] = r.nextGaussian();
        }
        return new BuchelWeights(N, 1, OUT, win, fast, slow, wout, readout);
    }

    private static double[] run(BuchelChip chip, BuchelWeights w, TemporalXor.Trial t, BuchelKernel.SpikeLog log) {
        double[] y = new double[t.input().length];
        new BuchelKernel(chip, N, OUT).run(chip.program(w), t.input(), y, null, null, null, log,
                Streams.generator(chip.noiseSeed()));
        return y;
    }

    @Test
    void aDrawOfSigmaZeroWithoutDeathQuantisationOrNoiseIsTheIdealNetworkExactly() {
        BuchelWeights w = network(1);
        TemporalXor.Trial t = new TemporalXor(0.001, 1.05).draw(Streams.generator(3));
        BuchelKernel.SpikeLog a = new BuchelKernel.SpikeLog();
        BuchelKernel.SpikeLog b = new BuchelKernel.SpikeLog();
        double[] ideal = run(BuchelChip.ideal(BuchelParams.DEFAULTS, w), w, t, a);
        double[] drawn = run(BuchelChip.draw(BuchelParams.DEFAULTS, w, 0.0, 0.0, 0, 12345L), w, t, b);
        assertTrue(a.size() > 50, "the network spikes: " + a.size());
        assertArrayEquals(ideal, drawn, 0.0);
        assertEquals(a.size(), b.size());
        double[] mismatched = run(BuchelChip.draw(BuchelParams.DEFAULTS, w, 0.2, 0.0, 0, 12345L), w, t, null);
        assertFalse(java.util.Arrays.equals(ideal, mismatched), "sigma 0.2 changes the output");
        double[] noisy = run(BuchelChip.draw(BuchelParams.DEFAULTS.withNoise(0.1), w, 0.0, 0.0, 0, 12345L), w, t, null);
        assertFalse(java.util.Arrays.equals(ideal, noisy), "membrane noise changes the output");
    }

    @Test
    void deadNeuronsNeverSpikeAndTheirShareIsTheDeathShare() {
        BuchelWeights w = network(2);
        BuchelChip chip = BuchelChip.draw(BuchelParams.DEFAULTS, w, 0.1, 0.25, 0, 99L);
        assertEquals(0.25, chip.deadShare(), 1e-12);
        BuchelKernel.SpikeLog log = new BuchelKernel.SpikeLog();
        run(chip, w, new TemporalXor(0.001, 1.05).draw(Streams.generator(4)), log);
        Set<Integer> spiking = new HashSet<>();
        for (int k = 0; k < log.size(); k++) {
            spiking.add(log.neuron(k));
            assertFalse(chip.dead(log.neuron(k)), "neuron " + log.neuron(k) + " is dead but spiked");
        }
        assertTrue(spiking.size() > 3);
        BuchelChip more = BuchelChip.draw(BuchelParams.DEFAULTS, w, 0.1, 0.5, 0, 99L);
        for (int i = 0; i < N; i++) {
            assertTrue(!chip.dead(i) || more.dead(i), "the dead of a smaller share are dead in a larger one");
        }
    }

    @Test
    void quantisedSlowWeightsTakeAtMostTwoToTheBitsLevelsAndTheShadowStaysUntouched() {
        BuchelWeights w = network(3);
        double[] before = w.omegaSlow().clone();
        for (int bits = 2; bits <= 6; bits++) {
            BuchelWeights q = BuchelChip.quantised(BuchelParams.DEFAULTS, w, bits).program(w);
            Set<Double> levels = new HashSet<>();
            for (double v : q.omegaSlow()) {
                levels.add(v);
            }
            assertTrue(levels.size() <= (1 << bits) + 1, bits + " bits: " + levels.size() + " levels");
            assertTrue(levels.size() >= 2);
            assertArrayEquals(before, w.omegaSlow(), 0.0);
            assertArrayEquals(w.win(), q.win(), 0.0, "quantisation touches only the slow weights");
        }
    }
}
