package chipsweep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chipsweep.chip.CubaNetwork;
import chipsweep.chip.CubaPhysics;
import chipsweep.chip.CubaReadout;
import chipsweep.chip.MeteredChip;
import chipsweep.chip.SimulatedCubaChip;
import chipsweep.rng.Streams;
import org.junit.jupiter.api.Test;

/** The current-based chip as MH's black box: per-sample cross-entropy, partial runs, metering, MH on it. */
class CubaObjectiveTest {
    private static final CubaNetwork NET = CubaNetwork.defaults(256, 10).withHidden(16);

    private static double[][] weights(long seed) {
        CubaWeights w = CubaWeights.gaussian(NET, 2.0, Streams.generator(seed));
        return new double[][] {w.w1(), w.w2()};
    }

    @Test
    void eachSampleLossIsTheCrossEntropyOfItsMaxOverTimeReadout() {
        CubaData data = CubaTrainerTestData.mnistLike(NET, 230);
        SimulatedCubaChip chip = SimulatedCubaChip.ideal(NET);
        CubaObjective obj = new CubaObjective(chip, data);
        double[][] w = weights(3);
        chip.program(w);
        obj.evaluateAll();
        CubaReadout r = new CubaReadout(NET, data.size());
        chip.forward(data.input(), null, 0, data.size(), r);
        int[] labels = data.labels();
        double sum = 0.0;
        for (int n = 0; n < data.size(); n++) {
            double z = 0.0;
            for (int k = 0; k < 10; k++) {
                z += Math.exp(r.outputMax(n, k));
            }
            double ce = Math.log(z) - r.outputMax(n, labels[n]);
            assertEquals(ce, obj.sampleLoss(n), 1e-12, "sample " + n);
            sum += obj.sampleLoss(n);
        }
        assertEquals(sum, obj.lossSum(), 0.0);
        assertEquals(0.0, obj.saturatedShare(), 0.0, "a real-valued readout never saturates");
    }

    @Test
    void aPartialRunInAnyOrderGivesTheSameLossesOnADeterministicChip() {
        CubaData data = CubaTrainerTestData.mnistLike(NET, 230);
        SimulatedCubaChip chip = SimulatedCubaChip.ideal(NET);
        assertTrue(chip.deterministic());
        CubaObjective all = new CubaObjective(chip, data);
        CubaObjective part = new CubaObjective(chip, data);
        chip.program(weights(4));
        all.evaluateAll();
        int[] order = Streams.permutation(230, Streams.generator(9));
        part.evaluate(order, 0, 17);
        part.evaluate(order, 17, 230);
        for (int i = 0; i < 230; i++) {
            assertEquals(all.sampleLoss(i), part.sampleLoss(i), 0.0);
        }
    }

    @Test
    void theMeterCountsSamplesAndProgrammingsOfTheCurrentBasedChip() {
        CubaData data = CubaTrainerTestData.mnistLike(NET, 50);
        MeteredChip.Cuba chip = MeteredChip.of(SimulatedCubaChip.of(CubaPhysics.ideal(NET).withMembraneNoise(0.02),
                Streams.generator(1)));
        assertFalse(chip.deterministic(), "membrane noise");
        CubaObjective obj = new CubaObjective(chip, data);
        chip.program(weights(5));
        obj.evaluateAll();
        obj.evaluate(null, 10, 30);
        assertEquals(70, chip.samples());
        assertEquals(1, chip.programs());
    }

    @Test
    void mhLowersTheTrainingLossOnTheCurrentBasedChipAndEarlyRejectionKeepsItsChain() {
        CubaData data = CubaTrainerTestData.mnistLike(NET, 400); // early rejection needs more than 1.5 first chunks
        MhSettings s = MhSettings.DEFAULTS.withIterations(200, 50);
        double[][] w0 = weights(6);
        MeteredChip.Cuba a = MeteredChip.of(SimulatedCubaChip.ideal(NET));
        MeteredChip.Cuba b = MeteredChip.of(SimulatedCubaChip.ideal(NET));
        TrainResult early = new MetropolisHastings(s, true).train(new CubaObjective(a, data), w0, Streams.generator(8));
        TrainResult full = new MetropolisHastings(s, false).train(new CubaObjective(b, data), w0, Streams.generator(8));
        assertEquals(java.util.Arrays.deepToString(full.weights()), java.util.Arrays.deepToString(early.weights()));
        assertTrue(a.samples() < b.samples(), "early rejection ran " + a.samples() + " of " + b.samples());

        CubaObjective obj = new CubaObjective(SimulatedCubaChip.ideal(NET), data);
        obj.chip().program(w0);
        obj.evaluateAll();
        double before = obj.lossSum();
        obj.chip().program(((Diagnostics.Mh) full.diagnostics()).mapWeights());
        obj.evaluateAll();
        assertTrue(obj.lossSum() < before, "MAP loss " + obj.lossSum() + " below the initial " + before);
    }
}
