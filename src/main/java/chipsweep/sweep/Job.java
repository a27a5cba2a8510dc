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
     * Every distinct cell, in declared order (experiment by experiment, each in axis order; a warm method's
     * budgets vary just above the seed).
     */
    public List<Cell> cells() {
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

    /** The same job reading its data from {@code path} instead. */
    public Job withDataset(DatasetRef ref) {
        return new Job(name, description, science, ref, experiments);
    }
}
