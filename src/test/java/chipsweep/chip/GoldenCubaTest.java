package chipsweep.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static chipsweep.GoldenFiles.doubles;
import static chipsweep.GoldenFiles.ints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.opentest4j.AssertionFailedError;

/**
 * Runs every current-based golden file (format: ../shared/golden/README.md, {@code cuba/}) through
 * {@link CubaKernel}: on-chip weights, hidden spike counts, predictions and the first sample's hidden raster
 * exactly; output maxima, every sample's output membranes and the first sample's hidden membranes within
 * 1e-9. The directory defaults to {@code ../shared/golden/cuba} (shared dir from {@code chipsweep.shared.dir});
 * {@code -Dchipsweep.golden.cuba.dir=DIR} replaces it. The inputs are the files' {@code input_spike_steps}
 * and the neurons their {@code alpha}, {@code beta}, {@code theta}, as given.
 */
class GoldenCubaTest {
    private static final double MEMBRANE_TOLERANCE = 1e-9;
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> goldenFiles() {
        return chipsweep.GoldenFiles.of("cuba", "chipsweep.golden.cuba.dir");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenFiles")
    void kernelMatchesGoldenFile(String name, Path file) throws IOException {
        check(JSON.readTree(file.toFile()));
    }

    /** The harness can fail: a perturbed copy of the first golden file must be reported as a mismatch. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"hidden theta", "input weight", "output alpha", "weights_on_chip"})
    void perturbedGoldenFileIsReported(String what, @TempDir Path tmp) throws IOException {
        Path original = goldenFiles().map(a -> (Path) a.get()[1]).findFirst().orElseThrow();
        ObjectNode root = (ObjectNode) JSON.readTree(original.toFile());
        int[] steps0 = ints(root.get("input_spike_steps").get(0));
        JsonNode counts0 = root.get("expected").get("hidden_spike_counts").get(0);
        int spiking = 0;
        while (counts0.get(spiking).asInt() == 0) {
            spiking++;
        }
        int active = 0;
        while (steps0[active] < 0) {
            active++;
        }
        switch (what) {
            case "hidden theta" -> // a neuron that spikes in sample 0 can no longer spike
                    ((ArrayNode) root.get("neurons").get("hidden").get("theta")).set(spiking, 1e6);
            case "input weight" -> { // an input of sample 0 drives a silent-or-not neuron far above threshold
                ((ArrayNode) root.get("weights").get(0).get(active)).set(0, 50.0);
                ((ArrayNode) root.get("weights_on_chip").get(0).get(active)).set(0, 50.0);
            }
            case "output alpha" -> ((ArrayNode) root.get("neurons").get("output").get("alpha")).set(0, 0.5);
            case "weights_on_chip" -> { // the file claims other on-chip weights than the programmed ones give
                ArrayNode row = (ArrayNode) root.get("weights_on_chip").get(0).get(0);
                row.set(0, row.get(0).asDouble() + 1e-3);
            }
            default -> throw new AssertionError(what);
        }
        Path copy = tmp.resolve("perturbed.json");
        JSON.writeValue(copy.toFile(), root);
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> check(JSON.readTree(copy.toFile())),
                "the harness must report the perturbed " + what);
        String expected = switch (what) {
            case "output alpha" -> "output max, sample 0";
            case "weights_on_chip" -> "on-chip weight 0 of layer 0";
            default -> "hidden spike count, sample 0";
        };
        assertTrue(e.getMessage().startsWith(expected), "reported as '" + expected + "', but was: " + e.getMessage());
    }

    /** The comparison: throws {@link AssertionFailedError} naming the first mismatch. */
    static void check(JsonNode root) {
        int[] layers = ints(root.get("layers"));
        int steps = root.get("T").asInt();
        CubaNetwork net = new CubaNetwork(layers[0], layers[1], layers[2], steps, root.get("dt").asDouble(),
                CubaNetwork.DEFAULT_TAU, CubaNetwork.DEFAULT_TAU, CubaNetwork.DEFAULT_THETA);
        JsonNode hid = root.get("neurons").get("hidden");
        JsonNode outN = root.get("neurons").get("output");
        CubaPhysics physics = CubaPhysics.of(net, doubles(hid.get("alpha")), doubles(hid.get("beta")),
                doubles(hid.get("theta")), doubles(outN.get("alpha")), doubles(outN.get("beta")));
        JsonNode q = root.get("quantize");
        if (q != null && !q.isNull()) {
            assertEquals(CubaPhysics.WEIGHT_LEVELS, q.get("levels").asInt(), "quantiser levels");
            physics = physics.withQuantization(q.get("w_max").get(0).asDouble());
        }
        CubaKernel kernel = new CubaKernel(physics);
        double[] w1 = flatten(root.get("weights").get(0));
        double[] w2 = flatten(root.get("weights").get(1));
        kernel.program(w1, w2);
        for (int l = 0; l < 2; l++) {
            double[] expected = flatten(root.get("weights_on_chip").get(l));
            double[] actual = kernel.onChipWeights(l);
            for (int i = 0; i < expected.length; i++) {
                if (Double.compare(expected[i] + 0.0, actual[i] + 0.0) != 0) {
                    assertEquals(expected[i], actual[i], "on-chip weight " + i + " of layer " + l + " (bit for bit)");
                }
            }
        }
        if (q != null && !q.isNull()) {
            assertEquals(q.get("w_max").get(1).asDouble(), CubaPhysics.dynamicRange(w2), 0.0, "output w_max");
        }

        JsonNode stepsNode = root.get("input_spike_steps");
        int[][] spikeSteps = new int[stepsNode.size()][];
        for (int n = 0; n < spikeSteps.length; n++) {
            spikeSteps[n] = ints(stepsNode.get(n));
        }
        CubaInput x = CubaInput.ofSpikeSteps(spikeSteps, steps);
        CubaRecording rec = new CubaRecording(net, x.samples());
        kernel.record(x, rec, null);
        CubaReadout out = new CubaReadout(net, x.samples());
        kernel.forward(x, out);

        JsonNode exp = root.get("expected");
        int h = net.hidden();
        int k = net.outputs();
        for (int n = 0; n < x.samples(); n++) {
            for (int j = 0; j < h; j++) {
                assertEquals(exp.get("hidden_spike_counts").get(n).get(j).asInt(), out.hiddenCount(n, j),
                        "hidden spike count, sample " + n + ", neuron " + j);
            }
            assertEquals(exp.get("predictions").get(n).asInt(), out.prediction(n), "prediction, sample " + n);
            for (int o = 0; o < k; o++) {
                assertEquals(exp.get("output_max").get(n).get(o).asDouble(), out.outputMax(n, o), MEMBRANE_TOLERANCE,
                        "output max, sample " + n + ", output " + o);
                for (int t = 0; t < steps; t++) {
                    assertEquals(exp.get("output_membrane").get(n).get(t).get(o).asDouble(),
                            rec.outputMembrane(n, t, o), MEMBRANE_TOLERANCE,
                            "output membrane, sample " + n + ", step " + t + ", output " + o);
                }
            }
            for (int j = 0; j < h; j++) {
                assertEquals(out.hiddenCount(n, j), rec.readout().hiddenCount(n, j), "recorded and plain passes agree");
            }
            for (int o = 0; o < k; o++) {
                assertEquals(out.outputMax(n, o), rec.readout().outputMax(n, o), 0.0, "recorded and plain passes agree");
            }
        }
        JsonNode first = exp.get("first_sample");
        assertEquals(steps, first.get("hidden_spikes").size(), "raster length");
        for (int t = 0; t < steps; t++) {
            for (int j = 0; j < h; j++) {
                assertEquals(first.get("hidden_spikes").get(t).get(j).asDouble(), rec.hiddenSpike(0, t, j), 0.0,
                        "hidden spike of sample 0, step " + t + ", neuron " + j);
                assertEquals(first.get("hidden_membrane").get(t).get(j).asDouble(), rec.hiddenMembrane(0, t, j),
                        MEMBRANE_TOLERANCE, "hidden membrane of sample 0, step " + t + ", neuron " + j);
            }
        }
    }



    /** A JSON matrix (rows x cols) as one flat row-major array. */
    private static double[] flatten(JsonNode m) {
        int cols = m.get(0).size();
        double[] f = new double[m.size() * cols];
        for (int r = 0; r < m.size(); r++) {
            for (int c = 0; c < cols; c++) {
                f[r * cols + c] = m.get(r).get(c).asDouble();
            }
        }
        return f;
    }
}
