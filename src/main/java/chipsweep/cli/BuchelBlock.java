package chipsweep.cli;

import chipsweep.chip.BuchelParams;
import chipsweep.sweep.BuchelScience;
import chipsweep.train.BuchelSettings;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * Reads and writes the {@code buchel} block of a {@code "model": "buchel"} job (spec/BUCHEL.md; the spec's
 * [default] values are settings here; times in seconds):
 * <pre>
 *   "buchel": {"neurons": 384, "dims": 25, "trial": 1.05, "dt": 0.001, "tau_mem": 0.05, "tau_fast": 0.001,
 *              "tau_slow": 0.1, "tau_out": 0.1, "v_thresh": 1, "v_rest": 0.5, "v_reset": 0, "noise": 0,
 *              "teacher_tau": 0.05, "teacher_epochs": 20, "teacher_batch": 1, "teacher_lr": 0.005,
 *              "teacher_restarts": 3,
 *              "epochs": 5, "eta0": 1e-4, "drive_gain": 50, "bptt_epochs": 10, "bptt_batch": 10, "bptt_lr": 1e-4,
 *              "bptt_slope": 10,
 *              "test_trials": 100, "validation_trials": 20, "eval_chips": 50}
 * </pre>
 *
 * <p>Thread-safety: stateless.
 */
final class BuchelBlock {
    static final Set<String> FIELDS = Set.of("neurons", "dims", "trial", "dt", "tau_mem", "tau_fast", "tau_slow",
            "tau_out", "v_thresh", "v_rest", "v_reset", "noise", "teacher_tau", "teacher_epochs", "teacher_batch",
            "teacher_lr", "teacher_restarts", "epochs", "eta0", "drive_gain", "bptt_epochs", "bptt_batch", "bptt_lr", "bptt_slope", "test_trials", "validation_trials",
            "eval_chips");

    private BuchelBlock() {
    }

    static BuchelScience read(String src, JsonObject top) {
        BuchelSettings d = BuchelSettings.DEFAULTS;
        BuchelParams p = d.neuron();
        JsonObject b = top.object("buchel", FIELDS);
        BuchelParams neuron = JobFile.build(src, b, () -> new BuchelParams(b.number("dt", p.dt()),
                b.number("tau_mem", p.tauMem()), b.number("tau_fast", p.tauFast()), b.number("tau_slow", p.tauSlow()),
                b.number("tau_out", p.tauOut()), b.number("v_thresh", p.vThresh()), b.number("v_rest", p.vRest()),
                b.number("v_reset", p.vReset()), b.number("noise", p.noise())));
        return JobFile.build(src, b, () -> new BuchelScience(new BuchelSettings(b.int32("neurons", d.neurons()),
                b.int32("dims", d.dims()), b.number("trial", d.trial()), neuron,
                b.number("teacher_tau", d.teacherTau()), b.int32("teacher_epochs", d.teacherEpochs()),
                b.int32("teacher_batch", d.teacherBatch()), b.number("teacher_lr", d.teacherLr()),
                b.int32("teacher_restarts", d.teacherRestarts()), b.int32("epochs", d.epochs()),
                b.number("eta0", d.eta0()), b.number("drive_gain", d.driveGain()),
                b.int32("bptt_epochs", d.bpttEpochs()), b.int32("bptt_batch", d.bpttBatch()),
                b.number("bptt_lr", d.bpttLr()), b.number("bptt_slope", d.bpttSlope()),
                b.int32("test_trials", d.testTrials()), b.int32("validation_trials", d.validationTrials()),
                b.int32("eval_chips", d.evalChips()))));
    }

    /** The block with every value explicit (see {@link JobJson}). */
    static void write(ObjectNode o, BuchelScience sci) {
        BuchelSettings s = sci.settings();
        BuchelParams p = s.neuron();
        ObjectNode n = o.putObject("buchel");
        n.put("neurons", s.neurons());
        n.put("dims", s.dims());
        n.put("trial", s.trial());
        n.put("dt", p.dt());
        n.put("tau_mem", p.tauMem());
        n.put("tau_fast", p.tauFast());
        n.put("tau_slow", p.tauSlow());
        n.put("tau_out", p.tauOut());
        n.put("v_thresh", p.vThresh());
        n.put("v_rest", p.vRest());
        n.put("v_reset", p.vReset());
        n.put("noise", p.noise());
        n.put("teacher_tau", s.teacherTau());
        n.put("teacher_epochs", s.teacherEpochs());
        n.put("teacher_batch", s.teacherBatch());
        n.put("teacher_lr", s.teacherLr());
        n.put("teacher_restarts", s.teacherRestarts());
        n.put("epochs", s.epochs());
        n.put("eta0", s.eta0());
        n.put("drive_gain", s.driveGain());
        n.put("bptt_epochs", s.bpttEpochs());
        n.put("bptt_batch", s.bpttBatch());
        n.put("bptt_lr", s.bpttLr());
        n.put("bptt_slope", s.bpttSlope());
        n.put("test_trials", s.testTrials());
        n.put("validation_trials", s.validationTrials());
        n.put("eval_chips", s.evalChips());
    }
}
