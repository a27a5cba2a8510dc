package chipsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chipsweep.SparkTestSession;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A results folder as release 0.1.0 wrote it (the same layout without {@code _commits/}) is read as it is, and
 * the first {@code run --resume} into it adds the markers of its waves and runs only the missing cells.
 */
class LegacyFolderTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void session() {
        SparkTestSession.get();
    }

    @Test
    void aFolderWithoutCommitMarkersIsReadAsItIsAndMigratedOnResume() throws Exception {
        Path job = tmp.resolve("legacy.json");
        Files.writeString(job, String.format(RemoteResultsScenario.JOB_TEXT.replace("[0, 1, 2, 3]", "[0, 1]"),
                Path.of("datasets/wdbc.csv").toAbsolutePath()));
        Path out = tmp.resolve("out");
        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.OK, RemoteResultsScenario.run(err, "run", job.toString(), "--out", out.toString(),
                "--wave-cells", "3", "--no-report"), err.toString());
        Map<String, String> full = RemoteResultsScenario.table(out.toString());
        assertEquals(8, full.size());

        ResultsDirs.delete(out.resolve("_commits")); // what 0.1.0 wrote: no markers
        ResultsDirs.delete(out.resolve("cells").resolve("wave=00003")); // and a run killed before its last wave
        ResultsDirs.delete(out.resolve("traces").resolve("wave=00003"));
        assertEquals(6, RemoteResultsScenario.table(out.toString()).size(), "every cells/wave=N folder is committed");

        assertEquals(ExitCodes.OK, RemoteResultsScenario.run(err, "run", job.toString(), "--out", out.toString(),
                "--resume", "--wave-cells", "3", "--no-report"), err.toString());
        assertTrue(err.toString().contains("6 already OK"), err.toString());
        for (int w = 1; w <= 3; w++) {
            assertTrue(Files.exists(out.resolve("_commits").resolve(String.format("wave=%05d", w))), "marker of wave " + w);
        }
        assertFalse(Files.exists(out.resolve("_commits.migrating")));
        assertEquals(full, RemoteResultsScenario.table(out.toString()));
        assertEquals(8, RemoteResultsScenario.attempts(out.toString()));
    }
}
