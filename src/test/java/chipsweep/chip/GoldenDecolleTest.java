package chipsweep.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static chipsweep.GoldenFiles.ints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every DECOLLE golden vector file (format and update order: ../shared/golden/README.md, decolle section)
 * through {@link DecolleKernel}: per-layer spike counts and predictions exactly, per-layer readout sums and the
 * first sample's membranes within 1e-9. The directory defaults to {@code ../shared/golden/decolle} (the shared
 * folder from {@code -Dchipsweep.shared.dir}); {@code -Dchipsweep.golden.decolle.dir=DIR} replaces it.
 */
class GoldenDecolleTest {
    private static final double TOLERANCE = 1e-9;
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> goldenFiles() {
        return chipsweep.GoldenFiles.of("decolle", "chipsweep.golden.decolle.dir");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenFiles")
    void kernelMatchesGoldenFile(String name, Path file) throws IOException {
        List<String> mismatches = mismatches(JSON.readTree(file.toFile()));
        assertEquals(List.of(), mismatches.subList(0, Math.min(10, mismatches.size())),
                name + ": " + mismatches.size() + " mismatches");
    }

    @Test
    void harnessReportsAPerturbedCopy(@TempDir Path tmp) throws IOException {
        Path source = goldenFiles().findFirst().map(a -> (Path) a.get()[1]).orElseThrow();
        JsonNode root = JSON.readTree(source.toFile());
        assertEquals(List.of(), mismatches(root), "the unperturbed file passes");

        ObjectNode countOff = root.deepCopy();
        ArrayNode c = (ArrayNode) countOff.get("expected").get("spike_counts").get(0).get(0);
        c.set(0, IntNode.valueOf(c.get(0).asInt() + 1));
        ObjectNode membraneOff = root.deepCopy();
        ArrayNode m = (ArrayNode) membraneOff.get("expected").get("first_sample_membrane").get(0).get(3);
        m.set(0, DoubleNode.valueOf(m.get(0).asDouble() + 1e-8));
        ObjectNode weightOff = root.deepCopy();
        ArrayNode w = (ArrayNode) weightOff.get("weights").get(0).get(0);
        w.set(0, DoubleNode.valueOf(-w.get(0).asDouble()));

        for (ObjectNode bad : List.of(countOff, membraneOff, weightOff)) {
            Path copy = tmp.resolve("perturbed.json");
            JSON.writeValue(copy.toFile(), bad);
            assertFalse(mismatches(JSON.readTree(copy.toFile())).isEmpty(), "a perturbed golden file must fail");
        }
    }

    /** Every disagreement between the kernel and the file's expectations, one line each. */
    static List<String> mismatches(JsonNode root) {
        int[] layers = ints(root.get("layers"));
        int steps = root.get("T").asInt();
        int lifLayers = layers.length - 1;
        DecolleParams params = new DecolleParams(root.get("tau_mem").asDouble(), root.get("tau_syn").asDouble(),
                root.get("tau_ref").asDouble());
        double[][] weights = new double[lifLayers][];
        double[][] readouts = new double[lifLayers][];
        for (int l = 0; l < lifLayers; l++) {
            weights[l] = flatten(root.get("weights").get(l));
            readouts[l] = flatten(root.get("readouts").get(l));
        }
        DecolleNetwork net = DecolleNetwork.of(layers, steps, root.get("burn_in").asInt(), params, readouts);
        JsonNode in = root.get("input_spikes");
        int[][][] trains = new int[in.size()][steps][layers[0]];
        for (int n = 0; n < trains.length; n++) {
            for (int t = 0; t < steps; t++) {
                trains[n][t] = ints(in.get(n).get(t));
            }
        }
        SpikeTrains x = SpikeTrains.of(trains);
        int[] rows = new int[x.samples()];
        for (int n = 0; n < rows.length; n++) {
            rows[n] = n;
        }
        double[][][] membranes = new double[lifLayers][steps][];
        for (int l = 0; l < lifLayers; l++) {
            for (int t = 0; t < steps; t++) {
                membranes[l][t] = new double[layers[l + 1]];
            }
        }
        DecolleKernel kernel = new DecolleKernel(net, rows.length);
        kernel.run(x, rows, weights, membranes);

        List<String> bad = new ArrayList<>();
        JsonNode exp = root.get("expected");
        for (int n = 0; n < rows.length; n++) {
            for (int l = 0; l < lifLayers; l++) {
                for (int j = 0; j < layers[l + 1]; j++) {
                    int want = exp.get("spike_counts").get(n).get(l).get(j).asInt();
                    if (kernel.count(l, n, j) != want) {
                        bad.add("spike count, sample " + n + ", layer " + (l + 1) + ", neuron " + j + ": expected "
                                + want + ", got " + kernel.count(l, n, j));
                    }
                }
                for (int k = 0; k < net.classes(); k++) {
                    double want = exp.get("readout_sums").get(n).get(l).get(k).asDouble();
                    if (!(Math.abs(kernel.readoutSum(l, n, k) - want) <= TOLERANCE)) {
                        bad.add("readout sum, sample " + n + ", layer " + (l + 1) + ", class " + k + ": expected "
                                + want + ", got " + kernel.readoutSum(l, n, k));
                    }
                }
            }
            int want = exp.get("predictions").get(n).asInt();
            if (kernel.prediction(n) != want) {
                bad.add("prediction, sample " + n + ": expected " + want + ", got " + kernel.prediction(n));
            }
        }
        JsonNode mem = exp.get("first_sample_membrane");
        for (int l = 0; l < lifLayers; l++) {
            for (int t = 0; t < steps; t++) {
                for (int j = 0; j < layers[l + 1]; j++) {
                    double want = mem.get(l).get(t).get(j).asDouble();
                    if (!(Math.abs(membranes[l][t][j] - want) <= TOLERANCE)) {
                        bad.add("membrane of sample 0, layer " + (l + 1) + ", step " + t + ", neuron " + j
                                + ": expected " + want + ", got " + membranes[l][t][j]);
                    }
                }
            }
        }
        return bad;
    }


    private static double[] flatten(JsonNode matrix) {
        int cols = matrix.get(0).size();
        double[] f = new double[matrix.size() * cols];
        for (int i = 0; i < matrix.size(); i++) {
            JsonNode row = matrix.get(i);
            if (row.size() != cols) {
                throw new AssertionError("ragged matrix in a golden file: row " + i);
            }
            for (int j = 0; j < cols; j++) {
                f[i * cols + j] = row.get(j).asDouble();
            }
        }
        return f;
    }
}
