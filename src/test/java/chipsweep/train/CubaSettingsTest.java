package chipsweep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One refusal per field of {@link CubaSettings}, one line naming the job setting and the value. */
class CubaSettingsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "epochs; epochs must be >= 1, but was 0",
        "batch_size; batch_size must be >= 1, but was 0",
        "learning_rate; learning_rate must be > 0 and finite, but was NaN",
        "adam_beta1; adam_beta1 must be in [0, 1), but was 1.0",
        "adam_beta2; adam_beta2 must be in [0, 1), but was -0.1",
        "adam_epsilon; adam_epsilon must be > 0 and finite, but was 0.0",
        "rho_a; rho_a must be >= 0 and finite, but was -1.0",
        "rho_b; rho_b must be >= 0 and finite, but was Infinity",
        "surrogate_beta; surrogate_beta must be > 0 and finite, but was 0.0",
        "init_scale; init_scale must be > 0 and finite, but was -2.0",
        "w_max; w_max must be >= 0 and finite (0 = full precision), but was NaN"})
    void refusesEachBadField(String field, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bad(field));
        assertEquals(message, e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void wMaxQuantisesTheChipOrLeavesItFullPrecision() {
        chipsweep.chip.CubaPhysics p = chipsweep.chip.CubaPhysics.ideal(chipsweep.chip.CubaNetwork.defaults(256, 10));
        assertEquals(0.5, CubaSettings.DEFAULTS.withWMax(0.5).quantize(p).hiddenWMax());
        assertEquals(false, CubaSettings.DEFAULTS.quantize(p).quantizes());
    }

    private static CubaSettings bad(String field) {
        CubaSettings d = CubaSettings.DEFAULTS;
        return switch (field) {
            case "epochs" -> d.withEpochs(0);
            case "batch_size" -> d.withBatchSize(0);
            case "learning_rate" -> d.withLearningRate(Double.NaN);
            case "adam_beta1" -> new CubaSettings(1, 1, 1e-3, 1.0, 0.999, 1e-8, 0, 0, 50, 1, 0);
            case "adam_beta2" -> new CubaSettings(1, 1, 1e-3, 0.9, -0.1, 1e-8, 0, 0, 50, 1, 0);
            case "adam_epsilon" -> new CubaSettings(1, 1, 1e-3, 0.9, 0.999, 0.0, 0, 0, 50, 1, 0);
            case "rho_a" -> d.withRegularisers(-1, 0);
            case "rho_b" -> d.withRegularisers(0, Double.POSITIVE_INFINITY);
            case "surrogate_beta" -> new CubaSettings(1, 1, 1e-3, 0.9, 0.999, 1e-8, 0, 0, 0, 1, 0);
            case "init_scale" -> d.withInitScale(-2);
            case "w_max" -> d.withWMax(Double.NaN);
            default -> throw new AssertionError(field);
        };
    }
}
