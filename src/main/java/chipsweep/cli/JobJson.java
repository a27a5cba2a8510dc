package chipsweep.cli;

import chipsweep.chip.Network;
import chipsweep.sweep.DeploymentSettings;
import chipsweep.sweep.Experiment;
import chipsweep.sweep.Job;
import chipsweep.sweep.BisnnScience;
import chipsweep.sweep.CubaScience;
import chipsweep.sweep.Method;
import chipsweep.sweep.Model;
import chipsweep.train.BinarySettings;
import chipsweep.train.BisnnSettings;
import chipsweep.train.CubaSettings;
import chipsweep.train.LrSchedule;
import chipsweep.train.MhSettings;
import chipsweep.sweep.Science;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a {@link Job} back as JSON with every setting explicit (the {@code job.json} of a results folder),
 * and compares the scientific settings of two jobs field by field (for {@code --resume}).
 *
 * <p>Thread-safety: stateless.
 */
public final class JobJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private JobJson() {
    }

    /** The scientific settings as a JSON object: everything except name, description, experiments, paths. */
    public static ObjectNode science(Science s, String datasetName) {
        ObjectNode o = F.objectNode();
        o.put("global_seed", s.globalSeed());
        ObjectNode ds = o.putObject("dataset");
        ds.put("name", datasetName);
        if (s.model() == Model.CUBA) {
            cuba(o, s.cuba());
            if (!s.mh().equals(MhSettings.DEFAULTS)) {
                // written only when the job sets it (its mh cells), so that the science hash (and every cell id)
                // of a cuba job without mh is what it was before mh ran on this model
                mh(o, s.mh());
            }
            deployment(o, s);
            return o;
        }
        if (s.model() == Model.BISNN) {
            bisnn(o, s.bisnn());
            deployment(o, s);
            return o;
        }
        if (s.model() == Model.BUCHEL) {
            o.put("model", Model.BUCHEL.id());
            BuchelBlock.write(o, s.buchel());
            return o;
        }
        ds.put("train_fraction", s.trainFraction());
        Network n = s.network();
        ObjectNode nw = o.putObject("network");
        ArrayNode layers = nw.putArray("layers");
        for (int l : n.layers()) {
            layers.add(l);
        }
        nw.put("steps", n.steps());
        nw.put("beta", n.beta());
        nw.put("theta", n.theta());
        ObjectNode ch = o.putObject("chip");
        ch.put("quantize_bits", s.chip().quantizeBits());
        ch.put("quantize_max", s.chip().quantizeMax());
        o.putObject("readout").put("gamma", s.mh().gamma());
        mh(o, s.mh());
        ObjectNode bp = o.putObject("bp");
        bp.put("learning_rate", s.bp().learningRate());
        bp.put("adam_beta1", s.bp().beta1());
        bp.put("adam_beta2", s.bp().beta2());
        bp.put("adam_epsilon", s.bp().epsilon());
        bp.put("batch_size", s.bp().batchSize());
        bp.put("epochs", s.bp().epochs());
        bp.put("surrogate_slope", s.bp().surrogateSlope());
        if (!s.binary().equals(BinarySettings.DEFAULTS)) {
            // written only when set, so that the science hash (and every cell id) of a job without binary-weight
            // settings is what it was before they existed
            ObjectNode bin = o.putObject("binary");
            bin.put("scale", s.binary().scale());
            bin.put("lr_bayes", s.binary().lrBayes());
            bin.put("rho", s.binary().rho());
            bin.put("temperature", s.binary().temperature());
            bin.put("prior_p", s.binary().priorP());
            bin.put("initial_flips", s.binary().initialFlips());
        }
        deployment(o, s);
        return o;
    }

    /** The {@code mh} block. */
    private static void mh(ObjectNode o, MhSettings m) {
        ObjectNode mh = o.putObject("mh");
        mh.put("iterations", m.iterations());
        mh.put("burn_in", m.burnIn());
        mh.put("initial_step", m.initialStep());
        mh.put("adapt_every", m.adaptEvery());
        mh.put("target_acceptance", m.targetAcceptance());
        mh.put("prior_sd", m.priorSd());
        mh.put("likelihood_n0", m.likelihoodN0());
        mh.put("trace_every", m.traceEvery());
        if (!m.singleChain()) {
            // written unless they are METHOD.md's single chain, so that the science hash (and every cell id) of a
            // job with one chain and the plain posterior mean is what it was before these settings existed
            mh.put("chains", m.chains());
            mh.put("plateau_share", m.plateauShare());
            mh.put("average", m.average().id());
        }
    }

    private static void deployment(ObjectNode o, Science s) {
        if (!s.deployment().equals(DeploymentSettings.DEFAULTS)) {
            // written only when asked for, so that the science hash (and every cell id) of a job without
            // deployment questions is what it was before they existed
            ObjectNode dep = o.putObject("deployment");
            dep.put("eval_chips", s.deployment().evalChips());
            dep.put("source_chip", s.deployment().sourceChip());
        }
    }

    /** The block of a bisnn job (see {@link BisnnBlock}). */
    private static void bisnn(ObjectNode o, BisnnScience b) {
        o.put("model", Model.BISNN.id());
        BisnnSettings t = b.training();
        ObjectNode n = o.putObject("bisnn");
        ArrayNode layers = n.putArray("layers");
        t.layers().forEach(layers::add);
        n.put("steps", t.steps());
        n.put("burn_in", t.burnIn());
        n.put("tau_mem", t.neuron().tauMem());
        n.put("tau_syn", t.neuron().tauSyn());
        n.put("tau_ref", t.neuron().tauRef());
        n.put("epochs", t.epochs());
        n.put("batch_size", t.batchSize());
        n.put("lr_fp", t.lrFp());
        n.put("lr_st", t.lrSt());
        n.put("lr_bayes", t.lrBayes());
        n.put("rho", t.rho());
        n.put("temperature", t.temperature());
        n.put("prior_p", t.priorP());
        n.put("ensemble_size", t.ensembleSize());
        n.put("init_sd", t.initSd());
        n.put("init", t.init().id());
        n.put("init_latent", t.initLatent().id());
        n.put("test_points", b.testPoints());
        n.put("grid", b.gridSide());
    }

    /** The blocks of a cuba job (see {@link CubaBlocks}). */
    private static void cuba(ObjectNode o, CubaScience c) {
        o.put("model", Model.CUBA.id());
        ObjectNode cu = o.putObject("cuba");
        cu.put("hidden", c.network().hidden());
        cu.put("steps", c.network().steps());
        cu.put("dt", c.network().dt());
        cu.put("tau_m", c.network().tauM());
        cu.put("tau_s", c.network().tauS());
        cu.put("theta", c.network().theta());
        cu.put("tau_in", c.code().tauIn());
        cu.put("theta_in", c.code().thetaIn());
        cu.put("noise", c.noise());
        cu.put("v_clip", c.vClip());
        CubaSettings t = c.training();
        ObjectNode it = o.putObject("itl");
        it.put("epochs", t.epochs());
        it.put("batch_size", t.batchSize());
        it.put("learning_rate", t.learningRate());
        it.put("adam_beta1", t.beta1());
        it.put("adam_beta2", t.beta2());
        it.put("adam_epsilon", t.epsilon());
        it.put("rho_a", t.rhoA());
        it.put("rho_b", t.rhoB());
        it.put("surrogate_beta", t.surrogateBeta());
        it.put("init_scale", t.initScale());
        it.put("w_max", t.wMax());
        if (!t.schedule().equals(LrSchedule.CONSTANT)) {
            // written only when not constant, so that the science hash (and every cell id) of a job without a
            // schedule is what it was before schedules existed
            it.put("lr_schedule", t.schedule().kind().id());
            if (t.schedule().kind() == LrSchedule.Kind.STEP) {
                it.put("lr_step_every", t.schedule().every());
                it.put("lr_step_factor", t.schedule().factor());
            }
        }
    }

    /** The whole job, every setting explicit, in the job-file format (readable by {@link JobFile#read}). */
    public static ObjectNode job(Job job) {
        ObjectNode o = F.objectNode();
        o.put("name", job.name());
        o.put("description", job.description());
        ObjectNode sci = science(job.science(), job.dataset().name());
        o.put("global_seed", sci.get("global_seed").asLong());
        ObjectNode ds = o.putObject("dataset");
        ds.put("name", job.dataset().name());
        boolean generated = job.science().model() == Model.BISNN || job.science().model() == Model.BUCHEL;
        if (!generated) {
            ds.put("path", job.dataset().path());
        }
        if (job.science().model() == Model.LIF) {
            ds.put("train_fraction", job.science().trainFraction());
        }
        if (job.dataset().sha256() != null && !generated) {
            ds.put("sha256", job.dataset().sha256());
        }
        for (String block : List.of("model", "network", "chip", "readout", "mh", "bp", "binary", "cuba", "itl",
                "bisnn", "buchel", "deployment")) {
            if (sci.has(block)) {
                o.set(block, sci.get(block));
            }
        }
        ArrayNode exps = o.putArray("experiments");
        for (Experiment e : job.experiments()) {
            ObjectNode x = exps.addObject();
            x.put("name", e.name());
            e.distortions().forEach(x.putArray("distortion")::add);
            e.sigmas().forEach(x.putArray("sigma")::add);
            e.trainSizes().forEach(x.putArray("train_size")::add);
            ArrayNode ms = x.putArray("method");
            for (Method m : e.methods()) {
                ms.add(m.id());
            }
            e.seeds().forEach(x.putArray("seed")::add);
            if (!e.budgets().isEmpty()) {
                e.budgets().forEach(x.putArray("budget")::add);
            }
            e.params().forEach((axis, values) -> {
                ArrayNode a = x.putArray(axis);
                for (double v : values) {
                    if (axis.equals("hidden") || axis.equals("bits")) {
                        a.add((int) v);
                    } else {
                        a.add(v);
                    }
                }
            });
            if (e.dataset() != null) {
                ObjectNode eds = x.putObject("dataset");
                eds.put("name", e.dataset().name());
                eds.put("path", e.dataset().path());
                if (e.dataset().sha256() != null) {
                    eds.put("sha256", e.dataset().sha256());
                }
            }
        }
        return o;
    }

    public static String pretty(JsonNode node) {
        try {
            return JobFile.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compact text with keys sorted: the input of the science hash. */
    public static String canonical(JsonNode node) {
        try {
            return JobFile.JSON.copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writeValueAsString(JobFile.JSON.treeToValue(node, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Dotted names of the leaves whose values differ between {@code a} and {@code b} (sorted). */
    public static List<String> differences(JsonNode a, JsonNode b) {
        Map<String, String> fa = new TreeMap<>();
        Map<String, String> fb = new TreeMap<>();
        flatten("", a, fa);
        flatten("", b, fb);
        List<String> diff = new ArrayList<>();
        java.util.Set<String> keys = new java.util.TreeSet<>(fa.keySet());
        keys.addAll(fb.keySet());
        for (String k : keys) {
            String va = fa.get(k);
            String vb = fb.get(k);
            if (va == null || !va.equals(vb)) {
                diff.add(k + " (" + (va == null ? "absent" : va) + " -> " + (vb == null ? "absent" : vb) + ")");
            }
        }
        return diff;
    }

    private static void flatten(String prefix, JsonNode n, Map<String, String> out) {
        if (n != null && n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else {
            out.put(prefix, n == null ? "null" : n.toString());
        }
    }
}
