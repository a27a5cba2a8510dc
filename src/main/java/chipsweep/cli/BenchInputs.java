package chipsweep.cli;

import chipsweep.chip.Network;
import chipsweep.data.Dataset;
import chipsweep.data.Prepared;
import chipsweep.data.Split;
import chipsweep.rng.Seeds;
import chipsweep.rng.Streams;
import chipsweep.train.Weights;

/**
 * The inputs every performance figure is measured on, shared by {@code bench} and the JMH benchmarks: the WDBC
 * training set of seed 0 (398 rows, as the numpy reference's bench) and seed-0 initial weights times 3.
 *
 * <p>Thread-safety: stateless.
 */
public final class BenchInputs {
    private BenchInputs() {
    }

    /** Seed 0's split and its full (398-row) training subset of {@code d}. */
    public static Prepared prepared(Dataset d) {
        Split split = Split.stratified(d, 0.7, Streams.generator(Seeds.derive(0, "split", 0)));
        int[] rows = split.nestedSubset(d, 398, Streams.generator(Seeds.derive(0, "subset", 0)));
        return Prepared.of(d, split, rows);
    }

    /** Seed-0 initial weights times 3, so that the hidden layer spikes (as in the numpy reference's bench). */
    public static double[][] weights(Network net) {
        double[][] w = Weights.initial(net, Streams.generator(Seeds.derive(0, "init", 0, net.layers())));
        for (double[] l : w) {
            for (int k = 0; k < l.length; k++) {
                l[k] *= 3.0;
            }
        }
        return w;
    }
}
