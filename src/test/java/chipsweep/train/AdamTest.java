package chipsweep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Adam's update by hand. */
class AdamTest {
    @Test
    void firstStepByHand() {
        Adam adam = new Adam(0.1, 0.9, 0.999, 1e-8, 2, 1);
        double[][] w = {{1.0, -2.0}, {0.5}};
        double[][] g = {{0.5, -4.0}, {0.0}};
        adam.step(w, g);
        // m = 0.1 g, v = 0.001 g^2; bias-corrected m / c1 = g, v / c2 = g^2: w -= 0.1 g / (|g| + 1e-8).
        double m = 0.9 * 0.0 + (1.0 - 0.9) * 0.5;
        double v = 0.999 * 0.0 + (1.0 - 0.999) * 0.5 * 0.5;
        assertEquals(1.0 - 0.1 * (m / (1.0 - 0.9)) / (Math.sqrt(v / (1.0 - 0.999)) + 1e-8), w[0][0], 0.0, "bit for bit");
        assertEquals(1.0 - 0.1 * 0.5 / (0.5 + 1e-8), w[0][0], 1e-15);
        assertEquals(-2.0 + 0.1 * 4.0 / (4.0 + 1e-8), w[0][1], 1e-15);
        assertEquals(0.5, w[1][0], 0.0, "a zero gradient leaves the weight");
        assertEquals(1, adam.steps());
    }

    @Test
    void secondStepByHand() {
        Adam adam = new Adam(0.01, 0.5, 0.75, 1e-3, 1);
        double[][] w = {{0.0}};
        adam.step(w, new double[][] {{1.0}});
        adam.step(w, new double[][] {{-2.0}});
        double m = 0.5 * (0.5 * 1.0) + 0.5 * -2.0;
        double v = 0.75 * (0.25 * 1.0) + 0.25 * 4.0;
        double w1 = -0.01 * 1.0 / (1.0 + 1e-3);
        assertEquals(w1 - 0.01 * (m / (1 - 0.25)) / (Math.sqrt(v / (1 - 0.5625)) + 1e-3), w[0][0], 1e-15);
    }

    @Test
    void refusesBadSettingsAndShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Adam(0, 0.9, 0.999, 1e-8, 1));
        assertEquals("learning_rate must be > 0 and finite, but was 0.0", e.getMessage());
        Adam adam = new Adam(1e-3, 0.9, 0.999, 1e-8, 2);
        assertThrows(IllegalArgumentException.class, () -> adam.step(new double[][] {{1}}, new double[][] {{1}}));
    }
}
