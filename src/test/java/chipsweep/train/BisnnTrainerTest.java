package chipsweep.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chipsweep.chip.DecolleNetwork;
import chipsweep.chip.DecolleParams;
import chipsweep.chip.SpikeTrains;
import chipsweep.data.PopulationCode;
import chipsweep.data.TwoMoons;
import chipsweep.rng.Streams;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BisnnTrainerTest {
    private static final BisnnSettings SMALL = new BisnnSettings(10, 10, 10, 5e-4, 1.0, 0.5, 3, 2, 8, 20, 4,
            List.of(20, 8, 2), DecolleParams.DEFAULTS, 1.0);

    private static SpikeTrains spikes(TwoMoons m) {
        return new PopulationCode(10, 20).encode(m.points(), 9L);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BisnnRule.class)
    void sameStreamsSameModel(BisnnRule rule) {
        TwoMoons m = TwoMoons.task(30, 2, 0.1, Streams.generator(1)).train();
        DecolleNetwork net = BisnnTrainer.network(SMALL, 2, Streams.generator(2));
        BisnnTrainer t = new BisnnTrainer(SMALL);
        BisnnModel a = t.train(net, spikes(m), m.labels(), rule, Streams.generator(3));
        BisnnModel b = t.train(net, spikes(m), m.labels(), rule, Streams.generator(3));
        BisnnModel c = t.train(net, spikes(m), m.labels(), rule, Streams.generator(4));
        for (int l = 0; l < 2; l++) {
            assertArrayEquals(a.parameters()[l], b.parameters()[l], 0.0);
        }
        assertFalse(Arrays.equals(a.parameters()[0], c.parameters()[0]));
        assertEquals(a.epochLosses(), b.epochLosses());
        assertEquals(2, a.epochLosses().size());
        double[][] p = a.probabilities(spikes(m), rule == BisnnRule.BAYES ? BisnnMethod.BAYES_ENS
                : rule == BisnnRule.ST ? BisnnMethod.ST : BisnnMethod.FP, 3, Streams.generator(5));
        for (double[] row : p) {
            assertEquals(1.0, row[0] + row[1], 1e-12);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BisnnRule.class)
    void learningStepsAllocateNothing(BisnnRule rule) {
        TwoMoons m = TwoMoons.task(8, 2, 0.1, Streams.generator(1)).train();
        SpikeTrains x = spikes(m);
        DecolleNetwork net = BisnnTrainer.network(SMALL, 2, Streams.generator(2));
        BisnnLearner learner = new BisnnLearner(net, rule, SMALL,
                BisnnTrainer.initial(net, 1.0, Streams.generator(3)), 8);
        java.util.random.RandomGenerator rng = Streams.generator(4);
        double[][] inputs = new double[20][8 * 20];
        for (int t = 0; t < 20; t++) {
            for (int n = 0; n < 8; n++) {
                x.copyStep(n, t, inputs[t], n * 20);
            }
        }
        int[] labels = m.labels();
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = 0;
        for (int rep = 0; rep < 300; rep++) {
            if (rep == 200) {
                before = mx.getThreadAllocatedBytes(id);
            }
            learner.beginBatch(8, rng);
            for (int t = 0; t < 20; t++) {
                learner.step(inputs[t], labels, rng);
            }
        }
        long bytes = mx.getThreadAllocatedBytes(id) - before;
        assertTrue(bytes < 4096, "2,000 learning steps allocated " + bytes + " bytes");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BisnnRule.class)
    void refusesDataThatDoNotFit(BisnnRule rule) {
        TwoMoons m = TwoMoons.task(10, 2, 0.1, Streams.generator(1)).train();
        DecolleNetwork net = BisnnTrainer.network(SMALL, 2, Streams.generator(2));
        SpikeTrains wrongSteps = new PopulationCode(10, 21).encode(m.points(), 1L);
        assertThrows(IllegalArgumentException.class,
                () -> new BisnnTrainer(SMALL).train(net, wrongSteps, m.labels(), rule, Streams.generator(3)));
        int[] badLabels = m.labels();
        badLabels[0] = 2;
        assertEquals("labels must be in 0..1, but was 2", assertThrows(IllegalArgumentException.class,
                () -> new BisnnTrainer(SMALL).train(net, spikes(m), badLabels, rule, Streams.generator(3)))
                .getMessage());
    }
}
