package chipsweep.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class LatencyCodeTest {

    @ParameterizedTest(name = "x = {0} -> step {1}")
    @CsvSource({
        "1.0, 0",         // 3 ln(1.25) = 0.669
        "0.5, 1",         // 3 ln(5/3) = 1.532
        "0.3, 3",         // 3 ln 3 = 3.296
        "0.21, 9",        // 3 ln 21 = 9.13
        "0.2, -1",        // x == theta_in: no spike
        "0.1, -1",
        "0.0, -1",
        "NaN, -1",
        "0.20000001, -1", // latency beyond T
    })
    void defaultsGiveTheSpecSteps(double x, int step) {
        assertEquals(step, LatencyCode.DEFAULTS.step(x));
    }

    @Test
    void aStepAtOrBeyondTIsNoSpike() {
        // 3 ln(0.21 / 0.01) = 9.13: step 9, which needs T >= 10.
        assertEquals(9, new LatencyCode(3, 0.2, 1, 10).step(0.21));
        assertEquals(LatencyCode.NO_SPIKE, new LatencyCode(3, 0.2, 1, 9).step(0.21));
        assertEquals(4, new LatencyCode(3, 0.2, 2, 30).step(0.21), "dt = 2 halves the step");
    }

    @Test
    void stepsAndEventsAgree() {
        double[] x = {0.5, 0.0, 1.0, 0.3, 1.0, 0.5};
        int[] k = LatencyCode.DEFAULTS.steps(x);
        assertArrayEquals(new int[] {1, -1, 0, 3, 0, 1}, k);
        InputSpikes s = LatencyCode.DEFAULTS.events(x);
        assertArrayEquals(new int[] {2, 4}, s.at(0));
        assertArrayEquals(new int[] {0, 5}, s.at(1));
        assertArrayEquals(new int[] {3}, s.at(3));
        assertArrayEquals(k, s.stepOf());
    }

    static Stream<Arguments> badSettings() {
        return Stream.of(
                Arguments.of(0.0, 0.2, 1.0, 30, "tau_in must be > 0 and finite, but was 0.0"),
                Arguments.of(Double.POSITIVE_INFINITY, 0.2, 1.0, 30, "tau_in must be > 0 and finite, but was Infinity"),
                Arguments.of(3.0, -0.1, 1.0, 30, "theta_in must be in [0, 1), but was -0.1"),
                Arguments.of(3.0, 1.0, 1.0, 30, "theta_in must be in [0, 1), but was 1.0"),
                Arguments.of(3.0, Double.NaN, 1.0, 30, "theta_in must be in [0, 1), but was NaN"),
                Arguments.of(3.0, 0.2, -1.0, 30, "dt must be > 0 and finite, but was -1.0"),
                Arguments.of(3.0, 0.2, Double.NaN, 30, "dt must be > 0 and finite, but was NaN"),
                Arguments.of(3.0, 0.2, 1.0, 0, "T must be >= 1, but was 0"));
    }

    @ParameterizedTest(name = "{4}")
    @MethodSource("badSettings")
    void refusesBadSettingsNamingTheValue(double tau, double theta, double dt, int steps, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LatencyCode(tau, theta, dt, steps));
        assertEquals(message, e.getMessage());
    }
}
