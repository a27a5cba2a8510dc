package chipsweep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import chipsweep.chip.DecolleParams;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One row per refused value: the field, the value and the one-line message. */
class BisnnSettingsTest {
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "temperature   | 0.0   | temperature must be > 0 and finite, but was 0.0",
        "temperature   | -1.0  | temperature must be > 0 and finite, but was -1.0",
        "temperature   | NaN   | temperature must be > 0 and finite, but was NaN",
        "prior_p       | 0.0   | prior_p must be in (0, 1), but was 0.0",
        "prior_p       | 1.0   | prior_p must be in (0, 1), but was 1.0",
        "prior_p       | NaN   | prior_p must be in (0, 1), but was NaN",
        "ensemble_size | 0     | ensemble_size must be >= 1, but was 0",
        "lr_fp         | 0.0   | lr_fp must be > 0 and finite, but was 0.0",
        "lr_st         | -1.0  | lr_st must be > 0 and finite, but was -1.0",
        "lr_bayes      | Infinity | lr_bayes must be > 0 and finite, but was Infinity",
        "rho           | -0.1  | rho must be >= 0 and finite, but was -0.1",
        "epochs        | 0     | epochs must be >= 1, but was 0",
        "batch_size    | 0     | batch_size must be >= 1, but was 0",
        "T             | 0     | T must be >= 1, but was 0",
        "burn_in       | 100   | burn_in must be >= 0 and < T (100), but was 100",
        "init_sd       | 0.0   | init_sd must be > 0 and finite, but was 0.0",
    })
    void refuses(String field, String value, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> with(field, value));
        assertEquals(message, e.getMessage());
    }

    @Test
    void refusesBadLayers() {
        BisnnSettings d = BisnnSettings.TWO_MOONS;
        assertEquals("layers must hold at least two sizes, each >= 1, but was [20]",
                assertThrows(IllegalArgumentException.class, () -> new BisnnSettings(d.lrFp(), d.lrSt(), d.lrBayes(),
                        d.rho(), d.temperature(), d.priorP(), d.ensembleSize(), d.epochs(), d.batchSize(), d.steps(),
                        d.burnIn(), List.of(20), d.neuron(), d.initSd())).getMessage());
    }

    @Test
    void defaultsAreTheSpecs() {
        BisnnSettings d = BisnnSettings.TWO_MOONS;
        assertEquals(5e-4, d.rho());
        assertEquals(1.0, d.temperature());
        assertEquals(0.5, d.priorP());
        assertEquals(0.0, d.priorNatural());
        assertEquals(10, d.ensembleSize());
        assertEquals(32, d.batchSize());
        assertEquals(100, d.steps());
        assertEquals(10, d.burnIn());
        assertEquals(List.of(20, 64, 64, 2), d.layers());
        assertEquals(DecolleParams.DEFAULTS, d.neuron());
        assertEquals(0.5 * Math.log(0.3 / 0.7), with("prior_p", "0.3").priorNatural(), 1e-15);
    }

    private static BisnnSettings with(String field, String value) {
        BisnnSettings d = BisnnSettings.TWO_MOONS;
        double v = Double.parseDouble(value);
        int i = (int) v;
        return new BisnnSettings(
                field.equals("lr_fp") ? v : d.lrFp(),
                field.equals("lr_st") ? v : d.lrSt(),
                field.equals("lr_bayes") ? v : d.lrBayes(),
                field.equals("rho") ? v : d.rho(),
                field.equals("temperature") ? v : d.temperature(),
                field.equals("prior_p") ? v : d.priorP(),
                field.equals("ensemble_size") ? i : d.ensembleSize(),
                field.equals("epochs") ? i : d.epochs(),
                field.equals("batch_size") ? i : d.batchSize(),
                field.equals("T") ? i : d.steps(),
                field.equals("burn_in") ? i : d.burnIn(),
                d.layers(), d.neuron(),
                field.equals("init_sd") ? v : d.initSd());
    }
}
