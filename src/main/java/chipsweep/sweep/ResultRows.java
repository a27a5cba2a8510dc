package chipsweep.sweep;

import chipsweep.rng.Streams;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Turns a {@link CellResult} into the named values of a {@code cells} row and its {@code traces} rows, with the
 * column names of {@link ResultSchema}. The same map is printed by the {@code cell} command, so its JSON keys
 * are the Parquet column names. NaN diagnostics become nulls.
 *
 * <p>Thread-safety: stateless.
 */
public final class ResultRows {
    private ResultRows() {
    }

    /** Where and how a cell ran: ids, wave, and the executor's host and JVM. */
    public record Attempt(String cellId, String attemptId, int wave, String host, String javaVersion, String osArch)
            implements java.io.Serializable {
    }

    /** The cells row as ordered name/value pairs (the wave is also the name of the folder it is committed to). */
    public static Map<String, Object> cell(CellResult r, RunInfo run, Attempt a) {
        Map<String, Object> m = new LinkedHashMap<>();
        Cell c = r.cell();
        m.put("schema_version", ResultSchema.VERSION);
        m.put("job_name", run.jobName());
        m.put("cell_id", a.cellId());
        m.put("attempt_id", a.attemptId());
        m.put("wave", a.wave());
        m.put("dataset", run.datasetName());
        m.put("distortion", c.distortion());
        m.put("sigma", c.sigma());
        m.put("train_size", c.trainSize());
        m.put("seed", c.seed());
        m.put("status", r.status().name());
        m.put("error", r.error());
        m.put("test_accuracy", finite(r.testAccuracy()));
        m.put("train_accuracy", finite(r.trainAccuracy()));
        m.put("map_test_accuracy", finite(r.mapTestAccuracy()));
        m.put("last_test_accuracy", finite(r.lastTestAccuracy()));
        m.put("acceptance_rate", finite(r.acceptanceRate()));
        m.put("burn_in_acceptance_rate", finite(r.burnInAcceptanceRate()));
        m.put("final_step", finite(r.finalStep()));
        m.put("lambda", finite(r.lambda()));
        m.put("final_loss", finite(r.finalLoss()));
        m.put("wall_seconds", r.wallSeconds());
        m.put("executor_host", a.host());
        Map<String, Object> p = new LinkedHashMap<>();
        CellSeeds s = r.seeds();
        p.put("global_seed", s.global());
        p.put("split_seed", s.split());
        p.put("subset_seed", s.subset());
        p.put("chip_seeds", s.chip());
        p.put("init_seed", s.init());
        p.put("train_seed", s.train());
        p.put("noise_seed", s.noise());
        p.put("rng_algorithm", Streams.ALGORITHM);
        p.put("job_file", run.jobFile());
        p.put("job_file_sha256", run.jobFileSha256());
        p.put("science_sha256", run.scienceSha256());
        p.put("dataset_path", run.datasetPath());
        p.put("dataset_sha256", run.datasetSha256());
        p.put("code_version", run.codeVersion());
        p.put("spark_version", run.sparkVersion());
        p.put("java_version", a.javaVersion());
        p.put("os_arch", a.osArch());
        p.put("start_time", new Timestamp(r.startMillis()));
        p.put("end_time", new Timestamp(r.endMillis()));
        m.put("provenance", p);
        CellResult.Deployment d = r.deployment();
        m.put("warm_budget", finite(c.budget()));
        m.put("chip_samples", count(d.chipSamples()));
        m.put("chip_programs", count(d.chipPrograms()));
        m.put("source_chip_samples", count(d.sourceChipSamples()));
        m.put("source_chip_programs", count(d.sourceChipPrograms()));
        m.put("source_chip_seeds", d.sourceChipSeeds());
        m.put("eval_chips", d.fleet().size());
        m.put("fleet_mean_accuracy", finite(d.fleetMean()));
        m.put("fleet_sd_accuracy", finite(d.fleetSd()));
        m.put("fleet_min_accuracy", finite(d.fleetMin()));
        m.put("ideal_test_accuracy", finite(d.idealAccuracy()));
        m.put("model", run.model());
        m.put("params", c.params().isEmpty() ? null : c.params());
        m.put("floor_accuracy", finite(r.metric("floor_accuracy")));
        for (String metric : List.of("hidden_spikes_per_image", "ece", "nll", "entropy_test", "entropy_grid")) {
            m.put(metric, finite(r.metric(metric)));
        }
        for (String series : List.of("reliability_count", "reliability_confidence", "reliability_accuracy",
                "entropy_map")) {
            m.put(series, r.series(series));
        }
        CellResult.ChainStats ch = r.chains();
        boolean mh = ch.count() > 0;
        m.put("mh_chains", mh ? ch.count() : null);
        m.put("deployed_chain", mh ? ch.deployed() : null);
        m.put("collapsed_chains", mh ? ch.collapsed() : null);
        m.put("plateau_share", finite(ch.plateauShare()));
        m.put("plateau_exit", mh && ch.plateauExit() >= 0 ? ch.plateauExit() : null);
        m.put("chain0_plateau_share", finite(ch.firstPlateauShare()));
        m.put("rhat_loss", finite(ch.rhatLoss()));
        m.put("ess_loss", finite(ch.essLoss()));
        m.put("rhat_weights", finite(ch.rhatWeights()));
        m.put("ess_weights", finite(ch.essWeights()));
        m.put("teacher_accuracy", finite(r.metric("teacher_accuracy")));
        m.put("reconstruction_error", finite(r.metric("reconstruction_error")));
        m.put("method", c.method().id());
        return m;
    }

    /** The deployments rows of a result: one per family chip of its fleet evaluation. */
    public static List<Map<String, Object>> deployments(CellResult r, RunInfo run, Attempt a) {
        List<CellResult.FleetChip> fleet = r.deployment().fleet();
        List<Map<String, Object>> rows = new ArrayList<>(fleet.size());
        Cell c = r.cell();
        for (CellResult.FleetChip f : fleet) {
            Map<String, Object> m = attemptKey(c, run, a);
            m.put("warm_budget", finite(c.budget()));
            m.put("chip", f.index());
            m.put("chip_seeds", f.chipSeeds());
            m.put("test_accuracy", f.accuracy());
            m.put("own_test_accuracy", r.testAccuracy());
            m.put("method", c.method().id());
            rows.add(m);
        }
        return rows;
    }

    /** The traces rows of a result . */
    public static List<Map<String, Object>> traces(CellResult r, RunInfo run, Attempt a) {
        List<Map<String, Object>> rows = new ArrayList<>(r.trace().size());
        Cell c = r.cell();
        for (TracePoint t : r.trace()) {
            Map<String, Object> m = attemptKey(c, run, a);
            m.put("point", t.point());
            m.put("log_likelihood", finite(t.logLikelihood()));
            m.put("log_prior", finite(t.logPrior()));
            m.put("acceptance_rate", finite(t.acceptanceRate()));
            m.put("step", finite(t.step()));
            m.put("loss", finite(t.loss()));
            m.put("train_accuracy", finite(t.trainAccuracy()));
            m.put("chain", t.chain() >= 0 ? t.chain() : null);
            m.put("saturated_share", finite(t.saturatedShare()));
            m.put("method", c.method().id());
            rows.add(m);
        }
        return rows;
    }

    /** The leading columns of a {@code traces} or {@code deployments} row (see {@link ResultSchema}). */
    private static Map<String, Object> attemptKey(Cell c, RunInfo run, Attempt a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema_version", ResultSchema.VERSION);
        m.put("job_name", run.jobName());
        m.put("cell_id", a.cellId());
        m.put("attempt_id", a.attemptId());
        m.put("wave", a.wave());
        m.put("distortion", c.distortion());
        m.put("sigma", c.sigma());
        m.put("train_size", c.trainSize());
        m.put("seed", c.seed());
        return m;
    }

    /** A Spark row of {@code schema} from named values (nested structs from nested maps). */
    @SuppressWarnings("unchecked")
    public static Row toRow(Map<String, Object> values, StructType schema) {
        StructField[] fields = schema.fields();
        Object[] v = new Object[fields.length];
        for (int i = 0; i < fields.length; i++) {
            Object x = values.get(fields[i].name());
            if (fields[i].dataType() instanceof StructType st && x instanceof Map<?, ?> nested) {
                x = toRow((Map<String, Object>) nested, st);
            } else if (fields[i].dataType() instanceof org.apache.spark.sql.types.MapType && x instanceof Map<?, ?> m) {
                x = scala.jdk.javaapi.CollectionConverters.asScala(m); // Spark's row encoder wants a Scala map
            }
            v[i] = x;
        }
        return RowFactory.create(v);
    }

    private static Long count(long n) {
        return n >= 0 ? n : null;
    }

    private static Double finite(double d) {
        return Double.isFinite(d) ? d : null;
    }
}
