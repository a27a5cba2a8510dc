package chipsweep.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static chipsweep.GoldenFiles.doubles;
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
 * Every golden file of {@code ../shared/golden/cuba/} (format: ../shared/golden/README.md): its raw images
 * through {@link Downsample} must give {@code inputs_16x16} bit for bit, and through {@link LatencyCode}
 * with the file's encoding, T and dt, {@code input_spike_steps} exactly; {@link InputSpikes} must hold the
 * same spikes. The shared folder is {@code -Dchipsweep.shared.dir} (default {@code ../shared}).
 */
class GoldenInputEncodingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> goldenFiles() {
        return chipsweep.GoldenFiles.of("cuba", null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenFiles")
    void downsamplingAndSpikeStepsMatchTheFile(String name, Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        JsonNode enc = root.get("encoding");
        LatencyCode code = new LatencyCode(enc.get("tau_in").asDouble(), enc.get("theta_in").asDouble(),
                root.get("dt").asDouble(), root.get("T").asInt());
        JsonNode images = root.get("images_28x28");
        assertTrue(images.size() > 0, "the file has images");
        int spikes = 0;
        for (int n = 0; n < images.size(); n++) {
            int[] image = ints(images.get(n));
            double[] x = Downsample.to16x16(image);
            double[] expectedX = doubles(root.get("inputs_16x16").get(n));
            for (int i = 0; i < expectedX.length; i++) {
                assertEquals(Double.doubleToRawLongBits(expectedX[i]), Double.doubleToRawLongBits(x[i]),
                        "inputs_16x16, image " + n + ", input " + i + ": expected " + expectedX[i] + ", got " + x[i]);
            }
            assertEquals(expectedX.length, x.length);
            int[] expectedSteps = ints(root.get("input_spike_steps").get(n));
            assertArrayEquals(expectedSteps, code.steps(x), "input_spike_steps, image " + n);
            InputSpikes events = code.events(x);
            assertArrayEquals(expectedSteps, events.stepOf(), "events of image " + n);
            spikes += events.count();
        }
        assertTrue(spikes > 0, "the case exercises spikes");
    }


}
