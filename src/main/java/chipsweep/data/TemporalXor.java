package chipsweep.data;

import java.util.random.RandomGenerator;

/**
 * The temporal XOR task of Büchel et al. 2021 (spec/BUCHEL.md section 3), generated in-process. A trial of
 * {@code trial} seconds sampled every {@code dt} seconds has one input channel with two pulses of amplitude
 * +-1 inside the first {@code L = 2/3} of the trial: durations {@code d1, d2 ~ U(L/10, L/4)}, the first ending at
 * {@code U(d1, L - d2 - 0.1)}, the second starting at {@code U(end1 + 0.1, L - d2)} (so at least 100 ms apart and
 * both inside L), signs drawn with probability 1/2 each; the input is smoothed by a Gaussian of sd 10 ms. The
 * target is the XOR of the signs (+1 if they differ, -1 if equal) from 50 ms after the end of the second pulse for
 * 300 ms (the window {@code [from, to)}), smoothed by a Gaussian of sd 20 ms and divided by its largest magnitude.
 * A trial must be at least {@link #MIN_TRIAL} = 1.05 s long so the window always fits (2/3 of it plus 350 ms).
 *
 * <p>Draw order per trial (one generator, fixed): d1, d2, end1, start2, sign1, sign2.
 * The Gaussians are truncated at 4 sd and normalised to sum 1; the convolution is "same"-sized with zeros outside.
 *
 * <p>Example: {@code TemporalXor.Trial[] t = new TemporalXor(0.001, 1.05).draw(100, Streams.generator(seed));}
 *
 * <p>Thread-safety: immutable; trials hand out their arrays (callers must not change them).
 */
public record TemporalXor(double dt, double trial) {
    /** The shortest trial whose target window always fits, seconds. */
    public static final double MIN_TRIAL = 1.05;
    /** The smallest gap between the two pulses, seconds. */
    public static final double GAP = 0.1;
    static final double INPUT_SD = 0.010;
    static final double TARGET_SD = 0.020;
    static final double TARGET_DELAY = 0.050;
    static final double TARGET_LENGTH = 0.300;

    public TemporalXor {
        if (!(dt > 0 && dt <= 0.01)) {
            throw new IllegalArgumentException("dt must be in (0, 0.01] seconds, but was " + dt);
        }
        if (!(trial >= MIN_TRIAL - 1e-12 && trial <= 10)) {
            throw new IllegalArgumentException("trial must be in [" + MIN_TRIAL + ", 10] seconds (the target window "
                    + "must fit), but was " + trial);
        }
    }

    /**
     * One trial: the smoothed input and target (one value per step), the XOR sign (+1 or -1), the two input signs,
     * the target window {@code [from, to)} in steps and the pulses' start and end times in seconds.
     */
    public record Trial(double[] input, double[] target, int sign, int sign1, int sign2, int from, int to,
                        double start1, double end1, double start2, double end2) {
        /** Whether {@code output}'s mean over the target window has the trial's sign (the spec's accuracy). */
        public boolean correct(double[] output) {
            double s = 0;
            for (int t = from; t < to; t++) {
                s += output[t];
            }
            return s * sign > 0;
        }
    }

    /** Steps per trial. */
    public int steps() {
        return (int) Math.round(trial / dt);
    }

    /** {@code n} trials drawn from {@code rng} one after the other. */
    public Trial[] draw(int n, RandomGenerator rng) {
        Trial[] out = new Trial[n];
        for (int i = 0; i < n; i++) {
            out[i] = draw(rng);
        }
        return out;
    }

    /** One trial drawn from {@code rng}. */
    public Trial draw(RandomGenerator rng) {
        int steps = steps();
        double l = 2.0 / 3.0 * trial;
        double d1 = uniform(rng, l / 10, l / 4);
        double d2 = uniform(rng, l / 10, l / 4);
        double end1 = uniform(rng, d1, l - d2 - GAP);
        double start2 = uniform(rng, end1 + GAP, l - d2);
        double end2 = start2 + d2;
        int a1 = rng.nextBoolean() ? 1 : -1;
        int a2 = rng.nextBoolean() ? 1 : -1;
        double[] raw = new double[steps];
        for (int t = 0; t < steps; t++) {
            double time = t * dt;
            if (time >= end1 - d1 && time < end1) {
                raw[t] = a1;
            } else if (time >= start2 && time < end2) {
                raw[t] = a2;
            }
        }
        int sign = a1 != a2 ? 1 : -1;
        int from = (int) Math.round((end2 + TARGET_DELAY) / dt);
        int to = Math.min(steps, from + (int) Math.round(TARGET_LENGTH / dt));
        double[] box = new double[steps];
        for (int t = from; t < to; t++) {
            box[t] = sign;
        }
        double[] target = smooth(box, TARGET_SD / dt);
        double max = 0;
        for (double v : target) {
            max = Math.max(max, Math.abs(v));
        }
        for (int t = 0; t < steps; t++) {
            target[t] /= max;
        }
        return new Trial(smooth(raw, INPUT_SD / dt), target, sign, a1, a2, from, to, end1 - d1, end1, start2, end2);
    }

    private static double uniform(RandomGenerator rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }

    /** "Same" convolution with a Gaussian of sd {@code sd} steps, truncated at 4 sd, normalised to sum 1. */
    static double[] smooth(double[] x, double sd) {
        int half = (int) Math.ceil(4 * sd);
        double[] k = new double[2 * half + 1];
        double sum = 0;
        for (int i = -half; i <= half; i++) {
            k[i + half] = Math.exp(-0.5 * i * i / (sd * sd));
            sum += k[i + half];
        }
        double[] y = new double[x.length];
        for (int t = 0; t < x.length; t++) {
            if (x[t] == 0) {
                continue;
            }
            double v = x[t] / sum;
            for (int i = Math.max(-half, -t); i <= half && t + i < x.length; i++) {
                y[t + i] += v * k[i + half];
            }
        }
        return y;
    }
}
