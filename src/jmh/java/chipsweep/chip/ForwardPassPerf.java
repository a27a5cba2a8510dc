package chipsweep.chip;

import chipsweep.PerfData;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/** One forward pass of the chip over the 398 WDBC training samples (the MH likelihood's unit of work). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ForwardPassPerf {
    @Param({"20", "64"})
    int hidden;

    @Param({"20", "50"})
    int steps;

    @Param({"none", "mismatch"})
    String distortion;

    SimulatedChip chip;
    Batch x;
    Readout out;

    @Setup
    public void setup() {
        Network net = new Network(new int[] {30, hidden, 2}, steps, 0.9, 1.0);
        x = PerfData.train();
        chip = SimulatedChip.of(net, Distortions.draw(distortion, 2.0, net, DistortionSettings.DEFAULTS, 0, 0));
        chip.program(PerfData.weights(net));
        out = new Readout(net, x.rows(), false);
    }

    @Benchmark
    public void forward(Blackhole bh) {
        chip.evaluate(x, out);
        bh.consume(out.count(0, 0));
    }
}
