package chipsweep.sweep;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A sweep job as read from a job file: its name, the scientific settings, the data set it runs on, and one
 * or more experiments. {@link #cells()} expands the grid; a cell that two experiments share appears once.
 *
 * <p>Thread-safety: immutable.
 */
public record Job(String name, String description, Science science, DatasetRef dataset, List<Experiment> experiments)
        implements Serializable {
    public Job {
        experiments = List.copyOf(experiments);
        if (experiments.isEmpty()) {
            throw new IllegalArgumentException("a job needs at least one experiment");
        }
    }

    /**
     * Where the data come from: a short name for tables, the file, and optionally the content hash the data
     * must have ({@link CellIds#contentSha256}; null: not pinned).
     */
    public record DatasetRef(String name, String path, String sha256) implements Serializable {
    }

    /**
     * The job's tasks, by data set name, in the order the experiments first name them (an experiment without a
     * data set of its own runs on the job's). One entry for most jobs; the current-based model's jobs may run, say,
     * Fashion-MNIST and MNIST side by side. Each task runs as {@link #forTask its own job}: its own science hash,
     * data and cell ids.
     */
    public java.util.Map<String, DatasetRef> tasks() {
        java.util.Map<String, DatasetRef> out = new java.util.LinkedHashMap<>();
        for (Experiment e : experiments) {
            DatasetRef ref = e.dataset() == null ? dataset : e.dataset();
            out.putIfAbsent(ref.name(), ref);
        }
        return out;
    }

    /**
     * Task {@code name} as a job of its own: that data set and the experiments that run on it, each on the job's
     * data set. For a job of one task, the job itself. The job's own data set keeps the cell ids it had before
     * experiments could name others.
     */
    public Job forTask(String name) {
        DatasetRef ref = tasks().get(name);
        if (ref == null) {
            throw new IllegalArgumentException("job " + this.name + " has no task " + name + "; it has "
                    + String.join(", ", tasks().keySet()));
        }
        if (tasks().size() == 1 && name.equals(dataset.name())) {
            return this;
        }
        List<Experiment> mine = new ArrayList<>();
        for (Experiment e : experiments) {
            String task = e.dataset() == null ? dataset.name() : e.dataset().name();
            if (task.equals(name)) {
                mine.add(e.withDataset(null));
            }
        }
        return new Job(this.name, description, science, ref, mine);
    }

    /** The same job with task {@code name}'s data set replaced by {@code ref} (e.g. with its content hash). */
    public Job withTask(String name, DatasetRef ref) {
        List<Experiment> es = new ArrayList<>();
        for (Experiment e : experiments) {
            es.add(e.dataset() != null && e.dataset().name().equals(name) ? e.withDataset(ref) : e);
        }
        return new Job(this.name, description, science, dataset.name().equals(name) ? ref : dataset, es);
    }

    /**
     * Every distinct cell, in declared order (experiment by experiment, each in axis order; a warm method's
     * budgets vary just above the seed).
     */
    public List<Cell> cells() {
        if (tasks().size() > 1) {
            throw new IllegalStateException("job " + name + " runs " + tasks().size() + " data sets: take the cells of"
                    + " each task (forTask), whose ids differ even where their fields agree");
        }
        Set<Cell> cells = new LinkedHashSet<>();
        for (Experiment e : experiments) {
            for (String d : e.distortions()) {
                for (double s : e.sigmas()) {
                    for (int n : e.trainSizes()) {
                        for (Method m : e.methods()) {
                            List<Double> budgets = m.warm() ? e.budgets() : List.of(Cell.NO_BUDGET);
                            for (double b : budgets) {
                                for (java.util.SortedMap<String, Double> p : e.paramCombinations()) {
                                    for (int seed : e.seeds()) {
                                        cells.add(new Cell(d, s, n, m, seed, b, p));
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return new ArrayList<>(cells);
    }

    /** The same job reading its own data set from {@code ref} instead. */
    public Job withDataset(DatasetRef ref) {
        return new Job(name, description, science, ref, experiments);
    }
}
