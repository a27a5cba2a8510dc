package chipsweep;

import chipsweep.chip.Batch;
import chipsweep.chip.Network;
import chipsweep.data.Dataset;
import chipsweep.data.Prepared;
import chipsweep.data.Split;
import chipsweep.data.WdbcLoader;
import chipsweep.rng.Seeds;
import chipsweep.rng.Streams;
import chipsweep.train.Weights;
import java.nio.file.Path;

/** The benchmarks' inputs: the real WDBC training set of seed 0 (398 rows) and seed-0 weights scaled by 3. */
public final class PerfData {
    private PerfData() {
    }

    public static Prepared prepared() {
        Dataset d = WdbcLoader.load(Path.of("datasets/wdbc.csv"));
        Split split = Split.stratified(d, 0.7, Streams.generator(Seeds.derive(0, "split", 0)));
        int[] rows = split.nestedSubset(d, 398, Streams.generator(Seeds.derive(0, "subset", 0)));
        return Prepared.of(d, split, rows);
    }

    public static Batch train() {
        return Batch.of(prepared().xTrain());
    }

    /** Initial weights times 3, so that the hidden layer spikes (as in the numpy reference's bench). */
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
