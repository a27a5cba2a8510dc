package chipsweep.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chipsweep.chip.BuchelChip;
import chipsweep.chip.BuchelKernel;
import chipsweep.chip.BuchelParams;
import chipsweep.chip.BuchelWeights;
import chipsweep.data.TemporalXor;
import chipsweep.rng.Streams;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class MimicTrainerTest {
    @Test
    void theRulesUpdateIsRTimesFETransposedWithItsDiagonalZeroedAndMeanAbsoluteOne() {
        int n = 6;
        int dims = 2;
        RandomGenerator r = Streams.generator(5);
        double[] win = new double[n];
        double[] f = new double[n * dims];
        for (int i = 0; i < n; i++) {
            win[i] = 2 + r.nextDouble();
        }
        for (int i = 0; i < f.length; i++) {
            f[i] = r.nextGaussian();
        }
        BuchelWeights w = new BuchelWeights(n, 1, dims, win, null, new double[n * n], new double[n * dims],
                new double[dims]);
        for (int i = 0; i < w.wout().length; i++) {
            w.wout()[i] = 0.1 * r.nextGaussian();
        }
        int steps = 300;
        double[] drive = new double[steps];
        double[] x = new double[steps * dims];
        for (int t = 0; t < steps; t++) {
            drive[t] = Math.sin(t / 20.0);
            x[t * dims] = Math.cos(t / 30.0);
            x[t * dims + 1] = 0.5;
        }
        double[] errors = new double[steps * dims];
        BuchelKernel.SpikeLog log = new BuchelKernel.SpikeLog();
        BuchelChip chip = BuchelChip.ideal(BuchelParams.DEFAULTS, w);
        new BuchelKernel(chip, n, dims).run(w, drive, new double[steps], null, null,
                new BuchelKernel.Feedback(3.0, f, x, errors), log, null);
        assertTrue(log.size() > 20, "spikes: " + log.size());
        double a = 1 - 0.001 / 0.1;
        // the formula, directly: R (n x T) the rates, G = F E (n x T), dOmega[pre][post] = sum_t R[pre][t] G[post][t]
        double[][] rate = new double[n][steps];
        double[] now = new double[n];
        int q = 0;
        for (int t = 0; t < steps; t++) {
            for (int j = 0; j < n; j++) {
                now[j] *= a;
            }
            while (q < log.size() && log.step(q) == t) {
                now[log.neuron(q++)] += 1;
            }
            for (int j = 0; j < n; j++) {
                rate[j][t] = now[j];
            }
        }
        double[] expected = new double[n * n];
        for (int pre = 0; pre < n; pre++) {
            for (int post = 0; post < n; post++) {
                double s = 0;
                for (int t = 0; t < steps; t++) {
                    double g = 0;
                    for (int c = 0; c < dims; c++) {
                        g += f[post * dims + c] * errors[t * dims + c];
                    }
                    s += rate[pre][t] * g;
                }
                expected[pre * n + post] = pre == post ? 0 : s;
            }
        }
        double sum = 0;
        for (double v : expected) {
            sum += Math.abs(v);
        }
        double[] out = new double[n * n];
        assertTrue(MimicTrainer.rule(log, errors, f, n, dims, steps, a, new double[steps * dims], new double[n], out));
        double mean = 0;
        for (int k = 0; k < out.length; k++) {
            assertEquals(expected[k] * n * n / sum, out[k], 1e-9 * (1 + Math.abs(out[k])), "entry " + k);
            mean += Math.abs(out[k]) / out.length;
        }
        for (int i = 0; i < n; i++) {
            assertEquals(0.0, out[i * n + i], 0.0, "no learning on the diagonal");
        }
        assertEquals(1.0, mean, 1e-12, "normalised to mean |dOmega| = 1");
    }

    @Test
    void theFeedbackGainFallsInEightEqualStepsAndNeverBelowAnEighth() {
        double k0 = 200;
        TreeSet<Double> levels = new TreeSet<>();
        double last = k0;
        for (int it = 0; it < 83; it++) {
            double k = MimicTrainer.gain(it, 83, k0);
            assertTrue(k <= last && k >= k0 / 8, it + ": " + k);
            assertTrue(last - k == 0 || Math.abs(last - k - k0 / 8) < 1e-9, "steps of k0/8");
            levels.add(k);
            last = k;
        }
        assertEquals(8, levels.size());
        assertEquals(k0, MimicTrainer.gain(0, 83, k0));
        assertEquals(k0 - k0 / 8, MimicTrainer.gain(10, 80, k0), 1e-12, "the first fall after an eighth of training");
        assertEquals(k0 / 8, MimicTrainer.gain(79, 80, k0), 1e-12);
    }

    @Test
    void theLearningRateDecaysExponentiallyToAHundredthAtHalfTime() {
        double eta0 = 1e-4;
        assertEquals(eta0 + 1e-7, MimicTrainer.eta(0, 5000, eta0), 1e-18);
        assertEquals(eta0 / 100 + 1e-7, MimicTrainer.eta(2500, 5000, eta0), 1e-15);
        assertEquals(eta0 / 10_000 + 1e-7, MimicTrainer.eta(5000, 5000, eta0), 1e-15);
        assertTrue(MimicTrainer.eta(100, 5000, eta0) > MimicTrainer.eta(101, 5000, eta0));
    }

    @Test
    void theReconstructionErrorFallsOverTraining() {
        BuchelSettings s = new BuchelSettings(64, 16, 1.05, BuchelParams.DEFAULTS, 0.05, 3, 1, 0.005, 1, 2, 1e-3, 50, 1,
                1, 1e-3, 10, 10, 6, 1);
        TemporalXor task = s.task();
        TemporalXor.Trial[] train = task.draw(40, Streams.generator(1));
        TemporalXor.Trial[] validation = task.draw(6, Streams.generator(2));
        RateTeacher teacher = RateTeacher.train(train, 16, 0.05, 0.001, 10, 1, 0.005, Streams.generator(3));
        MimicTrainer.Student student = MimicTrainer.network(s, teacher, true, Streams.generator(4));
        MimicTrainer.Result r = MimicTrainer.train(s, teacher, student, train, validation, 0, Streams.generator(5));
        assertEquals(MimicTrainer.GAIN_STEPS + 1, r.stages().size(), "before training and after each gain level");
        double first = r.stages().get(0).reconstructionError();
        double last = r.stages().get(r.stages().size() - 1).reconstructionError();
        assertTrue(last < 0.5 * first, "error " + first + " -> " + last + ": " + r.stages());
        assertEquals(200.0 / 8, r.stages().get(r.stages().size() - 1).k(), 1e-9);
    }
    @Test
    void theStudentsInputIsFWithTheDriveGainTimesTheTeachersInputWeightsAsItsExpansion() {
        TemporalXor.Trial[] trials = new TemporalXor(0.001, 1.05).draw(4, Streams.generator(6));
        RateTeacher teacher = RateTeacher.train(trials, 5, 0.05, 0.001, 1, 1, 0.005, Streams.generator(7));
        for (double gain : new double[] {50, 10}) {
            BuchelSettings s = new BuchelSettings(20, 5, 1.05, BuchelParams.DEFAULTS, 0.05, 1, 1, 0.005, 1, 1, 1e-3, gain,
                    1, 1, 1e-3, 10, 4, 2, 1);
            MimicTrainer.Student st = MimicTrainer.network(s, teacher, true, Streams.generator(8));
            BuchelWeights w = st.weights();
            assertEquals(5, w.in());
            assertEquals(1, w.channels());
            assertArrayEquals(st.feedback(), w.win(), 0.0, "the input weights are F");
            double[] fin = teacher.inputWeights();
            for (int c = 0; c < 5; c++) {
                assertEquals(gain / 0.05 * fin[c], w.expand()[c], 1e-9 * Math.abs(fin[c]) * gain / 0.05);
            }
        }
    }
}
