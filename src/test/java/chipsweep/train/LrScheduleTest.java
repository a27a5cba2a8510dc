package chipsweep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The learning-rate schedules by hand, their refusals, and Adam stepping at a scaled rate. */
class LrScheduleTest {
    @Test
    void constantIsOneAtEveryEpoch() {
        for (int e = 0; e < 7; e++) {
            assertEquals(1.0, LrSchedule.CONSTANT.factor(e, 7), 0.0);
        }
    }

    @Test
    void cosineFallsFromOneThroughAHalfAtMidTraining() {
        assertEquals(1.0, LrSchedule.COSINE.factor(0, 20), 0.0);
        assertEquals(0.5, LrSchedule.COSINE.factor(10, 20), 1e-15);
        assertEquals(0.5 * (1 + Math.cos(Math.PI * 19 / 20)), LrSchedule.COSINE.factor(19, 20), 0.0);
        for (int e = 1; e < 20; e++) {
            assertEquals(true, LrSchedule.COSINE.factor(e, 20) < LrSchedule.COSINE.factor(e - 1, 20));
        }
    }

    @Test
    void stepDecaysEveryGivenEpochs() {
        LrSchedule s = LrSchedule.step(30, 0.1);
        assertEquals(1.0, s.factor(29, 100), 0.0);
        assertEquals(0.1, s.factor(30, 100), 0.0);
        assertEquals(Math.pow(0.1, 3), s.factor(99, 100), 0.0);
    }

    @Test
    void refusesBadSettingsNamingTheField() {
        assertEquals("lr_step_every must be >= 1, but was 0",
                assertThrows(IllegalArgumentException.class, () -> LrSchedule.step(0, 0.5)).getMessage());
        assertEquals("lr_step_factor must be in (0, 1], but was 1.5",
                assertThrows(IllegalArgumentException.class, () -> LrSchedule.step(2, 1.5)).getMessage());
        assertEquals("lr_schedule must be constant, cosine or step, but was linear",
                assertThrows(IllegalArgumentException.class, () -> LrSchedule.Kind.of("linear")).getMessage());
    }

    @Test
    void adamAtAScaledRateStepsAsAdamAtThatRate() {
        double[][] a = {{0.3, -0.2}};
        double[][] b = {{0.3, -0.2}};
        double[][] g = {{0.5, -4.0}};
        Adam scaled = new Adam(0.1, 0.9, 0.999, 1e-8, 2);
        scaled.scaleLearningRate(0.25);
        Adam plain = new Adam(0.1 * 0.25, 0.9, 0.999, 1e-8, 2);
        scaled.step(a, g);
        plain.step(b, g);
        assertEquals(b[0][0], a[0][0], 0.0);
        assertEquals(b[0][1], a[0][1], 0.0);
    }
}
