package chipsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The command line's bad-input contract through {@link Main#execute(PrintWriter, PrintWriter, String...)}: exit
 * code 2, exactly one line on stderr that names the problem, nothing on stdout and no file written. Only
 * {@code validate}, {@code cell} (failing before its cell runs) and help are called: none starts Spark.
 */
class CliErrorsTest {
    static final Path QUICKSTART = JobFileTest.BASEDIR.resolve("jobs").resolve("quickstart.json");

    @TempDir
    Path dir;

    /** What one run printed and returned. */
    record Run(int exit, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    @BeforeEach
    void files() throws IOException {
        // A job whose first experiment asks for more training samples than the pool of 398 holds.
        Files.writeString(dir.resolve("big.json"), """
                {"name": "big", "dataset": {"path": "%s"},
                 "experiments": [{"name": "x", "distortion": ["mismatch"], "sigma": [0], "train_size": [32, 500],
                                  "method": ["mh"], "seed": [0]}]}
                """.formatted(JobFileTest.WDBC.toString().replace("\\", "\\\\")));
        // WDBC with a non-number in line 4 (the third data row), column 3.
        List<String> lines = Files.readAllLines(JobFileTest.WDBC);
        String[] f = lines.get(3).split(",");
        f[2] = "abc";
        lines.set(3, String.join(",", f));
        Files.write(dir.resolve("bad-row.csv"), lines);
        // A job file saved in Latin-1: 'é' as the single byte 0xE9 is not UTF-8.
        Files.write(dir.resolve("latin1.json"), "{\"name\": \"caf\u00e9\"}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        // bisnn jobs with a bad temperature, prior probability or ensemble size; lif jobs with a bad binary block
        for (String[] b : BAD_SETTINGS) {
            Files.writeString(dir.resolve(b[0] + ".json"), b[0].startsWith("bisnn") ? """
                    {"name": "b", "model": "bisnn", "bisnn": {%s},
                     "experiments": [{"name": "x", "train_size": [20], "method": ["bayes-ens"], "seed": [0]}]}
                    """.formatted(b[1]) : """
                    {"name": "b", "dataset": {"path": "%s"}, "binary": {%s},
                     "experiments": [{"name": "x", "distortion": ["mismatch"], "sigma": [0], "train_size": [32],
                                      "method": ["bp-bayes"], "seed": [0]}]}
                    """.formatted(JobFileTest.WDBC.toString().replace("\\", "\\\\"), b[1]));
        }
        // A cuba job whose data folder holds no IDX files.
        Files.createDirectories(dir.resolve("no-idx"));
        Files.writeString(dir.resolve("cuba-no-data.json"), """
                {"name": "c", "model": "cuba", "dataset": {"path": "no-idx"},
                 "experiments": [{"name": "x", "distortion": ["none"], "sigma": [0], "train_size": [10],
                                  "method": ["software"], "seed": [0]}]}
                """);
    }

    /** File stem, the block's bad setting, the field and value the message must name. */
    static final String[][] BAD_SETTINGS = {
            {"bisnn-temperature-0", "\"temperature\": 0", "bisnn.temperature", "0.0"},
            {"bisnn-temperature-negative", "\"temperature\": -0.5", "bisnn.temperature", "-0.5"},
            {"bisnn-prior-0", "\"prior_p\": 0", "bisnn.prior_p", "0.0"},
            {"bisnn-prior-1", "\"prior_p\": 1", "bisnn.prior_p", "1.0"},
            {"bisnn-prior-above-1", "\"prior_p\": 1.5", "bisnn.prior_p", "1.5"},
            {"bisnn-ensemble-0", "\"ensemble_size\": 0", "bisnn.ensemble_size", "0"},
            {"binary-temperature-0", "\"temperature\": 0", "binary.temperature", "0.0"},
            {"binary-prior-1", "\"prior_p\": 1", "binary.prior_p", "1.0"}};

    record Case(String label, Function<Path, List<String>> args, List<String> fragments) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Case row(String label, Function<Path, List<String>> args, String... fragments) {
        return new Case(label, args, List.of(fragments));
    }

    static String q() {
        return QUICKSTART.toString();
    }

    static Stream<Case> usageErrors() {
        return Stream.of(
                row("no subcommand", d -> List.of(), "a subcommand is required"),
                row("unknown subcommand", d -> List.of("frobnicate"), "'frobnicate'"),
                row("unknown option", d -> List.of("validate", q(), "--frobnicate"), "--frobnicate"),
                row("unknown top-level option", d -> List.of("--frobnicate", "validate", q()), "--frobnicate"),
                row("missing job argument", d -> List.of("validate"), "JOB.json"),
                row("missing job file", d -> List.of("validate", d.resolve("missing.json").toString()),
                        "missing.json: job file not found"),
                row("job file that is not JSON", d -> List.of("validate", d.resolve("bad-row.csv").toString()),
                        "bad-row.csv: invalid JSON at line 1, column "),
                row("train size larger than the pool", d -> List.of("validate", d.resolve("big.json").toString()),
                        "big.json: field 'experiments[0].train_size'", "the train pool size 398", "but was 500"),
                row("--data pointing to a missing file",
                        d -> List.of("validate", q(), "--data", d.resolve("missing.csv").toString()),
                        "missing.csv: file not found"),
                row("--data with a bad row", d -> List.of("validate", q(), "--data", d.resolve("bad-row.csv").toString()),
                        "bad-row.csv: line 4, column 3", "'abc'"),
                row("cell: unknown method", d -> List.of("cell", q(), "--method", "nope"), "method", "'nope'"),
                row("cell: unknown distortion", d -> List.of("cell", q(), "--distortion", "foo"), "distortion", "'foo'"),
                row("cell: negative sigma", d -> List.of("cell", q(), "--sigma", "-1"), "sigma", "-1.0"),
                row("cell: sigma not a number", d -> List.of("cell", q(), "--sigma", "abc"), "--sigma", "'abc'"),
                row("cell: train size above the pool", d -> List.of("cell", q(), "--train-size", "1000"),
                        "--train-size", "398", "1000"),
                row("cell: train size 1", d -> List.of("cell", q(), "--train-size", "1"), "train_size", "1"),
                row("cell: negative seed", d -> List.of("cell", q(), "--seed", "-1"), "seed", "-1"),
                row("cell: --param of an axis the job does not have", d -> List.of("cell", q(), "--param", "hidden=64"),
                        "--param", "'hidden'", "it has none"),
                row("cell: --param not a number", d -> List.of("cell", q(), "--param", "hidden=abc"), "--param", "'abc'"),
                row("cell: --data pointing to a missing file",
                        d -> List.of("cell", q(), "--data", d.resolve("missing.csv").toString()),
                        "missing.csv: file not found"),
                row("run: --data with a bad row",
                        d -> List.of("run", q(), "--out", d.resolve("out").toString(), "--data", d.resolve("bad-row.csv").toString()),
                        "bad-row.csv: line 4, column 3", "'abc'"),
                row("run: train size larger than the pool",
                        d -> List.of("run", d.resolve("big.json").toString(), "--out", d.resolve("out").toString()),
                        "field 'experiments[0].train_size'", "but was 500"),
                row("run: negative --wave-cells",
                        d -> List.of("run", q(), "--out", d.resolve("out").toString(), "--wave-cells", "-3"),
                        "--wave-cells", "-3"),
                row("sql: a folder that is not a results folder",
                        d -> List.of("sql", d.toString(), "SELECT 1"), "not a results folder"),
                row("report: a folder that does not exist",
                        d -> List.of("report", d.resolve("nope").toString()), "nope: not a results folder"),
                row("bench: unknown figure", d -> List.of("bench", "--figure", "warp_speed", "--data",
                        JobFileTest.WDBC.toString()), "'--figure'", "'warp_speed'"),
                row("bench: --runs 0", d -> List.of("bench", "--runs", "0"), "--runs", "0"),
                row("job file that is not UTF-8", d -> List.of("validate", d.resolve("latin1.json").toString()),
                        "latin1.json: the job file is not UTF-8 text"),
                row("run: a cuba job whose data folder has no IDX files",
                        d -> List.of("run", d.resolve("cuba-no-data.json").toString(), "--out", d.resolve("out").toString()),
                        "no-idx", "train-images-idx3-ubyte"));
    }

    static Stream<Case> badSettings() {
        return java.util.Arrays.stream(BAD_SETTINGS).map(b -> row("validate: " + b[0],
                d -> List.of("validate", d.resolve(b[0] + ".json").toString()), b[0] + ".json", "field '" + b[2] + "'",
                "but was " + b[3]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSettings")
    void badBinarySettingsAreRefusedAtValidateInOneLine(Case c) throws IOException {
        badInputExitsTwoWithOneLineOnStderr(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("usageErrors")
    void badInputExitsTwoWithOneLineOnStderr(Case c) throws IOException {
        Path cwd = Path.of("").toAbsolutePath();
        boolean resultsBefore = Files.exists(cwd.resolve("results"));
        List<Path> before = listing(dir);

        Run r = run(c.args().apply(dir).toArray(String[]::new));

        assertEquals(ExitCodes.USAGE, r.exit(), "exit code; stderr: " + r.err());
        assertEquals(1, r.errLines().size(), "exactly one line on stderr: " + r.err());
        String line = r.errLines().get(0);
        assertTrue(line.startsWith("chipsweep"), line);
        for (String f : c.fragments()) {
            assertTrue(line.contains(f), "stderr should contain <" + f + ">: " + line);
        }
        assertEquals("", r.out(), "nothing on stdout");
        assertEquals(before, listing(dir), "no file written next to the inputs");
        assertEquals(resultsBefore, Files.exists(cwd.resolve("results")), "no results folder created");
    }

    @Test
    void validateQuickstartSucceeds() throws IOException {
        List<Path> before = listing(dir);
        Run r = run("validate", q());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals("", r.err());
        assertTrue(r.out().contains("job 'quickstart' is valid"), r.out());
        assertTrue(r.out().contains("(569 rows, sha256 "), r.out());
        assertTrue(r.out().contains("experiment quick: 24 cells (1 distortions x 2 sigmas x 2 train sizes x 2 methods"
                + " x 3 seeds)"), r.out());
        assertTrue(r.out().contains("  24 distinct cells"), r.out());
        assertEquals(before, listing(dir));
    }

    @Test
    void aSparkContextShutDownUnderTheRunIsOneLineNamingResume() {
        StringWriter w = new StringWriter();
        Exception ex = new IllegalStateException("wave 2 failed", new org.apache.spark.SparkException(
                "Job 6 cancelled because SparkContext was shut down\n\tat org.apache.spark.scheduler..."));
        assertEquals(ExitCodes.FAILED, Main.handle(ex, new PrintWriter(w, true)));
        List<String> lines = w.toString().lines().toList();
        assertEquals(1, lines.size(), w.toString());
        assertTrue(lines.get(0).startsWith("chipsweep: error: Spark stopped during the run (Job 6 cancelled because"
                + " SparkContext was shut down)"), lines.get(0));
        assertTrue(lines.get(0).contains("--resume"), lines.get(0));
    }

    @Test
    void cellTakesTheModelAxesFromParamOrTheFirstValue() throws IOException {
        Path job = dir.resolve("tiny-bisnn.json");
        Files.writeString(job, """
                {"name": "tiny-bisnn", "global_seed": 0, "model": "bisnn", "dataset": {"name": "two-moons"},
                 "bisnn": {"layers": [20, 8, 8, 2], "steps": 20, "burn_in": 5, "epochs": 1, "batch_size": 16,
                           "lr_fp": 10, "lr_st": 10, "lr_bayes": 30, "rho": 5e-6, "temperature": 1, "prior_p": 0.5,
                           "ensemble_size": 2, "init": "gaussian", "init_latent": "gaussian", "init_sd": 1,
                           "test_points": 20, "grid": 3},
                 "experiments": [{"name": "e", "train_size": [40], "method": ["fp"], "hidden": [8, 12],
                                  "seed": [0]}]}""");
        Run first = run("cell", job.toString());
        assertEquals(ExitCodes.OK, first.exit(), first.err());
        assertTrue(first.out().contains("\"params\":{\"hidden\":8.0}"), first.out());
        Run given = run("cell", job.toString(), "--param", "hidden=12");
        assertEquals(ExitCodes.OK, given.exit(), given.err());
        assertTrue(given.out().contains("\"params\":{\"hidden\":12.0}"), given.out());
        assertTrue(given.err().contains("hidden=12.0"), given.err());
    }

    @Test
    void validateWithDataOverrideUsesThatFile() throws IOException {
        Path copy = Files.copy(JobFileTest.WDBC, dir.resolve("copy.csv"));
        Run r = run("validate", q(), "--data", copy.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertTrue(r.out().contains("data " + copy + " (569 rows"), r.out());
    }

    @Test
    void benchMeasuresOneFigureAsJson() {
        Run r = run("bench", "--figure", "forward_398_counts_ms", "--reps", "10", "--data", JobFileTest.WDBC.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertTrue(r.out().matches("\\{\"forward_398_counts_ms\":[0-9.E-]+}\\s*"), r.out());
    }

    @Test
    void helpSucceeds() {
        Run r = run("--help");
        assertEquals(ExitCodes.OK, r.exit());
        assertTrue(r.out().startsWith("Usage: chipsweep"), r.out());
        for (String sub : List.of("cell", "run", "sql", "validate")) {
            assertTrue(r.out().contains("  " + sub + " "), "lists " + sub + ": " + r.out());
        }
        assertEquals("", r.err());
        Run v = run("validate", "--help");
        assertEquals(ExitCodes.OK, v.exit());
        assertTrue(v.out().contains("--data"), v.out());
    }

    private static List<Path> listing(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.sorted().toList();
        }
    }
}
