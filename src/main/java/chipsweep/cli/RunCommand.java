package chipsweep.cli;

import chipsweep.InputException;
import chipsweep.sweep.Cell;
import chipsweep.sweep.CellIds;
import chipsweep.sweep.Job;
import chipsweep.sweep.Method;
import chipsweep.sweep.Progress;
import chipsweep.sweep.ResultsDir;
import chipsweep.sweep.SparkSweep;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code run JOB.json [--out DIR] [--data FILE] [--resume] [--rerun-failed]}: expands the job's grid, runs the
 * cells as Spark tasks wave by wave, commits each wave to {@code results/<job>/}, and writes the report.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a job's grid of cells on Spark and write Parquet results and a report.")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "JOB.json", description = "the job file")
    Path jobFile;

    @Option(names = "--out", paramLabel = "DIR",
            description = "results folder: a path or any Hadoop filesystem URI, e.g. hdfs://HOST:PORT/results/x or"
                    + " s3a://BUCKET/results/x (default: results/<job name>)")
    String out;

    @Option(names = "--data", paramLabel = "FILE", description = "data file replacing the job's (either WDBC layout)")
    Path data;

    @Option(names = "--resume", description = "run only the cells that have no result yet")
    boolean resume;

    @Option(names = "--rerun-failed", description = "rerun the cells whose latest result is FAILED")
    boolean rerunFailed;

    @Option(names = "--wave-cells", paramLabel = "N",
            description = "cells per committed wave (default: 64 per Spark core, at least 64)")
    int waveCells;

    @Option(names = "--no-report", description = "do not write the report at the end")
    boolean noReport;

    @Override
    public Integer call() {
        if (waveCells < 0) {
            throw new InputException("run: option '--wave-cells': must be >= 1, but was " + waveCells);
        }
        List<Jobs> tasks = Jobs.tasks(jobFile, data);
        Job job = JobFile.read(jobFile);
        for (Jobs t : tasks) {
            job = job.withTask(t.job().dataset().name(), t.job().dataset()); // paths as run, content hashes pinned
        }
        String dir = out != null ? out : Path.of("results", job.name()).toString();
        PrintWriter err = spec.commandLine().getErr();
        ObjectNode resolved = JobJson.job(job);
        // Spark starts before anything is written: a start-up failure caused by the user's options leaves no
        // results folder behind
        SparkSession spark = Sessions.createOrExplain("chipsweep run " + job.name());
        try (ResultsDir results = ResultsDir.forRun(dir, spark)) {
            results.lock();
            results.clearStaging();
            checkScience(results, tasks);
            boolean hasResults = !results.committedWaves().isEmpty();
            if (hasResults && !resume && !rerunFailed) {
                throw new InputException(dir + ": already holds results of job '" + job.name()
                        + "'; add --resume to run only the missing cells, --rerun-failed to rerun failed ones,"
                        + " or choose another --out");
            }
            results.writeJobJson(JobJson.pretty(resolved));

            String sparkVersion = spark.version();
            Map<String, String> status = new HashMap<>();
            if (hasResults) {
                try {
                    results.registerViews(spark);
                    for (Row r : spark.sql("SELECT cell_id, status FROM cells").collectAsList()) {
                        status.put(r.getString(0), r.getString(1));
                    }
                } catch (Exception e) { // Spark's checked exceptions arrive unchecked from Scala
                    throw Results.explain(results, e);
                }
            }
            // each task (data set) is a job of its own: its science hash names its cells
            List<List<Cell>> todos = new ArrayList<>();
            int all = 0;
            int todoCells = 0;
            int okBefore = 0;
            int failedKept = 0;
            double cost = 0;
            for (Jobs t : tasks) {
                String scienceSha = t.scienceSha256();
                List<Cell> todo = new ArrayList<>();
                for (Cell c : t.job().cells()) {
                    all++;
                    String s = status.get(CellIds.cellId(scienceSha, c));
                    if (s == null) {
                        if (!hasResults || resume) {
                            todo.add(c);
                        }
                    } else if (s.equals("FAILED")) {
                        if (rerunFailed) {
                            todo.add(c);
                        } else {
                            failedKept++;
                        }
                    } else {
                        okBefore++;
                    }
                }
                for (Cell c : todo) {
                    cost += Method.expectedCost(c, t.job().science());
                }
                todoCells += todo.size();
                todos.add(todo);
            }
            int cores = spark.sparkContext().defaultParallelism();
            // 64 a core: every wave costs a Spark job and a two-table commit. On the safa2024 job (local[2]) waves
            // of 64 a core gave 117.9-119.7 s against 118.9-125.2 s for 32 a core, and 16 a core cost 5 s more
            // than 32 (measured); a crash still loses at most one wave (about 40 s of cell time here).
            int wave = waveCells > 0 ? waveCells : Math.max(64, 64 * cores);
            err.printf("chipsweep run: job '%s', %d cells in the grid%s (%d already OK, %d FAILED kept), %d to run,"
                            + " %d per wave, Spark %s, master %s (%d cores), results in %s%n",
                    job.name(), all, tasks.size() == 1 ? "" : " of " + tasks.size() + " data sets (" + String.join(", ",
                            job.tasks().keySet()) + ")", okBefore, failedKept, todoCells, wave, sparkVersion,
                    spark.sparkContext().master(), cores, dir);
            err.flush();
            Progress progress = new Progress(Clock.systemUTC(), System.err, Progress.Style.detect(), todoCells, cost,
                    cores);
            String runId = UUID.randomUUID().toString().substring(0, 8);
            SparkSweep.Summary sum = new SparkSweep.Summary(0, 0, 0, 0, 0, cores);
            try {
                for (int i = 0; i < tasks.size(); i++) {
                    if (todos.get(i).isEmpty()) {
                        continue;
                    }
                    Jobs t = tasks.get(i);
                    SparkSweep sweep = new SparkSweep(spark, results, t.job().science(), t.runInfo(sparkVersion), runId,
                            Clock.systemUTC());
                    SparkSweep.Summary s = sweep.run(todos.get(i), t.data(), wave, progress);
                    sum = new SparkSweep.Summary(sum.cells() + s.cells(), sum.failed() + s.failed(),
                            sum.waves() + s.waves(), sum.sumCellSeconds() + s.sumCellSeconds(),
                            sum.wallSeconds() + s.wallSeconds(), s.cores());
                }
            } finally {
                progress.finish();
            }
            err.printf("chipsweep run: %d cells in %d waves, %d failed; wall %.1f s, %.2f cells/s,"
                            + " sum of cell times %.1f s, core utilisation %.0f%% of %d cores%s%n",
                    sum.cells(), sum.waves(), sum.failed(), sum.wallSeconds(), sum.cellsPerSecond(),
                    sum.sumCellSeconds(), 100 * sum.utilisation(), sum.cores(),
                    progress.firstWaveCheck().map(s -> "; " + s).orElse(""));
            err.flush();
            if (!noReport) {
                results.registerViews(spark);
                ReportCommand.write(spark, results, ReportCommand.DEFAULT_EFFECTIVE_ACCURACY, err,
                        spec.commandLine().getOut());
            }
            if (sum.failed() > 0) {
                err.println("chipsweep run: " + sum.failed() + " cells FAILED (see the report or"
                        + " `./submit.sh sql " + dir + " \"SELECT * FROM cells WHERE status = 'FAILED'\"`);"
                        + " rerun them with --rerun-failed");
                err.flush();
                return ExitCodes.FAILED;
            }
            return ExitCodes.OK;
        }
    }

    /** Refuses to add to results whose scientific settings differ from this job's, task by task. */
    private static void checkScience(ResultsDir results, List<Jobs> tasks) {
        java.util.Optional<String> text = results.readJobJson();
        if (text.isEmpty()) {
            if (!results.committedWaves().isEmpty()) {
                throw new InputException(results.jobJsonLocation() + ": missing, but " + results.cellsLocation()
                        + " holds results; restore job.json or choose another --out");
            }
            return;
        }
        Job stored;
        try {
            stored = JobFile.parse(results.jobJsonLocation(), text.get(), null);
        } catch (InputException e) {
            throw new InputException(results.jobJsonLocation() + " is damaged (" + e.getMessage()
                    + "); restore it or choose another --out");
        }
        Map<String, Job.DatasetRef> storedTasks = stored.tasks();
        for (Jobs jobs : tasks) {
            String name = jobs.job().dataset().name();
            Job.DatasetRef was = storedTasks.get(name);
            if (was == null) {
                continue; // a data set new to these results: none of its cells is here yet
            }
            JsonNode a = JobJson.science(stored.science(), name);
            JsonNode b = JobJson.science(jobs.job().science(), name);
            if (was.sha256() != null) {
                // files: their content must be the same; generated data (bisnn, buchel) is a function of the
                // science compared here, and job.json records no hash for it
                ((ObjectNode) a.get("dataset")).put("sha256", was.sha256());
                ((ObjectNode) b.get("dataset")).put("sha256", jobs.dataSha256());
            }
            List<String> diff = JobJson.differences(a, b);
            if (!diff.isEmpty()) {
                throw new InputException(results.jobJsonLocation() + ": the job's scientific settings differ from those"
                        + " of the results here: " + String.join(", ", diff)
                        + "; choose another --out or restore the settings");
            }
        }
    }
}
