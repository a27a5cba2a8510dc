package chipsweep.cli;

import chipsweep.chip.CubaNetwork;
import chipsweep.data.LatencyCode;
import chipsweep.sweep.CubaScience;
import chipsweep.train.CubaSettings;
import chipsweep.train.LrSchedule;
import java.util.Set;

/**
 * Reads the settings blocks of a {@code "model": "cuba"} job (spec/CRAMER.md; every [default] of the spec is a
 * setting here):
 * <pre>
 *   "cuba": {"hidden": 246, "steps": 30, "dt": 1, "tau_m": 8, "tau_s": 8, "theta": 1,
 *            "tau_in": 3, "theta_in": 0.2, "noise": 0, "v_clip": 0},
 *   "itl":  {"epochs": 20, "batch_size": 100, "learning_rate": 0.001, "adam_beta1": 0.9, "adam_beta2": 0.999,
 *            "adam_epsilon": 1e-8, "rho_a": 0.001, "rho_b": 0, "surrogate_beta": 50, "init_scale": 1, "w_max": 0,
 *            "lr_schedule": "constant", "lr_step_every": 1, "lr_step_factor": 1}
 * </pre>
 * {@code hidden} and {@code rho_b} are the defaults of the experiments' axes of the same names.
 *
 * <p>Thread-safety: stateless.
 */
final class CubaBlocks {
    private CubaBlocks() {
    }

    /** The learning-rate schedule: {@code lr_schedule} (constant, cosine, step), {@code lr_step_every/factor}. */
    private static LrSchedule schedule(String src, JsonObject it, LrSchedule d) {
        String kind = it.text("lr_schedule", d.kind().id());
        return JobFile.build(src, it, () -> new LrSchedule(LrSchedule.Kind.of(kind), it.int32("lr_step_every",
                d.every()), it.number("lr_step_factor", d.factor())));
    }

    static CubaScience read(String src, JsonObject top) {
        CubaScience d = CubaScience.defaults();
        CubaNetwork n = d.network();
        JsonObject cu = top.object("cuba", Set.of("hidden", "steps", "dt", "tau_m", "tau_s", "theta", "tau_in",
                "theta_in", "noise", "v_clip"));
        CubaNetwork net = JobFile.build(src, cu, () -> new CubaNetwork(n.inputs(), cu.int32("hidden", n.hidden()),
                n.outputs(), cu.int32("steps", n.steps()), cu.number("dt", n.dt()), cu.number("tau_m", n.tauM()),
                cu.number("tau_s", n.tauS()), cu.number("theta", n.theta())));
        LatencyCode code = JobFile.build(src, cu, () -> new LatencyCode(cu.number("tau_in", d.code().tauIn()),
                cu.number("theta_in", d.code().thetaIn()), net.dt(), net.steps()));
        double noise = cu.number("noise", d.noise());
        double vClip = cu.number("v_clip", d.vClip());

        CubaSettings t = d.training();
        JsonObject it = top.object("itl", Set.of("epochs", "batch_size", "learning_rate", "adam_beta1", "adam_beta2",
                "adam_epsilon", "rho_a", "rho_b", "surrogate_beta", "init_scale", "w_max", "lr_schedule", "lr_step_every",
                "lr_step_factor"));
        CubaSettings training = JobFile.build(src, it, () -> new CubaSettings(it.int32("epochs", t.epochs()),
                it.int32("batch_size", t.batchSize()), it.number("learning_rate", t.learningRate()),
                it.number("adam_beta1", t.beta1()), it.number("adam_beta2", t.beta2()),
                it.number("adam_epsilon", t.epsilon()), it.number("rho_a", t.rhoA()), it.number("rho_b", t.rhoB()),
                it.number("surrogate_beta", t.surrogateBeta()), it.number("init_scale", t.initScale()),
                it.number("w_max", t.wMax()), schedule(src, it, t.schedule())));
        return JobFile.build(src, cu, () -> new CubaScience(net, code, noise, vClip, training));
    }
}
