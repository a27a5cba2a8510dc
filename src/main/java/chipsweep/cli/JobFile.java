package chipsweep.cli;

import chipsweep.InputException;
import chipsweep.chip.DistortionSettings;
import chipsweep.chip.Distortions;
import chipsweep.chip.Network;
import chipsweep.sweep.DeploymentSettings;
import chipsweep.sweep.Experiment;
import chipsweep.sweep.Job;
import chipsweep.sweep.Method;
import chipsweep.sweep.Model;
import chipsweep.sweep.Science;
import chipsweep.train.BinarySettings;
import chipsweep.train.BpSettings;
import chipsweep.train.MhSettings;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads job files (JSON with comments; format in the README) into validated {@link Job} records. Unknown
 * fields, wrong types, empty or repeated axis values and out-of-range settings are rejected with one line
 * naming the file, the field and the value. Omitted settings take the METHOD.md defaults; {@link JobJson}
 * writes the job back with every value explicit.
 *
 * <p>Example: {@code Job job = JobFile.read(Path.of("jobs/quickstart.json"));}
 *
 * <p>Thread-safety: stateless.
 */
public final class JobFile {
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_YAML_COMMENTS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Set<String> TOP = Set.of("name", "description", "global_seed", "dataset", "network", "chip",
            "readout", "mh", "bp", "deployment", "model", "cuba", "itl", "bisnn", "binary", "buchel", "experiments");
    /** The settings blocks of the LIF model (Safa 2024), which no other model takes. */
    private static final List<String> LIF_BLOCKS = List.of("network", "chip", "readout", "mh", "bp", "binary");
    /** The LIF blocks a cuba job does not take: all but {@code mh}, whose method runs on both models. */
    private static final List<String> LIF_ONLY_BLOCKS = List.of("network", "chip", "readout", "bp", "binary");
    /** The settings blocks of the current-based model (Cramer 2022), which a lif job does not take. */
    private static final List<String> CUBA_BLOCKS = List.of("cuba", "itl");
    /** The data "path" of a task each cell generates. */
    static final String GENERATED = "(generated per cell)";
    /** The settings block of the BiSNN model (Jang et al.). */
    private static final List<String> BISNN_BLOCKS = List.of("bisnn");
    /** The settings block of the Büchel model; it holds its own eval_chips, so it takes no deployment block. */
    private static final List<String> BUCHEL_BLOCKS = List.of("buchel");

    private JobFile() {
    }

    /** Reads and validates {@code file}; the data set path is resolved against the job file's folder. */
    public static Job read(Path file) {
        String src = file.toString();
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InputException(src + ": job file not found");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InputException(src + ": the job file is not UTF-8 text (a job file is JSON, with // and # comments)");
        } catch (IOException e) {
            throw new InputException(src + ": cannot read job file: " + e.getMessage());
        }
        return parse(src, text, file.toAbsolutePath().getParent());
    }

    /**
     * Parses and validates a job file's text read from elsewhere (a results folder's {@code job.json} on any
     * filesystem); a relative data set path is resolved against {@code base}, or left as it is if null.
     */
    static Job parse(String src, String text, Path base) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InputException(src + ": invalid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new InputException(src + ": empty job file");
        }
        return parse(src, root, base);
    }

    static Job parse(String src, JsonNode root, Path base) {
        JsonObject top = new JsonObject(src, "", root, TOP);
        String name = top.text("name", null);
        if (!NAME.matcher(name).matches()) {
            throw top.invalid("name", "must be letters, digits, '.', '_' or '-' (it names the results folder)", name);
        }
        String description = top.text("description", "");
        long globalSeed = top.integer("global_seed", 0);
        Model model;
        try {
            model = Model.of(top.text("model", Model.LIF.id()));
        } catch (IllegalArgumentException e) {
            throw top.invalid("model", "must be one of lif, cuba, bisnn, buchel", top.raw("model"));
        }
        List<String> foreign = new ArrayList<>();
        foreign.addAll(model == Model.LIF ? List.of() : model == Model.CUBA ? LIF_ONLY_BLOCKS : LIF_BLOCKS);
        foreign.addAll(model == Model.CUBA ? List.of() : CUBA_BLOCKS);
        foreign.addAll(model == Model.BISNN ? List.of() : BISNN_BLOCKS);
        foreign.addAll(model == Model.BUCHEL ? List.of("deployment") : BUCHEL_BLOCKS);
        for (String block : foreign) {
            if (top.has(block)) {
                throw top.invalid(block, "does not apply to model " + model.id(), top.raw(block));
            }
        }

        boolean generates = model == Model.BISNN || model == Model.BUCHEL;
        JsonObject ds = top.object("dataset", generates ? Set.of("name")
                : Set.of("name", "path", "train_fraction", "sha256"));
        if (generates) {
            String task = model == Model.BISNN ? "two-moons" : "temporal-xor";
            String generated = ds.text("name", task);
            if (!generated.equals(task)) {
                throw ds.invalid("name", "must be " + task + " (model " + model.id() + " generates its data)", generated);
            }
        }
        String dsPath = generates ? GENERATED : ds.text("path", null);
        Path resolved = generates || base == null ? Path.of(dsPath) : base.resolve(dsPath).normalize();
        String dsName = ds.text("name", stem(resolved));
        if (model == Model.CUBA && ds.has("train_fraction")) {
            throw ds.invalid("train_fraction", "does not apply to model cuba (the IDX files give the train and test "
                    + "sets)", ds.raw("train_fraction"));
        }
        double trainFraction = ds.number("train_fraction", 0.7);
        String dsSha = ds.has("sha256") ? ds.text("sha256", null) : null;

        JsonObject nw = top.object("network", Set.of("layers", "steps", "beta", "theta"));
        Network net = build(src, nw, () -> new Network(
                nw.intList("layers", List.of(30, 20, 2)).stream().mapToInt(Integer::intValue).toArray(),
                nw.int32("steps", 20), nw.number("beta", 0.9), nw.number("theta", 1.0)));

        JsonObject ch = top.object("chip", Set.of("quantize_bits", "quantize_max"));
        DistortionSettings chip = build(src, ch, () -> new DistortionSettings(
                ch.int32("quantize_bits", 7), ch.number("quantize_max", 2.0)));

        JsonObject ro = top.object("readout", Set.of("gamma"));
        double gamma = ro.number("gamma", 10.0);
        if (!(gamma > 0)) {
            throw ro.invalid("gamma", "must be > 0", gamma);
        }

        MhSettings d = MhSettings.DEFAULTS;
        JsonObject mhNode = top.object("mh", Set.of("iterations", "burn_in", "initial_step", "adapt_every",
                "target_acceptance", "prior_sd", "likelihood_n0", "trace_every", "chains", "plateau_share", "average"));
        MhSettings mh = build(src, mhNode, () -> new MhSettings(
                mhNode.int32("iterations", d.iterations()),
                mhNode.int32("burn_in", d.burnIn()),
                mhNode.number("initial_step", d.initialStep()),
                mhNode.int32("adapt_every", d.adaptEvery()),
                mhNode.number("target_acceptance", d.targetAcceptance()),
                mhNode.number("prior_sd", d.priorSd()),
                mhNode.number("likelihood_n0", d.likelihoodN0()), gamma,
                mhNode.int32("trace_every", d.traceEvery()),
                mhNode.int32("chains", d.chains()),
                mhNode.number("plateau_share", d.plateauShare()),
                MhSettings.Average.of(mhNode.text("average", d.average().id()))));

        BpSettings b = BpSettings.DEFAULTS;
        JsonObject bpNode = top.object("bp", Set.of("learning_rate", "adam_beta1", "adam_beta2", "adam_epsilon",
                "batch_size", "epochs", "surrogate_slope"));
        BpSettings bp = build(src, bpNode, () -> new BpSettings(
                bpNode.number("learning_rate", b.learningRate()), bpNode.number("adam_beta1", b.beta1()),
                bpNode.number("adam_beta2", b.beta2()), bpNode.number("adam_epsilon", b.epsilon()),
                bpNode.int32("batch_size", b.batchSize()),
                bpNode.int32("epochs", b.epochs()),
                bpNode.number("surrogate_slope", b.surrogateSlope()), gamma));

        JsonObject depNode = top.object("deployment", Set.of("eval_chips", "source_chip"));
        DeploymentSettings deployment = build(src, depNode, () -> new DeploymentSettings(
                depNode.int32("eval_chips", DeploymentSettings.DEFAULTS.evalChips()),
                depNode.int32("source_chip", DeploymentSettings.DEFAULTS.sourceChip())));

        BinarySettings bd = BinarySettings.DEFAULTS;
        JsonObject binNode = top.object("binary", Set.of("scale", "lr_bayes", "rho", "temperature", "prior_p",
                "initial_flips"));
        BinarySettings binary = build(src, binNode, () -> new BinarySettings(binNode.number("scale", bd.scale()),
                binNode.number("lr_bayes", bd.lrBayes()), binNode.number("rho", bd.rho()),
                binNode.number("temperature", bd.temperature()), binNode.number("prior_p", bd.priorP()),
                binNode.number("initial_flips", bd.initialFlips())));

        Science lif = build(src, ds, () -> new Science(globalSeed, trainFraction, net, chip, mh, bp, deployment)
                .withBinary(binary));
        Science science = model == Model.CUBA ? lif.withCuba(CubaBlocks.read(src, top))
                : model == Model.BISNN ? lif.withBisnn(BisnnBlock.read(src, top))
                : model == Model.BUCHEL ? lif.withBuchel(BuchelBlock.read(src, top)) : lif;

        JsonNode exps = top.raw("experiments");
        if (exps == null || exps.isNull()) {
            throw top.missing("experiments");
        }
        if (!exps.isArray() || exps.isEmpty()) {
            throw top.invalid("experiments", "must be a non-empty array of experiments", exps);
        }
        List<Experiment> experiments = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < exps.size(); i++) {
            Experiment e = experiment(src, "experiments[" + i + "]", exps.get(i), model, base);
            if (!names.add(e.name())) {
                throw InputException.field(src, "experiments[" + i + "].name", "must be unique", e.name());
            }
            experiments.add(e);
        }
        Job.DatasetRef own = new Job.DatasetRef(dsName, resolved.toString(), dsSha);
        checkTasks(src, own, experiments);
        return new Job(name, description, science, own, experiments);
    }

    private static Experiment experiment(String src, String path, JsonNode node, Model model, Path base) {
        JsonObject e = new JsonObject(src, path, node, model == Model.CUBA
                ? Set.of("name", "distortion", "sigma", "train_size", "method", "seed", "hidden", "rho_b", "dataset")
                : model == Model.BISNN ? Set.of("name", "distortion", "sigma", "train_size", "method", "seed", "hidden")
                : model == Model.BUCHEL ? Set.of("name", "distortion", "sigma", "train_size", "method", "seed", "bits",
                        "death")
                : Set.of("name", "distortion", "sigma", "train_size", "method", "seed", "budget"));
        String name = e.text("name", null);
        List<String> distortions = e.textList("distortion", model == Model.BISNN ? List.of("none")
                : model == Model.BUCHEL ? List.of("mismatch") : null);
        List<String> kinds = model == Model.CUBA ? Distortions.CUBA_KINDS : model == Model.BISNN ? List.of()
                : model == Model.BUCHEL ? List.of("mismatch") : Distortions.KINDS;
        for (String dname : distortions) {
            boolean ok;
            try {
                ok = kinds.containsAll(Distortions.parts(dname));
            } catch (IllegalArgumentException ex) {
                ok = false;
            }
            if (model == Model.BUCHEL && !dname.equals("mismatch")) {
                throw e.invalid("distortion", "must be mismatch for model buchel (death and quantisation are the "
                        + "death and bits axes)", dname);
            }
            if (!ok) {
                throw e.invalid("distortion", "must be one of none, " + String.join(", ", kinds)
                        + (model == Model.LIF ? " or a composition like mismatch+nonlin" : "") + " for model "
                        + model.id(), dname);
            }
        }
        List<Double> sigmas = e.numberList("sigma", model == Model.BISNN ? List.of(0.0) : null);
        for (double s : sigmas) {
            if (model == Model.BISNN && s != 0) {
                throw e.invalid("sigma", "must be 0 for model bisnn (its two-moons network runs on no chip yet)", s);
            }
            if (!(s >= 0)) {
                throw e.invalid("sigma", "must be >= 0", s);
            }
            if (model == Model.BUCHEL && !(s <= 1)) {
                throw e.invalid("sigma", "must be <= 1 for model buchel (a relative mismatch)", s);
            }
        }
        List<Integer> sizes = e.intList("train_size", null);
        for (int n : sizes) {
            if (n < 2) {
                throw e.invalid("train_size", "must be >= 2 (one sample of each class)", n);
            }
        }
        List<Method> methods = new ArrayList<>();
        for (String m : e.textList("method", null)) {
            Method method = null;
            try {
                method = Method.of(m);
            } catch (IllegalArgumentException ex) {
                // refused below
            }
            if (method == null || !method.runsOn(model)) {
                throw e.invalid("method", "must be one of " + Method.names(model) + " for model " + model.id(), m);
            }
            methods.add(method);
        }
        List<Integer> seeds = e.intList("seed", null);
        for (int s : seeds) {
            if (s < 0) {
                throw e.invalid("seed", "must be >= 0", s);
            }
        }
        boolean warm = methods.stream().anyMatch(Method::warm);
        List<Double> budgets = List.of();
        if (e.has("budget")) {
            if (!warm) {
                throw e.invalid("budget", "applies only to mh-warm and bp-warm, and method has neither",
                        e.raw("budget"));
            }
            budgets = e.numberList("budget", null);
            for (double b : budgets) {
                if (!(b >= 0 && b <= 1)) {
                    throw e.invalid("budget", "must be a fraction in [0, 1] of the cold method's iterations or epochs", b);
                }
            }
        } else if (warm) {
            throw e.missing("budget");
        }
        java.util.SortedMap<String, List<Double>> params = new java.util.TreeMap<>();
        if (model == Model.BUCHEL) {
            if (e.has("bits")) {
                List<Double> bits = new ArrayList<>();
                for (int b : e.intList("bits", null)) {
                    if (!(b == 0 || (b >= 1 && b <= 16))) {
                        throw e.invalid("bits", "must be 0 (full precision) or in [1, 16]", b);
                    }
                    bits.add((double) b);
                }
                params.put("bits", bits);
            }
            if (e.has("death")) {
                List<Double> death = e.numberList("death", null);
                for (double d : death) {
                    if (!(d >= 0 && d < 1)) {
                        throw e.invalid("death", "must be a share in [0, 1)", d);
                    }
                }
                params.put("death", death);
            }
        } else if (model != Model.LIF) {
            if (e.has("hidden")) {
                List<Double> hidden = new ArrayList<>();
                for (int h : e.intList("hidden", null)) {
                    if (h < 1) {
                        throw e.invalid("hidden", "must be >= 1", h);
                    }
                    hidden.add((double) h);
                }
                params.put("hidden", hidden);
            }
            if (model == Model.CUBA && e.has("rho_b")) {
                List<Double> rho = e.numberList("rho_b", null);
                for (double r : rho) {
                    if (!(r >= 0)) {
                        throw e.invalid("rho_b", "must be >= 0", r);
                    }
                }
                params.put("rho_b", rho);
            }
        }
        Job.DatasetRef dataset = null;
        if (e.has("dataset")) {
            // an experiment of the current-based model may run on a data set of its own (its task)
            JsonObject ds = e.object("dataset", Set.of("name", "path", "sha256"));
            String dsPath = ds.text("path", null);
            Path resolved = base == null ? Path.of(dsPath) : base.resolve(dsPath).normalize();
            String dsName = ds.text("name", stem(resolved));
            if (!NAME.matcher(dsName).matches()) {
                throw ds.invalid("name", "must be letters, digits, '.', '_' or '-'", dsName);
            }
            dataset = new Job.DatasetRef(dsName, resolved.toString(), ds.has("sha256") ? ds.text("sha256", null) : null);
        }
        return new Experiment(name, distortions, sigmas, sizes, methods, seeds, budgets, params, dataset);
    }

    /**
     * Refuses two data sets under one name: the job's and every experiment's {@code dataset} must agree on the path
     * and pinned hash of a name, since the name identifies the task in the results.
     */
    private static void checkTasks(String src, Job.DatasetRef job, List<Experiment> experiments) {
        java.util.Map<String, Job.DatasetRef> seen = new java.util.HashMap<>();
        seen.put(job.name(), job);
        for (int i = 0; i < experiments.size(); i++) {
            Job.DatasetRef ref = experiments.get(i).dataset();
            if (ref == null) {
                continue;
            }
            Job.DatasetRef before = seen.putIfAbsent(ref.name(), ref);
            if (before != null && !before.equals(ref)) {
                throw InputException.field(src, "experiments[" + i + "].dataset", "names data set '" + ref.name()
                        + "' with another path or sha256 than before (" + before.path() + "); give it another name",
                        ref.path());
            }
        }
    }

    /**
     * Runs a settings record's constructor, turning its IllegalArgumentException into a message naming the file
     * and the field: the records' messages start with the job-file name of the setting ("burn_in must be ..."),
     * which becomes the dotted field {@code mh.burn_in}; any other message names the block.
     */
    static <T> T build(String src, JsonObject block, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            String m = String.valueOf(e.getMessage());
            int space = m.indexOf(' ');
            if (space > 0 && block.knows(m.substring(0, space))) {
                throw new InputException(src + ": field '" + block.qualified(m.substring(0, space)) + "': "
                        + m.substring(space + 1), e);
            }
            throw new InputException(src + ": field '" + block.path() + "': " + m, e);
        }
    }

    private static String stem(Path p) {
        String f = p.getFileName() == null ? "data" : p.getFileName().toString();
        int dot = f.indexOf('.');
        return dot > 0 ? f.substring(0, dot) : f;
    }
}
