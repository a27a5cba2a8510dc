package chipsweep.cli;

import chipsweep.InputException;
import chipsweep.sweep.Cell;
import chipsweep.sweep.CellIds;
import chipsweep.sweep.CellResult;
import chipsweep.sweep.CellRunner;
import chipsweep.sweep.Experiment;
import chipsweep.sweep.Method;
import chipsweep.sweep.ResultRows;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code cell JOB.json [--distortion D] [--sigma S] [--train-size N] [--method M] [--seed K] [--budget B]
 * [--param AXIS=V]... [--data FILE]}: runs one cell in-process through the same {@link CellRunner} as the sweep and
 * prints its result as one JSON object on stdout, keyed by the Parquet column names. Omitted fields, and the
 * model's own axes (e.g. {@code hidden}) not given by {@code --param}, take the job's first experiment's first value.
 */
@Command(name = "cell", mixinStandardHelpOptions = true,
        description = "Run one cell in-process and print its result as JSON (progress on stderr).")
final class CellCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "JOB.json", description = "the job file")
    Path jobFile;

    @Option(names = "--distortion", description = "distortion kind, e.g. mismatch, nonlin, mismatch+nonlin")
    String distortion;

    @Option(names = "--sigma", description = "distortion strength (>= 0)")
    Double sigma;

    @Option(names = "--train-size", description = "training subset size")
    Integer trainSize;

    @Option(names = "--method", description = "a method of the job's model, e.g. mh, bp, mh-warm, itl, transfer, "
            + "st, bayes-ens, mimic")
    String method;

    @Option(names = "--budget", description = "warm methods: fraction of the cold method's iterations or epochs")
    Double budget;

    @Option(names = "--seed", description = "cell seed (>= 0)")
    Integer seed;

    @Option(names = "--data", description = "data file replacing the job's (scikit-learn or UCI WDBC layout)")
    Path data;

    @Option(names = "--param", paramLabel = "AXIS=VALUE", description = "a model axis of the job's first experiment, "
            + "e.g. hidden=256 (repeatable; others take their first value)")
    Map<String, Double> params;

    @Option(names = "--task", paramLabel = "NAME", description = "the data set of a job that runs several (its name)")
    String task;

    @Override
    public Integer call() throws JsonProcessingException {
        Jobs jobs = Jobs.load(jobFile, data, task);
        Experiment first = jobs.job().experiments().get(0);
        Cell cell;
        try {
            Method m = method != null ? Method.of(method) : first.methods().get(0);
            double b = !m.warm() ? (budget != null ? budget : Cell.NO_BUDGET)
                    : budget != null ? budget : first.budgets().isEmpty() ? 1.0 : first.budgets().get(0);
            cell = new Cell(
                    distortion != null ? distortion : first.distortions().get(0),
                    sigma != null ? sigma : first.sigmas().get(0),
                    trainSize != null ? trainSize : first.trainSizes().get(0),
                    m,
                    seed != null ? seed : first.seeds().get(0),
                    b,
                    axes(first));
        } catch (IllegalArgumentException e) {
            throw new InputException("cell: " + e.getMessage());
        }
        int pool = jobs.poolSize();
        if (cell.trainSize() > pool) {
            throw new InputException("cell: option '--train-size': must be <= the train pool size " + pool
                    + ", but was " + cell.trainSize());
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("chipsweep cell: " + cell.label() + " (" + jobs.job().name() + ", data " + jobs.job().dataset().path() + ")");
        err.flush();
        CellResult r = new CellRunner(jobs.job().science(), jobs.data(), Clock.systemUTC()).run(cell);
        String id = CellIds.cellId(jobs.scienceSha256(), cell);
        ResultRows.Attempt attempt = new ResultRows.Attempt(id, "cell-" + id, 0, chipsweep.sweep.SparkSweep.localHost(),
                System.getProperty("java.version"), System.getProperty("os.arch"));
        Map<String, Object> row = jsonReady(ResultRows.cell(r, jobs.runInfo(org.apache.spark.package$.MODULE$.SPARK_VERSION()), attempt));
        PrintWriter out = spec.commandLine().getOut();
        out.println(JobFile.JSON.writeValueAsString(row));
        out.flush();
        err.printf("chipsweep cell: %s in %.2f s: test accuracy %s%n", r.status(), r.wallSeconds(),
                r.ok() ? String.format("%.4f", r.testAccuracy()) : "-");
        if (r.ok()) {
            CellResult.Deployment d = r.deployment();
            err.printf("chipsweep cell: chip time %d sample evaluations, %d programmings%s%n", d.chipSamples(),
                    d.chipPrograms(), d.sourceChipSamples() >= 0 ? String.format(" (source training on chip %d: %d "
                            + "sample evaluations, %d programmings)", jobs.job().science().deployment().sourceChip(),
                            d.sourceChipSamples(), d.sourceChipPrograms()) : "");
            if (!d.fleet().isEmpty()) {
                err.printf("chipsweep cell: fleet of %d chips: mean %.4f, sd %.4f, min %.4f; ideal chip %.4f%n",
                        d.fleet().size(), d.fleetMean(), d.fleetSd(), d.fleetMin(), d.idealAccuracy());
            }
        }
        if (!r.ok()) {
            err.println("chipsweep cell: " + r.error());
        }
        err.flush();
        return r.ok() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** The first experiment's model axes at their first values, overridden by {@code --param}. */
    private SortedMap<String, Double> axes(Experiment first) {
        SortedMap<String, Double> out = new TreeMap<>();
        first.params().forEach((axis, values) -> out.put(axis, values.get(0)));
        if (params != null) {
            for (Map.Entry<String, Double> e : params.entrySet()) {
                if (!out.containsKey(e.getKey())) {
                    throw new InputException("cell: option '--param': the job's first experiment has no axis '"
                            + e.getKey() + "' (" + (out.isEmpty() ? "it has none" : "its axes: "
                            + String.join(", ", out.keySet())) + ")");
                }
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> jsonReady(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Timestamp t) {
                v = t.toInstant().toString();
            } else if (v instanceof Map<?, ?> nested && e.getKey().equals("provenance")) {
                v = jsonReady((Map<String, Object>) nested);
            }
            out.put(e.getKey(), v);
        }
        return out;
    }
}
