package chipsweep;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The one harness that finds golden vector files (../shared/golden/README.md): every {@code .json} file of
 * {@code <shared>/golden/<kind>} ({@code -Dchipsweep.shared.dir}, default {@code ../shared}), or of the folder
 * a system property names instead, as (file name, path) arguments so each case is reported under its file name.
 */
public final class GoldenFiles {
    private GoldenFiles() {
    }

    /** A JSON array of integers. */
    public static int[] ints(com.fasterxml.jackson.databind.JsonNode a) {
        int[] v = new int[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asInt();
        }
        return v;
    }

    /** A JSON array of numbers. */
    public static double[] doubles(com.fasterxml.jackson.databind.JsonNode a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asDouble();
        }
        return v;
    }

    /** The folder of {@code kind}'s golden files, or the one {@code overrideProperty} names when set. */
    public static Path dir(String kind, String overrideProperty) {
        String override = overrideProperty == null ? null : System.getProperty(overrideProperty);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        return Path.of(System.getProperty("chipsweep.shared.dir", "../shared"), "golden", kind);
    }

    /** One (file name, path) argument per golden file, sorted; fails if the folder is missing or empty. */
    public static Stream<Arguments> of(String kind, String overrideProperty) {
        Path dir = dir(kind, overrideProperty);
        assertTrue(Files.isDirectory(dir), "golden directory " + dir.toAbsolutePath() + " does not exist");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertFalse(files.isEmpty(), "no golden .json files in " + dir.toAbsolutePath());
        return files.stream().map(f -> Arguments.of(f.getFileName().toString(), f));
    }
}
