package chipsweep.sweep;

import chipsweep.data.TaskData;
import java.io.Serializable;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The one Spark class: runs cells as Spark tasks, one cell per task, longest expected cells first, wave by
 * wave, and commits each wave's rows to the {@link ResultsDir}. Each task calls {@link CellRunner}, the same
 * code path as the {@code cell} command. A cell that throws is already a FAILED result inside the task, so
 * Spark never retries it; a task lost with its executor is retried by Spark, and since a wave's results are
 * collected once per partition and written by the driver, a retry never duplicates a row.
 *
 * <p>Thread-safety: driver-side, one run at a time.
 */
public final class SparkSweep {
    private final SparkSession spark;
    private final ResultsDir results;
    private final Science science;
    private final RunInfo run;
    private final String runId;
    private final Clock clock;

    public SparkSweep(SparkSession spark, ResultsDir results, Science science, RunInfo run, String runId, Clock clock) {
        this.spark = spark;
        this.results = results;
        this.science = science;
        this.run = run;
        this.runId = runId;
        this.clock = clock;
    }

    /** What a run did. */
    public record Summary(int cells, int failed, int waves, double sumCellSeconds, double wallSeconds, int cores) {
        public double cellsPerSecond() {
            return wallSeconds > 0 ? cells / wallSeconds : 0;
        }

        /** Sum of cell times over (wall time x cores). */
        public double utilisation() {
            return wallSeconds > 0 && cores > 0 ? sumCellSeconds / (wallSeconds * cores) : 0;
        }
    }

    /**
     * Runs {@code cells} in waves of at most {@code waveCells} cells and commits each.
     */
    public Summary run(List<Cell> cells, TaskData data, int waveCells, Progress progress) {
        long t0 = clock.millis();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<Cell> ordered = new ArrayList<>(cells);
        ordered.sort(Comparator.comparingDouble((Cell c) -> -Method.expectedCost(c, science))
                .thenComparing(c -> CellIds.cellId(run.scienceSha256(), c)));
        Broadcast<TaskData> shared = jsc.broadcast(data);
        Broadcast<Trained> sources = jsc.broadcast(trainSources(jsc, ordered, shared, progress));
        Listener listener = new Listener(progress, science);
        spark.sparkContext().addSparkListener(listener);
        int failed = 0;
        int waves = 0;
        double sum = 0;
        Thread warmUp = warmUpWriter(ordered.isEmpty() ? null : ordered.get(0));
        try {
            for (int from = 0; from < ordered.size(); from += waveCells) {
                List<Cell> wave = ordered.subList(from, Math.min(ordered.size(), from + waveCells));
                int waveNo = results.nextWave();
                listener.beginWave(wave);
                jsc.setJobGroup("chipsweep-wave-" + waveNo, "chipsweep " + run.jobName() + " wave " + waveNo, false);
                List<Outcome> outs = jsc.parallelize(wave, wave.size())
                        .map(new RunCell(science, shared, sources, runId, run.scienceSha256(), waveNo))
                        .collect();
                jsc.clearJobGroup();
                List<Row> cellRows = new ArrayList<>(outs.size());
                List<Row> traceRows = new ArrayList<>();
                List<Row> deploymentRows = new ArrayList<>();
                int waveFailed = 0;
                for (Outcome o : outs) {
                    cellRows.add(ResultRows.toRow(ResultRows.cell(o.result, run, o.attempt), ResultSchema.CELLS));
                    for (Map<String, Object> t : ResultRows.traces(o.result, run, o.attempt)) {
                        traceRows.add(ResultRows.toRow(t, ResultSchema.TRACES));
                    }
                    for (Map<String, Object> d : ResultRows.deployments(o.result, run, o.attempt)) {
                        deploymentRows.add(ResultRows.toRow(d, ResultSchema.DEPLOYMENTS));
                    }
                    waveFailed += o.result.ok() ? 0 : 1;
                    sum += o.result.wallSeconds();
                }
                if (warmUp != null) {
                    warmUp.join();
                    warmUp = null;
                }
                results.commitWave(spark, waveNo, cellRows, traceRows, deploymentRows);
                failed += waveFailed;
                waves++;
                progress.waveCommitted(waveNo, waveFailed);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the first wave's commit waited for the warm-up write", e);
        } finally {
            spark.sparkContext().removeSparkListener(listener);
            shared.destroy();
            sources.destroy();
        }
        double wall = (clock.millis() - t0) / 1000.0;
        return new Summary(ordered.size(), failed, waves, sum, wall, spark.sparkContext().defaultParallelism());
    }

    /**
     * Trains, before the first wave, every shared training the cells about to run deploy: one Spark job of one task
     * per distinct {@link Cell#source()} of a {@link Method#sourced()} cell, so each is trained once however many
     * budgets (warm cells), sigmas ({@code software} and {@code transfer}, Büchel networks) or deployments
     * ({@code bayes-map} and {@code bayes-ens}) use it; the dearest first ({@link CellCost#training}), all submitted
     * at once so that every core stays busy. Each is stored in the results folder as soon as it is done
     * ({@link StoredSources}), and one stored by an earlier run of the same science and build is deployed instead of
     * trained again: sources are pure functions of the science and the source cell, so a resume gives bit-identical
     * results either way, and a run stopped during this stage keeps what it finished. A training that throws is
     * neither stored nor fatal: the cells that deploy it become FAILED rows naming its error, which
     * {@code --rerun-failed} trains again.
     */
    private Trained trainSources(JavaSparkContext jsc, List<Cell> cells, Broadcast<TaskData> data, Progress progress) {
        List<Cell> needed = cells.stream().filter(c -> c.method().sourced()).map(Cell::source).distinct()
                .sorted(Comparator.comparingDouble((Cell c) -> -CellCost.training(c, science))
                        .thenComparing(c -> CellIds.cellId(run.scienceSha256(), c))).toList();
        Map<Cell, CellRunner.SourceTraining> out = new java.util.HashMap<>();
        Map<Cell, String> failed = new java.util.HashMap<>();
        if (needed.isEmpty()) {
            return new Trained(out, failed);
        }
        List<Cell> missing = new ArrayList<>();
        for (Cell c : needed) {
            java.util.Optional<CellRunner.SourceTraining> kept = StoredSources.read(results, run, c);
            if (kept.isPresent()) {
                out.put(c, kept.get());
            } else {
                missing.add(c);
            }
        }
        Method kind = needed.get(0).method();
        String what = kind == Method.SOFTWARE ? "the offline training that software and transfer share"
                : kind == Method.BAYES_MAP ? "the Bayesian training that bayes-map and bayes-ens share"
                : kind.runsOn(Model.BUCHEL) ? "the networks buchel cells deploy at every sigma and death share"
                : "warm-start sources";
        String keptNote = out.isEmpty() ? "" : String.format(java.util.Locale.ROOT, "; %d more kept in %s by an earlier"
                + " run of this build", out.size(), results.name() + "/_sources");
        if (missing.isEmpty()) {
            progress.note(String.format(java.util.Locale.ROOT, "chipsweep run: all %d shared trainings (%s) kept in %s"
                    + " by an earlier run of this build", out.size(), what, results.name() + "/_sources"));
            return new Trained(out, failed);
        }
        progress.note(String.format(java.util.Locale.ROOT, "chipsweep run: first %d shared training%s (%s), once each"
                + " for the cells that deploy them%s", missing.size(), missing.size() == 1 ? "" : "s", what, keptNote));
        jsc.setJobGroup("chipsweep-sources", "chipsweep " + run.jobName() + ": " + missing.size()
                + " shared trainings", false);
        Science sci = science;
        long t0 = clock.millis();
        List<JavaFutureAction<List<SourceOutcome>>> pending = new ArrayList<>();
        try {
            for (Cell c : missing) {
                pending.add(jsc.parallelize(List.of(c), 1).map(x -> SourceOutcome.train(sci, data.value(), x))
                        .collectAsync());
            }
            int done = 0;
            double totalCost = 0;
            for (Cell c : missing) {
                totalCost += CellCost.training(c, science);
            }
            double doneCost = 0;
            while (!pending.isEmpty()) {
                for (java.util.Iterator<JavaFutureAction<List<SourceOutcome>>> it = pending.iterator(); it.hasNext(); ) {
                    JavaFutureAction<List<SourceOutcome>> f = it.next();
                    if (f.isDone()) {
                        SourceOutcome o = f.get().get(0);
                        it.remove();
                        if (o.training() != null) {
                            StoredSources.write(results, run, o.training());
                            out.put(o.cell(), o.training());
                        } else {
                            failed.put(o.cell(), o.error());
                        }
                        done++;
                        doneCost += CellCost.training(o.cell(), science);
                        long in = clock.millis() - t0;
                        if (o.training() == null) {
                            progress.note(String.format(java.util.Locale.ROOT, "chipsweep run: shared training %s"
                                    + " FAILED, so do the cells that deploy it: %s", o.cell().label(), o.error()));
                        } else if (missing.size() > 1) {
                            String eta = pending.isEmpty() ? "" : ", ETA " + Progress.format(java.time.Duration.ofMillis(
                                    (long) (in * (totalCost - doneCost) / doneCost)));
                            progress.note(String.format(java.util.Locale.ROOT, "chipsweep run: shared training %d/%d"
                                    + " done (%s), %s in%s", done, missing.size(), o.cell().label(),
                                    Progress.format(java.time.Duration.ofMillis(in)), eta));
                        }
                    }
                }
                if (!pending.isEmpty()) {
                    Thread.sleep(100);
                }
            }
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the shared trainings ran", e);
        } finally {
            for (JavaFutureAction<?> f : pending) {
                f.cancel(true);
            }
            jsc.clearJobGroup();
        }
        progress.note(String.format(java.util.Locale.ROOT, "chipsweep run: shared trainings done in %.1f s%s",
                (clock.millis() - t0) / 1000.0, failed.isEmpty() ? "" : " (" + failed.size() + " FAILED)"));
        return new Trained(out, failed);
    }

    /**
     * The shared trainings the cells deploy, and those that threw (source cell -> the error): a cell that deploys
     * a failed one becomes a FAILED row naming it, like a cell that throws, and the run goes on.
     */
    record Trained(Map<Cell, CellRunner.SourceTraining> trained, Map<Cell, String> failed) implements Serializable {
    }

    /** One shared training's outcome, made in the task: the training, or the error it threw. */
    record SourceOutcome(Cell cell, CellRunner.SourceTraining training, String error) implements Serializable {
        static SourceOutcome train(Science science, TaskData data, Cell source) {
            try {
                return new SourceOutcome(source, new CellRunner(science, data, Clock.systemUTC()).trainSource(source),
                        null);
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                return new SourceOutcome(source, null, CellRunner.describe(e));
            }
        }
    }

    /**
     * Starts {@link ResultsDir#warmUpWriter} in the background with made-up rows shaped like {@code sample}'s
     * (a FAILED result, never committed), so that the first wave's commit does not pay for setting up the write
     * path; its one-row write tasks queue behind the wave's cells and run as the wave's last cells finish.
     * Returns null if there is nothing to run.
     */
    private Thread warmUpWriter(Cell sample) {
        if (sample == null) {
            return null;
        }
        CellSeeds seeds = CellSeeds.of(science.globalSeed(), science.network().layers(), sample);
        CellResult fake = new CellResult(sample, CellResult.Status.FAILED, "warm-up", Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0.0, 0L, 0L, seeds,
                List.of(new TracePoint(1, 0.0, 0.0, 0.0, 0.0, Double.NaN, Double.NaN)));
        ResultRows.Attempt a = new ResultRows.Attempt(CellIds.cellId(run.scienceSha256(), sample), runId + "-warm-up", 0,
                "driver", System.getProperty("java.version"), System.getProperty("os.arch"));
        Row cellRow = ResultRows.toRow(ResultRows.cell(fake, run, a), ResultSchema.CELLS);
        Row traceRow = ResultRows.toRow(ResultRows.traces(fake, run, a).get(0), ResultSchema.TRACES);
        Thread t = new Thread(() -> results.warmUpWriter(spark, cellRow, traceRow), "chipsweep-warm-up");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** A cell's result plus where it ran. */
    record Outcome(CellResult result, ResultRows.Attempt attempt) implements Serializable {
    }

    /** The task body: one cell, in-process, through {@link CellRunner}. */
    private static final class RunCell implements Function<Cell, Outcome> {
        private static final long serialVersionUID = 1L;
        private final Science science;
        private final Broadcast<TaskData> data;
        private final Broadcast<Trained> sources;
        private final String runId;
        private final String scienceSha;
        private final int wave;

        RunCell(Science science, Broadcast<TaskData> data, Broadcast<Trained> sources,
                String runId, String scienceSha, int wave) {
            this.science = science;
            this.data = data;
            this.sources = sources;
            this.runId = runId;
            this.scienceSha = scienceSha;
            this.wave = wave;
        }

        @Override
        public Outcome call(Cell cell) {
            Trained shared = sources.value();
            CellResult r = new CellRunner(science, data.value(), Clock.systemUTC(), true, source -> {
                CellRunner.SourceTraining t = shared.trained().get(source);
                if (t != null) {
                    return t;
                }
                String error = shared.failed().get(source);
                throw new IllegalStateException(error != null ? "its shared training (" + source.label()
                        + ") failed: " + error : "no trained source for " + source.label());
            }).run(cell);
            String id = CellIds.cellId(scienceSha, cell);
            return new Outcome(r, new ResultRows.Attempt(id, runId + "-w" + wave + "-" + id, wave, localHost(),
                    System.getProperty("java.version"), System.getProperty("os.arch")));
        }
    }

    public static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    /** Feeds task starts and ends of this run's jobs to the progress line. */
    private static final class Listener extends SparkListener {
        private final Progress progress;
        private final Science science;
        private volatile List<Cell> wave = List.of();
        private final java.util.Set<Integer> stages = java.util.concurrent.ConcurrentHashMap.newKeySet();

        Listener(Progress progress, Science science) {
            this.progress = progress;
            this.science = science;
        }

        void beginWave(List<Cell> cells) {
            wave = cells;
        }

        @Override
        public void onJobStart(SparkListenerJobStart job) {
            String group = job.properties() == null ? null : job.properties().getProperty("spark.jobGroup.id");
            if (group != null && group.startsWith("chipsweep-wave-")) {
                for (Object id : scala.jdk.javaapi.CollectionConverters.asJava(job.stageIds())) {
                    stages.add((Integer) id);
                }
            }
        }

        @Override
        public void onTaskStart(SparkListenerTaskStart start) {
            if (stages.contains(start.stageId())) {
                progress.taskStarted();
            }
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            if (!stages.contains(end.stageId())) {
                return;
            }
            if (!"Success".equals(String.valueOf(end.reason()))) {
                progress.taskFailed();
                return;
            }
            int idx = end.taskInfo().index();
            List<Cell> w = wave;
            double cost = idx >= 0 && idx < w.size() ? Method.expectedCost(w.get(idx), science) : 0;
            progress.taskEnded(cost);
        }
    }
}
