package chipsweep.train;

import chipsweep.chip.BuchelParams;
import java.io.Serializable;

/**
 * The settings of the Büchel et al. 2021 system (spec/BUCHEL.md; the {@code buchel} block of a job): the network
 * ({@code neurons} LIF neurons, the teacher's {@code dims} units, the neuron constants), the task's trial length,
 * the teacher's training (time constant, epochs, minibatch, Adam learning rate, and how many teachers at most
 * are trained from fresh starts to find one right on every validation trial), the mimicking student's
 * ({@code epochs} passes over the cell's training trials, {@code eta0}, {@code driveGain} = A tau_mem: the spec's
 * 50, the authors' temporal-XOR scripts 10), the BPTT baseline's (epochs, Adam
 * minibatch and learning rate: the authors' batch 10 and Adam step 1e-4; surrogate slope), and the evaluation: held-out test trials per chip draw, validation trials per
 * feedback-gain stage, chip draws per cell. The spec's constants (lambda 20, mu 5e-4, nu 1e-4, k0 = 10 / tau_mem,
 * 8 gain steps) are fixed in {@link MimicTrainer}.
 *
 * <p>Example: {@code BuchelSettings.DEFAULTS}.
 *
 * <p>Thread-safety: immutable.
 */
public record BuchelSettings(int neurons, int dims, double trial, BuchelParams neuron, double teacherTau,
                             int teacherEpochs, int teacherBatch, double teacherLr, int teacherRestarts, int epochs, double eta0,
                             double driveGain, int bpttEpochs, int bpttBatch, double bpttLr, double bpttSlope, int testTrials,
                             int validationTrials, int evalChips) implements Serializable {
    /**
     * The spec's values (N 384, Nc 25, 5 epochs, eta0 1e-4, 50 chips), a 1.05 s trial, the teacher ours (up to 3 restarts), the BPTT
     * baseline's minibatch and learning rate the authors' (10 epochs and the slope ours).
     */
    public static final BuchelSettings DEFAULTS = new BuchelSettings(384, 25, 1.05, BuchelParams.DEFAULTS, 0.05, 20, 1,
            0.005, 3, 5, 1e-4, 50, 10, 10, 1e-4, 10.0, 100, 20, 50);

    public BuchelSettings {
        MhSettings.require(neurons >= 2 && neurons <= 4096, "neurons must be in [2, 4096]", neurons);
        MhSettings.require(dims >= 1 && dims <= 512, "dims must be in [1, 512]", dims);
        if (neuron == null) {
            throw new IllegalArgumentException("neuron constants must be given");
        }
        new chipsweep.data.TemporalXor(neuron.dt(), trial); // validates dt and trial, naming them
        MhSettings.require(teacherTau >= neuron.dt() && teacherTau <= 10, "teacher_tau must be in [dt, 10] seconds",
                teacherTau);
        MhSettings.require(teacherEpochs >= 1, "teacher_epochs must be >= 1", teacherEpochs);
        MhSettings.require(teacherBatch >= 1, "teacher_batch must be >= 1", teacherBatch);
        MhSettings.require(teacherLr > 0 && teacherLr < 1, "teacher_lr must be in (0, 1)", teacherLr);
        MhSettings.require(teacherRestarts >= 1 && teacherRestarts <= 100, "teacher_restarts must be in [1, 100]",
                teacherRestarts);
        MhSettings.require(epochs >= 1, "epochs must be >= 1", epochs);
        MhSettings.require(eta0 > 0 && eta0 < 1, "eta0 must be in (0, 1)", eta0);
        MhSettings.require(driveGain > 0 && driveGain <= 1000, "drive_gain must be in (0, 1000]", driveGain);
        MhSettings.require(bpttEpochs >= 1, "bptt_epochs must be >= 1", bpttEpochs);
        MhSettings.require(bpttBatch >= 1, "bptt_batch must be >= 1", bpttBatch);
        MhSettings.require(bpttLr > 0 && bpttLr < 1, "bptt_lr must be in (0, 1)", bpttLr);
        MhSettings.require(bpttSlope > 0 && Double.isFinite(bpttSlope), "bptt_slope must be > 0 and finite", bpttSlope);
        MhSettings.require(testTrials >= 1, "test_trials must be >= 1", testTrials);
        MhSettings.require(validationTrials >= 1, "validation_trials must be >= 1", validationTrials);
        MhSettings.require(evalChips >= 1 && evalChips <= 10_000, "eval_chips must be in [1, 10000]", evalChips);
    }

    /** The task these settings generate. */
    public chipsweep.data.TemporalXor task() {
        return new chipsweep.data.TemporalXor(neuron.dt(), trial);
    }
}
