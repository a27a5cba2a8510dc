package chipsweep.train;

import chipsweep.PerfData;
import chipsweep.chip.Batch;
import chipsweep.chip.DistortionSettings;
import chipsweep.chip.Distortions;
import chipsweep.chip.Network;
import chipsweep.chip.Readout;
import chipsweep.chip.SimulatedChip;
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

/**
 * One Metropolis-Hastings iteration as {@link MetropolisHastings} runs it: Gaussian proposal over all weights,
 * program, evaluate the 398 training samples, tempered log-likelihood and log-prior, accept or reject.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MhStepPerf {
    @Param({"20", "64"})
    int hidden;

    SimulatedChip chip;
    Batch x;
    int[] y;
    Readout out;
    SpikeLoss loss;
    RandomGenerator rng;
    double[][] cur;
    double[][] prop;
    double lp;

    @Setup
    public void setup() {
        Network net = new Network(new int[] {30, hidden, 2}, 20, 0.9, 1.0);
        var p = PerfData.prepared();
        x = Batch.of(p.xTrain());
        y = p.yTrain();
        chip = SimulatedChip.of(net, Distortions.draw("mismatch", 2.0, net, DistortionSettings.DEFAULTS, 0, 0));
        out = new Readout(net, x.rows(), false);
        loss = new SpikeLoss(10.0, 20, 2);
        rng = Streams.generator(42);
        cur = Weights.initial(net, rng);
        prop = Weights.copy(cur);
        chip.program(cur);
        chip.evaluate(x, out);
        lp = -loss.sum(out, y) - Weights.squaredNorm(cur) / 2;
    }

    @Benchmark
    public double step() {
        for (int l = 0; l < cur.length; l++) {
            for (int k = 0; k < cur[l].length; k++) {
                prop[l][k] = cur[l][k] + 0.02 * rng.nextGaussian();
            }
        }
        chip.program(prop);
        chip.evaluate(x, out);
        double lpP = -loss.sum(out, y) - Weights.squaredNorm(prop) / 2;
        if (Math.log(rng.nextDouble()) < lpP - lp) {
            double[][] t = cur;
            cur = prop;
            prop = t;
            lp = lpP;
        }
        return lp;
    }
}
