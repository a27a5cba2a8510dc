package chipsweep.cli;

import chipsweep.InputException;
import chipsweep.chip.Batch;
import chipsweep.chip.DistortionSettings;
import chipsweep.chip.Distortions;
import chipsweep.chip.Network;
import chipsweep.chip.Readout;
import chipsweep.chip.SimulatedChip;
import chipsweep.data.Dataset;
import chipsweep.data.WdbcLoader;
import chipsweep.sweep.Cell;
import chipsweep.sweep.CellRunner;
import chipsweep.sweep.Method;
import chipsweep.sweep.Science;
import chipsweep.train.MhSettings;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench [--reference]}: times chipsweep's figures in this JVM on one thread (the forward pass over the
 * 398 WDBC training samples on a 30-20-2 T = 20 chip, ideal and {@code mismatch} sigma 2; one {@code mh} and
 * one {@code bp} cell of METHOD.md), medians after warm-up, exactly as the numpy reference's {@code bench}
 * does; with {@code --reference} it runs the reference on the same machine right after and prints both with
 * their ratios. The JMH benchmarks ({@code mvn -Pbench}) measure the same kernels in more detail.
 *
 * <p>Each figure runs in a JVM of its own (started like this one, with the hidden {@code --figure} option), as
 * JMH forks per benchmark: otherwise the JIT's profile of one figure (say, 2000 whole-batch passes) shapes the
 * compiled code of the next (an early-rejecting MH's chunked passes), and a figure depends on its place in
 * the list.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time the forward pass, an mh cell and a bp cell (one core), optionally against the numpy reference.")
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--reference", description = "also run the numpy reference's bench and print the ratios")
    boolean reference;

    @Option(names = "--reference-script", paramLabel = "FILE",
            description = "the reference (default: ../shared/bench/numpy_reference.py beside the project)")
    Path script;

    @Option(names = "--python", paramLabel = "EXE", description = "python interpreter for the reference (default python3)")
    String python = "python3";

    @Option(names = "--runs", description = "cells timed per figure, after one untimed (median; default 5)")
    int runs = 5;

    @Option(names = "--reps", description = "forward passes timed (median; default 2000)")
    int reps = 2000;

    @Option(names = "--data", paramLabel = "FILE", description = "WDBC file (default datasets/wdbc.csv)")
    Path data;

    /** Set in the per-figure JVMs: measure this one figure and print it as JSON. */
    @Option(names = "--figure", hidden = true)
    String figure;

    /** The figures, in table order. */
    static final List<String> FIGURES = List.of("forward_398_counts_ms", "forward_398_full_ms", "forward_398_d1_ms",
            "mh_cell_s", "mh_cell_full_s", "bp_cell_s", "cuba_forward_images_per_s", "cuba_itl_images_per_s");

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (runs < 1 || reps < 10) {
            throw new InputException("bench: --runs must be >= 1 and --reps >= 10, but were " + runs + " and " + reps);
        }
        Path root = projectRoot();
        Path csv = data != null ? data : root.resolve("datasets/wdbc.csv");
        Dataset d = WdbcLoader.load(csv);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (figure != null) {
            if (!FIGURES.contains(figure)) {
                throw new InputException("bench: option '--figure': unknown figure, but was '" + figure + "'");
            }
            out.println(JobFile.JSON.writeValueAsString(Map.of(figure, measure(figure, d, err))));
            out.flush();
            return ExitCodes.OK;
        }
        Map<String, Double> ours = new LinkedHashMap<>();
        for (String f : FIGURES) {
            ours.put(f, inOwnJvm(f, csv, err));
        }
        Map<String, Double> ref = null;
        Map<String, Double> cubaRef = null;
        if (reference) {
            ref = runReference(script != null ? script : root.resolveSibling("shared").resolve("bench/numpy_reference.py"), err);
            cubaRef = runCubaReference(root.resolveSibling("shared").resolve("bench/cuba_reference.py"),
                    root.resolve("datasets/fashion-mnist"), err);
        }
        out.printf("chipsweep bench, %s, %s, Java %s, one thread%n", LocalDate.now(), cpuName(), System.getProperty("java.version"));
        out.printf("| figure | chipsweep | numpy reference | speed-up |%n|---|---|---|---|%n");
        row(out, "forward pass, 398 samples, counts (ms)", ours, ref, "forward_398_counts_ms",
                "forward_398_counts_ms");
        row(out, "forward pass, 398 samples, with membrane sums and hidden counts (ms)", ours, ref,
                "forward_398_full_ms", "forward_398_full_ms");
        row(out, "forward pass, 398 samples, mismatch sigma 2 chip (ms)", ours, ref, "forward_398_d1_ms", "forward_398_d1_ms");
        row(out, "one mh cell, 6000 iterations, n = 398 (s)", ours, ref, "mh_cell_s", "mh_cell_s");
        row(out, "the same mh cell without early rejection (s)", ours, ref, "mh_cell_full_s", "mh_cell_s");
        row(out, "one bp cell, 150 epochs, n = 398 (s)", ours, ref, "bp_cell_s", "bp_cell_s");
        out.printf("forward pass throughput: %.0f samples/s (chipsweep)%s%n", 398 / (ours.get("forward_398_counts_ms") / 1e3),
                ref == null ? "" : String.format(", %.0f samples/s (reference)", 398 / (ref.get("forward_398_counts_ms") / 1e3)));
        out.printf("%ncurrent-based chip (spec/CRAMER.md), 256-%d-10, T = %d, %d Fashion-MNIST test images, minibatches of %d%n",
                CubaBench.HIDDEN, CubaBench.STEPS, CubaBench.IMAGES, CubaBench.BATCH);
        out.printf("| figure | chipsweep | numpy reference (cuba_reference.py) | speed-up |%n|---|---|---|---|%n");
        for (String[] r : new String[][] {{"chip forward pass, inference (images/s)", "cuba_forward_images_per_s",
                "forward_images_per_s"}, {"itl training: recorded forward, BPTT, Adam (images/s)", "cuba_itl_images_per_s",
                "itl_train_images_per_s"}}) {
            double a = ours.get(r[1]);
            if (cubaRef == null || !cubaRef.containsKey(r[2])) {
                out.printf("| %s | %.0f | - | - |%n", r[0], a);
            } else {
                out.printf("| %s | %.0f | %.0f | %.1fx |%n", r[0], a, cubaRef.get(r[2]), a / cubaRef.get(r[2]));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** One table row: our figure {@code key} against the reference's figure {@code refKey}. */
    private static void row(PrintWriter out, String name, Map<String, Double> ours, Map<String, Double> ref, String key,
                            String refKey) {
        double a = ours.get(key);
        if (ref == null || !ref.containsKey(refKey)) {
            out.printf("| %s | %.4g | - | - |%n", name, a);
        } else {
            out.printf("| %s | %.4g | %.4g | %.1fx |%n", name, a, ref.get(refKey), ref.get(refKey) / a);
        }
    }

    /** Runs {@code bench --figure f} in a new JVM with this JVM's options and returns its figure. */
    private double inOwnJvm(String f, Path csv, PrintWriter err) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.add("-cp");
        cmd.add(ownLocation() + java.io.File.pathSeparator + System.getProperty("java.class.path"));
        cmd.addAll(List.of(Main.class.getName(), "bench", "--figure", f, "--runs", String.valueOf(runs), "--reps",
                String.valueOf(reps), "--data", csv.toString()));
        JsonNode j = lastJsonLine(new ProcessBuilder(cmd), "the JVM measuring " + f);
        if (!j.has(f)) {
            throw new IllegalStateException("bench: the JVM measuring " + f + " printed no figure: " + j);
        }
        return j.get(f).asDouble();
    }

    /** Measures one figure in this JVM. */
    private double measure(String f, Dataset d, PrintWriter err) {
        // one chain, as the numpy reference runs it: the figures compare like with like
        Science d0 = Science.defaults(0);
        Science science = new Science(0, d0.trainFraction(), d0.network(), d0.chip(), MhSettings.SINGLE_CHAIN, d0.bp());
        Network net = science.network();
        Batch x = Batch.of(BenchInputs.prepared(d).xTrain());
        double[][] w = BenchInputs.weights(net);
        SimulatedChip ideal = SimulatedChip.ideal(net);
        if (f.startsWith("forward")) {
            err.println("chipsweep bench: " + f + " (" + reps + " passes timed)...");
            err.flush();
        }
        switch (f) {
            case "forward_398_counts_ms":
                return forward(ideal, w, x, new Readout(net, x.rows(), false));
            case "forward_398_full_ms":
                return forward(ideal, w, x, new Readout(net, x.rows(), true));
            case "forward_398_d1_ms":
                return forward(SimulatedChip.of(net, Distortions.draw("mismatch", 2.0, net, DistortionSettings.DEFAULTS,
                        0, 0)), w, x, new Readout(net, x.rows(), false));
            case "mh_cell_s":
                return cell(new CellRunner(science, d, Clock.systemUTC()), Method.MH, "mh", err);
            case "mh_cell_full_s":
                return cell(new CellRunner(science, d, Clock.systemUTC(), false), Method.MH, "mh (no early rejection)",
                        err);
            case "bp_cell_s":
                return cell(new CellRunner(science, d, Clock.systemUTC()), Method.BP, "bp", err);
            case "cuba_forward_images_per_s":
            case "cuba_itl_images_per_s":
                err.println("chipsweep bench: " + f + " (" + runs + " runs after one untimed)...");
                err.flush();
                return CubaBench.of(projectRoot().resolve("datasets/fashion-mnist")).measure(f.contains("itl"), runs);
            default:
                throw new IllegalArgumentException("unknown figure " + f);
        }
    }

    /** Median seconds of {@link #runs} runs (after one untimed) of the {@code mismatch} sigma 2, n = 398, seed 0 cell. */
    private double cell(CellRunner runner, Method method, String what, PrintWriter err) {
        err.println("chipsweep bench: " + what + " cell, warm-up run...");
        err.flush();
        runner.run(new Cell("mismatch", 2.0, 398, method, 0));
        double[] t = new double[runs];
        for (int r = 0; r < runs; r++) {
            err.println("chipsweep bench: " + what + " cell, run " + (r + 1) + " of " + runs + "...");
            err.flush();
            long t0 = System.nanoTime();
            runner.run(new Cell("mismatch", 2.0, 398, method, 0));
            t[r] = (System.nanoTime() - t0) / 1e9;
        }
        return median(t);
    }

    private double forward(SimulatedChip chip, double[][] w, Batch x, Readout r) {
        chip.program(w);
        for (int i = 0; i < Math.max(200, reps / 4); i++) {
            chip.evaluate(x, r);
        }
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            chip.evaluate(x, r);
            t[i] = (System.nanoTime() - t0) / 1e6;
        }
        return median(t);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }

    private Map<String, Double> runReference(Path ref, PrintWriter err) throws IOException, InterruptedException {
        if (!Files.isRegularFile(ref)) {
            throw new InputException("bench: option '--reference-script': file not found, but was '" + ref + "'");
        }
        err.println("chipsweep bench: running the numpy reference: " + python + " " + ref + " bench --runs " + runs);
        err.flush();
        JsonNode j = lastJsonLine(new ProcessBuilder(python, ref.toString(), "bench", "--runs", String.valueOf(runs)),
                "the numpy reference");
        Map<String, Double> m = new LinkedHashMap<>();
        for (String k : new String[] {"forward_398_counts_ms", "forward_398_full_ms", "forward_398_d1_ms", "mh_cell_s",
                "bp_cell_s"}) {
            if (j.has(k)) {
                m.put(k, j.get(k).asDouble());
            }
        }
        return m;
    }

    private Map<String, Double> runCubaReference(Path ref, Path images, PrintWriter err) throws IOException,
            InterruptedException {
        if (!Files.isRegularFile(ref)) {
            err.println("chipsweep bench: no " + ref + ": the current-based figures have no reference");
            return null;
        }
        err.println("chipsweep bench: running the current-based reference: " + python + " " + ref + " bench");
        err.flush();
        JsonNode j = lastJsonLine(new ProcessBuilder(python, ref.toString(), "bench", "--images", images.toString(),
                "--n", String.valueOf(CubaBench.IMAGES), "--batch", String.valueOf(CubaBench.BATCH), "--hidden",
                String.valueOf(CubaBench.HIDDEN), "--steps", String.valueOf(CubaBench.STEPS), "--runs",
                String.valueOf(runs)), "the current-based reference");
        Map<String, Double> m = new LinkedHashMap<>();
        for (String k : new String[] {"forward_images_per_s", "itl_train_images_per_s"}) {
            if (j.has(k)) {
                m.put(k, j.get(k).asDouble());
            }
        }
        return m;
    }

    /**
     * Starts {@code pb} (its stderr goes to ours), waits for it and parses the last line of its stdout as JSON;
     * fails naming {@code what} if it exits non-zero.
     */
    private static JsonNode lastJsonLine(ProcessBuilder pb, String what) throws IOException, InterruptedException {
        Process p = pb.redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String text;
        try (InputStream in = p.getInputStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("bench: " + what + " failed (exit " + (p.isAlive() ? "none" : p.exitValue())
                    + "): " + text);
        }
        return JobFile.JSON.readTree(text.lines().reduce((a, b) -> b).orElse("{}"));
    }

    static Path projectRoot() {
        Path jar = ownLocation();
        return jar.getParent() == null || jar.getParent().getParent() == null ? Path.of("").toAbsolutePath()
                : jar.getParent().getParent().toAbsolutePath();
    }

    /** The jar (or classes folder) chipsweep runs from. */
    static Path ownLocation() {
        try {
            return Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            return Path.of("").toAbsolutePath();
        }
    }

    private static String cpuName() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }
}
