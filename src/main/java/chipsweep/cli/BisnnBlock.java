package chipsweep.cli;

import chipsweep.chip.DecolleParams;
import chipsweep.sweep.BisnnScience;
import chipsweep.train.BisnnInit;
import chipsweep.train.BisnnSettings;
import java.util.Set;

/**
 * Reads the {@code bisnn} block of a {@code "model": "bisnn"} job (spec/BISNN.md; the spec's [default] values are
 * settings here):
 * <pre>
 *   "bisnn": {"layers": [20, 64, 64, 2], "steps": 100, "burn_in": 10, "tau_mem": 10, "tau_syn": 6, "tau_ref": 2,
 *             "epochs": 30, "batch_size": 32, "lr_fp": 10, "lr_st": 10, "lr_bayes": 10, "rho": 5e-4,
 *             "temperature": 1, "prior_p": 0.5, "ensemble_size": 10, "init": "lsuv", "init_latent": "gaussian",
 *             "init_sd": 1, "test_points": 200, "grid": 21}
 * </pre>
 * The hidden layers' width is the default of the experiments' {@code hidden} axis.
 *
 * <p>Thread-safety: stateless.
 */
final class BisnnBlock {
    private BisnnBlock() {
    }

    static BisnnScience read(String src, JsonObject top) {
        BisnnScience d = BisnnScience.defaults();
        BisnnSettings t = d.training();
        JsonObject b = top.object("bisnn", Set.of("layers", "steps", "burn_in", "tau_mem", "tau_syn", "tau_ref", "epochs",
                "batch_size", "lr_fp", "lr_st", "lr_bayes", "rho", "temperature", "prior_p", "ensemble_size", "init_sd",
                "init", "init_latent", "test_points", "grid"));
        DecolleParams neuron = JobFile.build(src, b, () -> new DecolleParams(b.number("tau_mem", t.neuron().tauMem()),
                b.number("tau_syn", t.neuron().tauSyn()), b.number("tau_ref", t.neuron().tauRef())));
        int steps = b.int32("steps", t.steps());
        BisnnSettings training = JobFile.build(src, b, () -> {
            try {
                return new BisnnSettings(b.number("lr_fp", t.lrFp()), b.number("lr_st", t.lrSt()),
                        b.number("lr_bayes", t.lrBayes()), b.number("rho", t.rho()),
                        b.number("temperature", t.temperature()), b.number("prior_p", t.priorP()),
                        b.int32("ensemble_size", t.ensembleSize()), b.int32("epochs", t.epochs()),
                        b.int32("batch_size", t.batchSize()), steps, b.int32("burn_in", t.burnIn()),
                        b.intSequence("layers", t.layers()), neuron, b.number("init_sd", t.initSd()),
                        BisnnInit.of("init", b.text("init", t.init().id())),
                        BisnnInit.of("init_latent", b.text("init_latent", t.initLatent().id())));
            } catch (IllegalArgumentException e) {
                // BisnnSettings names T "T"; the job file calls it steps
                String m = String.valueOf(e.getMessage());
                throw m.startsWith("T ") ? new IllegalArgumentException("steps " + m.substring(2), e) : e;
            }
        });
        return JobFile.build(src, b, () -> new BisnnScience(training, b.int32("test_points", d.testPoints()),
                b.int32("grid", d.gridSide())));
    }
}
