package chipsweep.chip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static chipsweep.GoldenFiles.ints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every golden vector file (format: ../shared/golden/README.md) through the simulator: spike counts,
 * predictions and the first sample's output spike train exactly, output membrane sums within 1e-9.
 * The directory defaults to {@code ../shared/golden/lif}; {@code -Dchipsweep.golden.dir=DIR} replaces it.
 */
class GoldenLifTest {
    private static final double MEMBRANE_TOLERANCE = 1e-9;
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> goldenFiles() {
        return chipsweep.GoldenFiles.of("lif", "chipsweep.golden.dir");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenFiles")
    void simulatorMatchesGoldenFile(String name, Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        int[] layers = ints(root.get("layers"));
        Network net = new Network(layers, root.get("T").asInt(), root.get("beta").asDouble(), root.get("theta").asDouble());
        double[][] inputs = matrix(root.get("inputs"));
        double[][] weights = new double[layers.length - 1][];
        for (int l = 0; l < weights.length; l++) {
            weights[l] = flatten(matrix(root.get("weights").get(l)));
        }
        JsonNode dist = root.get("distortion");
        Distortion distortion = distortion(dist);
        SimulatedChip chip = SimulatedChip.of(net, distortion);
        chip.program(weights);
        if (dist.has("weights_effective")) {
            for (int l = 0; l < weights.length; l++) {
                double[] expected = flatten(matrix(dist.get("weights_effective").get(l)));
                assertArrayEquals(expected, chip.internalsForOracle().effectiveWeights(l), 0.0,
                        "effective weights of layer " + l + " must match bit for bit");
            }
        }
        Batch batch = Batch.of(inputs);
        Readout out = new Readout(net, batch.rows(), true);
        chip.evaluate(batch, out);

        JsonNode exp = root.get("expected");
        int outputs = net.outputs();
        for (int n = 0; n < batch.rows(); n++) {
            for (int k = 0; k < outputs; k++) {
                assertEquals(exp.get("output_spike_counts").get(n).get(k).asInt(), out.count(n, k),
                        "output spike count, sample " + n + ", neuron " + k);
                assertEquals(exp.get("output_membrane_sum").get(n).get(k).asDouble(), out.membraneSum(n, k),
                        MEMBRANE_TOLERANCE, "output membrane sum, sample " + n + ", neuron " + k);
            }
            for (int j = 0; j < net.size(1); j++) {
                assertEquals(exp.get("hidden_spike_counts").get(n).get(j).asInt(), out.hiddenCount(0, n, j),
                        "hidden spike count, sample " + n + ", neuron " + j);
            }
            assertEquals(exp.get("predictions").get(n).asInt(), out.prediction(n), "prediction, sample " + n);
        }

        // The first sample's output spike train, step by step, from a recorded pass of the same chip.
        Recording rec = new Recording(net, batch.rows());
        chip.record(batch, rec);
        JsonNode train = exp.get("first_sample_output_spike_train");
        int last = net.weightLayers() - 1;
        assertEquals(net.steps(), train.size(), "spike train length");
        for (int t = 0; t < net.steps(); t++) {
            for (int k = 0; k < outputs; k++) {
                assertEquals(train.get(t).get(k).asDouble(), rec.spikes(last)[t * outputs + k], 0.0,
                        "output spike of sample 0 at step " + (t + 1) + ", neuron " + k);
            }
        }
        for (int n = 0; n < batch.rows(); n++) {
            for (int k = 0; k < outputs; k++) {
                assertEquals(out.count(n, k), rec.readout().count(n, k), "recorded and plain passes agree");
                assertEquals(out.membraneSum(n, k), rec.readout().membraneSum(n, k), 0.0, "recorded and plain passes agree");
            }
        }
    }

    private static Distortion distortion(JsonNode d) {
        String kind = d.get("kind").asText();
        double sigma = d.path("sigma").asDouble(0.0);
        switch (kind) {
            case "none":
                return Distortion.Ideal.INSTANCE;
            case "mismatch": {
                JsonNode xi = d.get("xi");
                double[][] x = new double[xi.size()][];
                for (int l = 0; l < x.length; l++) {
                    x[l] = flatten(matrix(xi.get(l)));
                }
                return new Mismatch(sigma, x);
            }
            case "nonlin":
                return new Nonlin(sigma, rows(d.get("a")), rows(d.get("omega")), rows(d.get("phi")));
            default:
                throw new AssertionError("golden file with an unknown distortion kind '" + kind + "'");
        }
    }


    private static double[][] rows(JsonNode a) {
        double[][] m = new double[a.size()][];
        for (int i = 0; i < m.length; i++) {
            JsonNode r = a.get(i);
            m[i] = new double[r.size()];
            for (int j = 0; j < m[i].length; j++) {
                m[i][j] = r.get(j).asDouble();
            }
        }
        return m;
    }

    private static double[][] matrix(JsonNode a) {
        return rows(a);
    }

    private static double[] flatten(double[][] m) {
        int cols = m.length == 0 ? 0 : m[0].length;
        double[] f = new double[m.length * cols];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], 0, f, i * cols, cols);
        }
        return f;
    }
}
