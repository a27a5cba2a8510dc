package chipsweep.train;

import java.io.Serializable;

/**
 * Settings of surrogate-gradient training of the current-based network ({@code spec/CRAMER.md} section 4; the
 * defaults, {@link #DEFAULTS}, are the spec's [default] choices): {@code epochs}, minibatch {@code batchSize},
 * Adam ({@code learningRate}, {@code beta1}, {@code beta2}, {@code epsilon}), the loss's regularisers
 * {@code rhoA} (on the readouts) and {@code rhoB} (on hidden spike counts), the SuperSpike surrogate's
 * {@code surrogateBeta} in {@code ds/dV = 1 / (beta_sg |V - theta| + 1)^2}, the initial weights' scale
 * {@code initScale} (W ~ N(0, 1/fan_in) times it) and the hidden layer's quantisation range {@code wMax}
 * (the chip's 7-bit range; 0 = full-precision weights), and the learning-rate {@code schedule} over the epochs
 * ({@link LrSchedule}; constant unless the job says otherwise). The trainers never read {@code wMax}: they see the chip as
 * a black box; whoever builds the chip applies it ({@link #quantize}).
 *
 * <p>Every value is checked, failing with one line that names the job setting and the value, e.g.
 * {@code batch_size must be >= 1, but was 0}.
 *
 * <p>Example: {@code new CubaSettings(20, 100, 1e-3, 0.9, 0.999, 1e-8, 1e-3, 1e-4, 50, 1.0, 1.0)}.
 *
 * <p>Thread-safety: immutable.
 */
public record CubaSettings(int epochs, int batchSize, double learningRate, double beta1, double beta2,
                           double epsilon, double rhoA, double rhoB, double surrogateBeta, double initScale,
                           double wMax, LrSchedule schedule) implements Serializable {
    /** 20 epochs, batch 100, Adam 1e-3 (0.9, 0.999, 1e-8), rho_a 1e-3, rho_b 0, beta_sg 50, scale 1, w_max 0. */
    public static final CubaSettings DEFAULTS = new CubaSettings(20, 100, 1e-3, 0.9, 0.999, 1e-8, 1e-3, 0.0, 50.0,
            1.0, 0.0);

    /** With a constant learning rate. */
    public CubaSettings(int epochs, int batchSize, double learningRate, double beta1, double beta2, double epsilon,
                        double rhoA, double rhoB, double surrogateBeta, double initScale, double wMax) {
        this(epochs, batchSize, learningRate, beta1, beta2, epsilon, rhoA, rhoB, surrogateBeta, initScale, wMax,
                LrSchedule.CONSTANT);
    }

    public CubaSettings {
        MhSettings.require(epochs >= 1, "epochs must be >= 1", epochs);
        MhSettings.require(batchSize >= 1, "batch_size must be >= 1", batchSize);
        MhSettings.require(learningRate > 0 && Double.isFinite(learningRate), "learning_rate must be > 0 and finite",
                learningRate);
        MhSettings.require(beta1 >= 0 && beta1 < 1, "adam_beta1 must be in [0, 1)", beta1);
        MhSettings.require(beta2 >= 0 && beta2 < 1, "adam_beta2 must be in [0, 1)", beta2);
        MhSettings.require(epsilon > 0 && Double.isFinite(epsilon), "adam_epsilon must be > 0 and finite", epsilon);
        MhSettings.require(rhoA >= 0 && Double.isFinite(rhoA), "rho_a must be >= 0 and finite", rhoA);
        MhSettings.require(rhoB >= 0 && Double.isFinite(rhoB), "rho_b must be >= 0 and finite", rhoB);
        MhSettings.require(surrogateBeta > 0 && Double.isFinite(surrogateBeta), "surrogate_beta must be > 0 and finite",
                surrogateBeta);
        MhSettings.require(initScale > 0 && Double.isFinite(initScale), "init_scale must be > 0 and finite", initScale);
        MhSettings.require(wMax >= 0 && Double.isFinite(wMax), "w_max must be >= 0 and finite (0 = full precision)",
                wMax);
        MhSettings.require(schedule != null, "lr_schedule must be constant, cosine or step", schedule);
    }

    /** {@code physics} with this job's 7-bit weights of hidden range {@code wMax}, or unchanged if it is 0. */
    public chipsweep.chip.CubaPhysics quantize(chipsweep.chip.CubaPhysics physics) {
        return wMax > 0 ? physics.withQuantization(wMax) : physics;
    }

    public CubaSettings withEpochs(int e) {
        return new CubaSettings(e, batchSize, learningRate, beta1, beta2, epsilon, rhoA, rhoB, surrogateBeta,
                initScale, wMax, schedule);
    }

    public CubaSettings withRegularisers(double a, double b) {
        return new CubaSettings(epochs, batchSize, learningRate, beta1, beta2, epsilon, a, b, surrogateBeta,
                initScale, wMax, schedule);
    }

    public CubaSettings withInitScale(double s) {
        return new CubaSettings(epochs, batchSize, learningRate, beta1, beta2, epsilon, rhoA, rhoB, surrogateBeta, s,
                wMax, schedule);
    }

    public CubaSettings withLearningRate(double lr) {
        return new CubaSettings(epochs, batchSize, lr, beta1, beta2, epsilon, rhoA, rhoB, surrogateBeta, initScale,
                wMax, schedule);
    }

    public CubaSettings withBatchSize(int b) {
        return new CubaSettings(epochs, b, learningRate, beta1, beta2, epsilon, rhoA, rhoB, surrogateBeta, initScale,
                wMax, schedule);
    }

    public CubaSettings withSchedule(LrSchedule l) {
        return new CubaSettings(epochs, batchSize, learningRate, beta1, beta2, epsilon, rhoA, rhoB, surrogateBeta,
                initScale, wMax, l);
    }

    public CubaSettings withWMax(double w) {
        return new CubaSettings(epochs, batchSize, learningRate, beta1, beta2, epsilon, rhoA, rhoB, surrogateBeta,
                initScale, w, schedule);
    }
}
