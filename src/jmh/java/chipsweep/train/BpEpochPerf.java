package chipsweep.train;

import chipsweep.PerfData;
import chipsweep.chip.Batch;
import chipsweep.chip.DistortionSettings;
import chipsweep.chip.Distortions;
import chipsweep.chip.Network;
import chipsweep.chip.SimulatedChip;
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

/** One epoch of chip-in-the-loop surrogate-gradient BP over the 398 training samples (13 minibatches). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BpEpochPerf {
    @Param({"20", "64"})
    int hidden;

    SimulatedChip chip;
    TrainingData data;
    double[][] w0;
    SurrogateGradient oneEpoch;

    @Setup
    public void setup() {
        Network net = new Network(new int[] {30, hidden, 2}, 20, 0.9, 1.0);
        var p = PerfData.prepared();
        data = new TrainingData(Batch.of(p.xTrain()), p.yTrain());
        chip = SimulatedChip.of(net, Distortions.draw("mismatch", 2.0, net, DistortionSettings.DEFAULTS, 0, 0));
        w0 = Weights.initial(net, Streams.generator(1));
        oneEpoch = SurrogateGradient.inTheLoop(new BpSettings(2e-3, 0.9, 0.999, 1e-8, 32, 1, 25.0, 10.0));
    }

    @Benchmark
    public TrainResult epoch() {
        return oneEpoch.train(chip, data, w0, Streams.generator(7));
    }
}
