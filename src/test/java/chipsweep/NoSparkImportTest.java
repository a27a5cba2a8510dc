package chipsweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The science packages are plain Java: only {@code sweep} and {@code cli} know Spark (STYLE.md, point 1). A
 * source fails if it mentions {@code org.apache.spark} in code, imported or fully qualified; comments are
 * ignored so the rule can be explained in Javadoc.
 */
class NoSparkImportTest {
    private static final Path MAIN = Path.of(System.getProperty("basedir", "."), "src", "main", "java", "chipsweep");
    private static final Pattern SPARK = Pattern.compile("\\borg\\s*\\.\\s*apache\\s*\\.\\s*spark\\b");
    private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"chip", "data", "train", "rng"})
    void packageDoesNotUseSpark(String pkg) throws IOException {
        List<Path> sources = sources(MAIN.resolve(pkg));
        assertTrue(sources.size() >= 2, "found the sources of " + pkg + ": " + sources);
        List<String> offenders = new ArrayList<>();
        for (Path p : sources) {
            Matcher m = SPARK.matcher(code(Files.readString(p)));
            if (m.find()) {
                offenders.add(MAIN.relativize(p) + " (" + m.group() + ")");
            }
        }
        assertEquals(List.of(), offenders, "sources of " + pkg + " that use Spark");
    }

    @Test
    void theCheckFindsSparkInCodeButNotInComments() {
        assertTrue(SPARK.matcher(code("import org.apache.spark.sql.Row;")).find());
        assertTrue(SPARK.matcher(code("Object v = org.apache.spark.package$.MODULE$;")).find());
        assertTrue(SPARK.matcher(code("import static org.apache.spark.sql.functions.col;")).find());
        assertTrue(SPARK.matcher(code("Class.forName(\"org.apache.spark.SparkConf\");")).find(), "reflection too");
        assertFalse(SPARK.matcher(code("/** Unlike {@code org.apache.spark}, ... */ // org.apache.spark\nint x;")).find());
        assertFalse(SPARK.matcher(code("import org.apache.sparkle.Glitter;")).find());
    }

    @Test
    void theSweepPackageDoesUseSpark() throws IOException {
        // Guards the scan itself: where Spark is expected, it is found.
        boolean found = false;
        for (Path p : sources(MAIN.resolve("sweep"))) {
            found |= SPARK.matcher(code(Files.readString(p))).find();
        }
        assertTrue(found, "the sweep package runs the Spark job");
    }

    private static List<Path> sources(Path dir) throws IOException {
        assertTrue(Files.isDirectory(dir), dir.toAbsolutePath() + " is a folder");
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    /** The source without comments (string literals kept: a Spark class named for reflection is a dependency). */
    private static String code(String source) {
        return COMMENTS.matcher(source).replaceAll(" ");
    }
}
