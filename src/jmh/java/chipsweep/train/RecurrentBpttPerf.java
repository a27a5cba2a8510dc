package chipsweep.train;

import chipsweep.chip.BuchelChip;
import chipsweep.chip.BuchelKernel;
import chipsweep.chip.BuchelParams;
import chipsweep.chip.BuchelWeights;
import chipsweep.data.TemporalXor;
import chipsweep.rng.Streams;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One temporal-XOR trial (1,050 steps) of the Büchel BPTT baseline at the job's size: {@code forward} runs the
 * recurrent LIF kernel with the membranes recorded (what a training step and, without recording, a chip draw's
 * evaluation run), {@code backward} the BPTT pass of {@link RecurrentBptt.Backward} over the recorded trial, which
 * {@code buchel2021}'s 30 BPTT trainings run 10,000 times each. The network is one of {@link RecurrentBptt#network}
 * after 20 training trials (so that it spikes as a trained one does).
 *
 * <p>Run: {@code mvn -B -q -Pbench package -DskipTests && mvn -B -q -Pbench exec:exec
 * -Djmh.args="RecurrentBpttPerf -f 1 -wi 3 -w 2s -i 5 -r 2s -prof gc"}.
 *
 * <p>Measured: see docs/performance.md, "Büchel BPTT".
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RecurrentBpttPerf {
    @Param({"384"})
    int neurons;

    BuchelWeights w;
    BuchelKernel kernel;
    RecurrentBptt.Backward backward;
    TemporalXor.Trial trial;
    double[] y;
    double[] v;
    double[][] grads;

    @Setup
    public void setup() {
        BuchelSettings s = BuchelSettings.DEFAULTS;
        TemporalXor.Trial[] train = s.task().draw(20, Streams.generator(1));
        TemporalXor.Trial[] validation = s.task().draw(2, Streams.generator(3));
        BuchelSettings small = new BuchelSettings(neurons, s.dims(), s.trial(), s.neuron(), s.teacherTau(),
                s.teacherEpochs(), s.teacherBatch(), s.teacherLr(), s.teacherRestarts(), s.epochs(), s.eta0(), s.driveGain(), 1,
                s.bpttBatch(), s.bpttLr(), s.bpttSlope(), s.testTrials(), s.validationTrials(), s.evalChips());
        w = RecurrentBptt.train(small, RecurrentBptt.network(neurons, Streams.generator(7)), train, validation, 0,
                Streams.generator(8)).weights();
        BuchelParams p = s.neuron().withNoise(0);
        BuchelChip chip = BuchelChip.ideal(p, w);
        kernel = new BuchelKernel(chip, neurons, 1);
        backward = new RecurrentBptt.Backward(p, s.bpttSlope(), neurons);
        trial = train[0];
        int steps = s.task().steps();
        y = new double[steps];
        v = new double[steps * neurons];
        grads = new double[][] {new double[neurons], new double[neurons * neurons], new double[neurons]};
        kernel.run(w, trial.input(), y, null, v, null, null, null);
    }

    @Benchmark
    public long forward() {
        return kernel.run(w, trial.input(), y, null, v, null, null, null);
    }

    @Benchmark
    public double backward() {
        return backward.accumulate(w, trial, y, v, grads);
    }
}
