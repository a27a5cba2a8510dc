package chipsweep.data;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The data package is plain Java: it must not import Spark (STYLE.md, point 1). */
class NoSparkTest {
    @Test
    void dataSourcesDoNotMentionSpark() throws IOException {
        Path dir = Path.of(System.getProperty("basedir", "."), "src", "main", "java", "chipsweep", "data");
        List<Path> sources;
        try (Stream<Path> s = Files.list(dir)) {
            sources = s.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertTrue(sources.size() >= 5, "found the sources: " + sources);
        for (Path p : sources) {
            assertFalse(Files.readString(p).contains("org.apache.spark"), p + " imports Spark");
        }
    }
}
