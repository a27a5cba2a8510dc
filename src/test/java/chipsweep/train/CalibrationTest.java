package chipsweep.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CalibrationTest {
    // Six samples, two classes. Confidences 0.95, 0.9, 0.75, 0.72, 0.55, 0.6 (the last predicts class 1).
    private static final double[][] P = {
        {0.95, 0.05}, {0.1, 0.9}, {0.75, 0.25}, {0.28, 0.72}, {0.55, 0.45}, {0.4, 0.6},
    };
    private static final int[] Y = {0, 1, 1, 1, 0, 0};

    @Test
    void binsByHand() {
        // bin 9 [0.9,1]: 0.95 (right), 0.9 (right)  -> n 2, conf 0.925, acc 1
        // bin 7 [0.7,0.8): 0.75 (wrong), 0.72 (right) -> n 2, conf 0.735, acc 0.5
        // bin 5 [0.5,0.6): 0.55 (right)               -> n 1, conf 0.55, acc 1
        // bin 6 [0.6,0.7): 0.6 (wrong)                -> n 1, conf 0.6, acc 0
        Calibration.Reliability r = Calibration.reliability(P, Y, 10);
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 1, 1, 2, 0, 2}, r.counts());
        assertArrayEquals(new double[] {0, 0, 0, 0, 0, 0.55, 0.6, 0.735, 0, 0.925}, r.confidences(), 1e-12);
        assertArrayEquals(new double[] {0, 0, 0, 0, 0, 1, 0, 0.5, 0, 1}, r.accuracies(), 1e-12);
        double ece = 2.0 / 6 * 0.075 + 2.0 / 6 * 0.235 + 1.0 / 6 * 0.45 + 1.0 / 6 * 0.6;
        assertEquals(ece, Calibration.expectedCalibrationError(P, Y, 10), 1e-12);
    }

    @Test
    void accuracyNllAndEntropyByHand() {
        assertEquals(4.0 / 6, Calibration.accuracy(P, Y), 1e-15);
        double nll = -(Math.log(0.95) + Math.log(0.9) + Math.log(0.25) + Math.log(0.72) + Math.log(0.55)
                + Math.log(0.4)) / 6;
        assertEquals(nll, Calibration.negativeLogLikelihood(P, Y), 1e-12);
        assertEquals(Math.log(2), Calibration.entropy(new double[] {0.5, 0.5}), 1e-15);
        assertEquals(0.0, Calibration.entropy(new double[] {1.0, 0.0}), 0.0);
        assertEquals(Math.log(2) / 2, Calibration.meanEntropy(new double[][] {{0.5, 0.5}, {0.0, 1.0}}), 1e-15);
    }

    @ParameterizedTest(name = "confidence {0} -> bin {1}")
    @CsvSource({"0.5, 5", "0.6, 6", "0.7, 7", "0.3, 3", "0.99999, 9", "1.0, 9", "0.1, 1"})
    void binEdgesAreLeftClosed(double conf, int bin) {
        int others = (int) Math.ceil((1 - conf) / conf - 1e-9);
        double[] q = new double[1 + Math.max(1, others)];
        q[0] = conf;
        for (int k = 1; k < q.length; k++) {
            q[k] = (1 - conf) / (q.length - 1);
        }
        double[][] p = {q};
        assertEquals(1, Calibration.reliability(p, new int[] {0}, 10).count(bin));
    }

    @Test
    void tiesPredictTheLowerClass() {
        assertEquals(0, Calibration.predict(new double[] {0.5, 0.5}));
        assertEquals(1, Calibration.predict(new double[] {0.2, 0.4, 0.4}));
    }

    @Test
    void aPerfectlyCalibratedSetHasZeroEce() {
        double[][] p = {{0.75, 0.25}, {0.75, 0.25}, {0.75, 0.25}, {0.75, 0.25}};
        assertEquals(0.0, Calibration.expectedCalibrationError(p, new int[] {0, 0, 0, 1}, 10), 1e-15);
    }
}
