package chipsweep.chip;

import chipsweep.rng.Streams;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One forward pass of the current-based chip (256-H-10, T = 30) over {@value #IMAGES} latency-coded images:
 * each image has about 100 of its 256 inputs spiking, at steps 0..9 (the shape of Fashion-MNIST under the
 * default encoder), weights N(0, 0.35^2) and N(0, 0.1^2) so that about half the hidden neurons spike. Images
 * per second = {@value #IMAGES} / (us/op) * 1e6.
 *
 * <p>Measured (JDK 17, AMD EPYC, 2 cores shared with other jobs, {@code -f 1 -wi 3 -i 5}, about 1,450 hidden
 * spikes per image): forward 19.5 ms/op = 51,000 images/s; record 46 ms/op (it writes 118 MB of traces);
 * {@code -prof gc}: about 60 B/op, i.e. JMH's own, the pass allocates nothing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CubaForwardPerf {
    static final int IMAGES = 1000;

    @Param({"246"})
    int hidden;

    @Param({"forward", "record"})
    String mode;

    CubaKernel kernel;
    CubaInput x;
    CubaReadout out;
    CubaRecording rec;

    @Setup
    public void setup() {
        CubaNetwork net = CubaNetwork.defaults(256, 10).withHidden(hidden);
        RandomGenerator rng = Streams.generator(42);
        int[][] steps = new int[IMAGES][256];
        for (int[] row : steps) {
            for (int i = 0; i < row.length; i++) {
                row[i] = rng.nextDouble() < 100.0 / 256 ? rng.nextInt(10) : -1;
            }
        }
        x = CubaInput.ofSpikeSteps(steps, net.steps());
        double[] w1 = new double[net.hiddenWeightCount()];
        double[] w2 = new double[net.outputWeightCount()];
        for (int i = 0; i < w1.length; i++) {
            w1[i] = 0.35 * rng.nextGaussian();
        }
        for (int i = 0; i < w2.length; i++) {
            w2[i] = 0.1 * rng.nextGaussian();
        }
        kernel = new CubaKernel(CubaPhysics.decalibrated(net, 0.2, rng));
        kernel.program(w1, w2);
        out = new CubaReadout(net, IMAGES);
        rec = new CubaRecording(net, IMAGES);
        kernel.forward(x, out);
        long spikes = 0;
        int active = 0;
        for (int n = 0; n < IMAGES; n++) {
            spikes += out.hiddenSpikes(n);
            for (int j = 0; j < hidden; j++) {
                active += out.hiddenCount(n, j) > 0 ? 1 : 0;
            }
        }
        System.out.printf("%n[setup] %.1f hidden spikes per image, %.2f of hidden neurons spike%n",
                (double) spikes / IMAGES, (double) active / IMAGES / hidden);
    }

    @Benchmark
    public void pass(Blackhole bh) {
        if (mode.equals("record")) {
            kernel.record(x, rec, null);
            bh.consume(rec.readout().prediction(0));
        } else {
            kernel.forward(x, out);
            bh.consume(out.prediction(0));
        }
    }
}
