package chipsweep.train;

import chipsweep.chip.CubaInput;
import chipsweep.chip.CubaNetwork;
import chipsweep.rng.Streams;
import java.util.random.RandomGenerator;

/** Random latency-coded inputs shaped like the 16x16 digits: about 40% of the inputs spike, in steps 0..9. */
final class CubaTrainerTestData {
    private CubaTrainerTestData() {
    }

    static CubaData mnistLike(CubaNetwork net, int samples) {
        RandomGenerator rng = Streams.generator(samples * 31L + net.hidden());
        int[][] steps = new int[samples][net.inputs()];
        int[] labels = new int[samples];
        for (int n = 0; n < samples; n++) {
            labels[n] = rng.nextInt(net.outputs());
            for (int i = 0; i < net.inputs(); i++) {
                steps[n][i] = rng.nextDouble() < 0.4 ? rng.nextInt(Math.min(10, net.steps())) : -1;
            }
        }
        return CubaData.of(CubaInput.ofSpikeSteps(steps, net.steps()), labels);
    }
}
