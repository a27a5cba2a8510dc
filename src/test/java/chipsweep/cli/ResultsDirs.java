package chipsweep.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Test helpers that damage results folders the way crashes do. */
final class ResultsDirs {
    private ResultsDirs() {
    }

    /** Removes wave {@code n} from cells and traces and its commit marker, as if it had never been committed. */
    static void deleteWave(Path out, int n) {
        delete(out.resolve("_commits").resolve(String.format("wave=%05d", n)));
        delete(out.resolve("_commits").resolve(String.format(".wave=%05d.crc", n)));
        for (String table : new String[] {"cells", "traces"}) {
            delete(out.resolve(table).resolve(String.format("wave=%05d", n)));
        }
    }

    static void delete(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
