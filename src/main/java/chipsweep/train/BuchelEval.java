package chipsweep.train;

import chipsweep.chip.BuchelChip;
import chipsweep.chip.BuchelKernel;
import chipsweep.chip.BuchelWeights;
import chipsweep.data.TemporalXor;
import java.util.random.RandomGenerator;

/**
 * Scores a trained recurrent LIF network (mimicking or BPTT) on a chip, without feedback: the accuracy (the sign
 * of the output over each trial's target window) and, given the teacher, the normalised reconstruction error
 * {@code sum (x - x_hat)^2 / sum x^2} over all trials, steps and units.
 *
 * <p>Example: {@code BuchelEval.score(w, chip, test, teacher, noise).accuracy()}.
 *
 * <p>Thread-safety: stateless.
 */
public final class BuchelEval {
    private BuchelEval() {
    }

    /** Accuracy, and the reconstruction error (NaN without a teacher). */
    public record Score(double accuracy, double reconstructionError) {
    }

    /**
     * Scores {@code w} as programmed on {@code chip} over {@code trials}; membrane noise (if the chip's params have
     * it) from {@code noise}; {@code teacher} null skips the reconstruction error.
     */
    public static Score score(BuchelWeights w, BuchelChip chip, TemporalXor.Trial[] trials, RateTeacher teacher,
                              RandomGenerator noise) {
        BuchelWeights programmed = chip.program(w);
        BuchelKernel kernel = new BuchelKernel(chip, w.n(), w.out());
        int ok = 0;
        double err = 0;
        double norm = 0;
        double[] y = null;
        double[] decoded = null;
        for (TemporalXor.Trial tr : trials) {
            int steps = tr.input().length;
            if (y == null || y.length != steps) {
                y = new double[steps];
                decoded = teacher == null ? null : new double[steps * w.out()];
            }
            kernel.run(programmed, tr.input(), y, decoded, null, null, null, noise);
            ok += tr.correct(y) ? 1 : 0;
            if (teacher != null) {
                double[] x = teacher.run(tr.input(), null);
                for (int m = 0; m < x.length; m++) {
                    double d = x[m] - decoded[m];
                    err += d * d;
                    norm += x[m] * x[m];
                }
            }
        }
        return new Score(trials.length == 0 ? Double.NaN : (double) ok / trials.length,
                teacher == null ? Double.NaN : err / norm);
    }
}
