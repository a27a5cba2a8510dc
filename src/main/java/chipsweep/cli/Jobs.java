package chipsweep.cli;

import chipsweep.InputException;
import chipsweep.data.Dataset;
import chipsweep.data.IdxReader;
import chipsweep.data.ImageDataset;
import chipsweep.data.TaskData;
import chipsweep.data.Split;
import chipsweep.data.WdbcLoader;
import chipsweep.rng.Streams;
import chipsweep.sweep.CellIds;
import chipsweep.sweep.Experiment;
import chipsweep.sweep.Job;
import chipsweep.sweep.Model;
import chipsweep.sweep.RunInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A job loaded for running: the validated job file, its data set (from the job or {@code --data}), and the
 * checks that need both (train sizes within the pool, a pinned content hash).
 *
 * <p>Thread-safety: immutable.
 */
record Jobs(Job job, TaskData data, String dataSha256, String jobFile, String jobFileSha256) {

    /**
     * The job's tasks, each loaded as a job of its own ({@link Job#forTask}), in the job's order. {@code --data}
     * replaces the data set of a job of one task only.
     */
    static List<Jobs> tasks(Path jobFile, Path dataOverride) {
        Job job = read(jobFile, dataOverride);
        List<Jobs> out = new java.util.ArrayList<>();
        for (String name : job.tasks().keySet()) {
            out.add(load(jobFile, job.forTask(name), dataOverride, job));
        }
        return out;
    }

    /**
     * The one task of a job, or task {@code task} (null: the job must have one task); only that task's data is
     * loaded.
     */
    static Jobs load(Path jobFile, Path dataOverride, String task) {
        Job job = read(jobFile, dataOverride);
        List<String> names = List.copyOf(job.tasks().keySet());
        if (task == null && names.size() == 1) {
            return load(jobFile, job.forTask(names.get(0)), dataOverride, job);
        }
        if (task == null) {
            throw new InputException(jobFile + ": the job runs " + names.size() + " data sets (" + String.join(", ", names)
                    + "); choose one with --task");
        }
        if (!names.contains(task)) {
            throw new InputException("option '--task': must be one of " + String.join(", ", names) + " (the data sets of "
                    + jobFile + "), but was " + task);
        }
        return load(jobFile, job.forTask(task), dataOverride, job);
    }

    /** The job file, refusing {@code --data} for a job of several tasks. */
    private static Job read(Path jobFile, Path dataOverride) {
        Job job = JobFile.read(jobFile);
        java.util.Set<String> names = job.tasks().keySet();
        if (names.size() > 1 && dataOverride != null) {
            throw new InputException(jobFile + ": --data replaces the data set of a job of one task, and this job runs "
                    + names.size() + " (" + String.join(", ", names) + "); set each experiment's dataset.path instead");
        }
        return job;
    }

    static Jobs load(Path jobFile, Path dataOverride) {
        return load(jobFile, dataOverride, null);
    }

    /** Task {@code job} of {@code whole} (the job as its file reads, for the positions of its experiments). */
    private static Jobs load(Path jobFile, Job job, Path dataOverride, Job whole) {
        if (dataOverride != null) {
            job = job.withDataset(new Job.DatasetRef(job.dataset().name(), dataOverride.toString(),
                    job.dataset().sha256()));
        }
        if (job.science().model() == Model.BISNN || job.science().model() == Model.BUCHEL) {
            boolean bisnn = job.science().model() == Model.BISNN;
            if (dataOverride != null) {
                throw new InputException(jobFile + ": --data does not apply to model " + job.science().model().id()
                        + " (each cell generates its " + (bisnn ? "two moons" : "temporal XOR trials") + ")");
            }
            TaskData generated = bisnn ? job.science().bisnn().data() : job.science().buchel().data();
            checkTrainSizes(jobFile, job, whole, poolSize(generated, 0.7), "the generated training points ");
            return new Jobs(job.withDataset(new Job.DatasetRef(job.dataset().name(), job.dataset().path(),
                    generated.contentSha256())), generated, generated.contentSha256(), jobFile.toString(),
                    fileSha256(jobFile));
        }
        Path dataPath = Path.of(job.dataset().path());
        String field = datasetField(whole, job.dataset().name());
        if (dataOverride == null && !Files.exists(dataPath)) {
            throw InputException.field(jobFile.toString(), field + ".path", "file not found", dataPath.toString());
        }
        boolean images = job.science().model() == Model.CUBA;
        if (images && !Files.isDirectory(dataPath)) {
            throw InputException.field(jobFile.toString(), field + ".path", "must be a folder of IDX files for model cuba",
                    dataPath.toString());
        }
        TaskData data = images ? IdxReader.load(job.dataset().name(), dataPath) : WdbcLoader.load(dataPath);
        String sha = data.contentSha256();
        if (job.dataset().sha256() != null && !job.dataset().sha256().equals(sha)) {
            throw InputException.field(jobFile.toString(), field + ".sha256",
                    "does not match the content of " + dataPath + " (" + sha + ")", job.dataset().sha256());
        }
        if (data instanceof Dataset table && table.features() != job.science().network().inputs()) {
            throw InputException.field(jobFile.toString(), "network.layers",
                    "the first layer must equal the data's " + table.features() + " features",
                    job.science().network().inputs());
        }
        checkTrainSizes(jobFile, job, whole, poolSize(data, job.science().trainFraction()),
                images ? "the train set's size " : "the train pool size ");
        return new Jobs(job.withDataset(new Job.DatasetRef(job.dataset().name(), job.dataset().path(), sha)), data, sha,
                jobFile.toString(), fileSha256(jobFile));
    }

    /** Where the job file names data set {@code name}: {@code dataset}, or the first experiment's that names it. */
    private static String datasetField(Job whole, String name) {
        List<Experiment> es = whole.experiments();
        for (int i = 0; i < es.size(); i++) {
            if (es.get(i).dataset() != null && es.get(i).dataset().name().equals(name)) {
                return "experiments[" + i + "].dataset";
            }
        }
        return "dataset";
    }

    private static void checkTrainSizes(Path jobFile, Job job, Job whole, int pool, String poolName) {
        List<String> order = whole.experiments().stream().map(Experiment::name).toList();
        for (Experiment e : job.experiments()) {
            for (int n : e.trainSizes()) {
                if (n > pool) {
                    throw InputException.field(jobFile.toString(), "experiments[" + order.indexOf(e.name())
                            + "].train_size", "must be <= " + poolName + pool, n);
                }
            }
        }
    }

    private static String fileSha256(Path jobFile) {
        try {
            return CellIds.sha256(Files.readAllBytes(jobFile));
        } catch (IOException e) {
            throw new InputException(jobFile + ": cannot read job file: " + e.getMessage());
        }
    }

    /**
     * The most training samples a cell can take: WDBC's stratified train pool (the same for every seed: per class,
     * a fixed rounded share), or an image data set's train set.
     */
    static int poolSize(TaskData data, double trainFraction) {
        if (data instanceof ImageDataset images) {
            return images.train().size();
        }
        if (data instanceof chipsweep.data.GeneratedData) {
            return ((chipsweep.data.GeneratedData) data).maxTrain();
        }
        return Split.stratified((Dataset) data, trainFraction, Streams.generator(0)).poolSize();
    }

    int poolSize() {
        return poolSize(data, job.science().trainFraction());
    }

    /** Hash of the scientific settings and the data content: part of every cell id. */
    String scienceSha256() {
        return CellIds.sha256(JobJson.canonical(JobJson.science(job.science(), job.dataset().name())) + "|" + dataSha256);
    }

    RunInfo runInfo(String sparkVersion) {
        return new RunInfo(job.name(), job.dataset().name(), jobFile, jobFileSha256, scienceSha256(), job.dataset().path(),
                dataSha256, CodeVersion.get(), sparkVersion, job.science().model().id());
    }
}
