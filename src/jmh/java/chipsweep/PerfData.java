package chipsweep;

import chipsweep.chip.Batch;
import chipsweep.chip.Network;
import chipsweep.cli.BenchInputs;
import chipsweep.data.Prepared;
import chipsweep.data.WdbcLoader;
import java.nio.file.Path;

/** The benchmarks' inputs: {@link BenchInputs} on the project's WDBC copy, the same as {@code bench} uses. */
public final class PerfData {
    private PerfData() {
    }

    public static Prepared prepared() {
        return BenchInputs.prepared(WdbcLoader.load(Path.of("datasets/wdbc.csv")));
    }

    public static Batch train() {
        return Batch.of(prepared().xTrain());
    }

    public static double[][] weights(Network net) {
        return BenchInputs.weights(net);
    }
}
