package chipsweep.sweep;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A named block of a job's grid: the Cartesian product of its axes, expanded in declared order
 * (distortion, sigma, train size, method, seed; the last varies fastest). The warm-start methods also run every
 * value of the {@code budget} axis (the fraction of the cold method's iterations or epochs); the other methods
 * ignore it. A model's own axes ({@code params}: the current-based model's {@code hidden} and {@code rho_b})
 * multiply every cell; they vary just above the seed. An experiment may name its own data set (its task, e.g. the
 * MNIST half of a job on Fashion-MNIST); {@code dataset} null runs it on the job's ({@link Job#tasks()}).
 *
 * <p>Thread-safety: immutable.
 */
public record Experiment(String name, List<String> distortions, List<Double> sigmas, List<Integer> trainSizes,
                         List<Method> methods, List<Integer> seeds, List<Double> budgets,
                         SortedMap<String, List<Double>> params, Job.DatasetRef dataset) implements Serializable {
    public Experiment {
        distortions = List.copyOf(distortions);
        sigmas = List.copyOf(sigmas);
        trainSizes = List.copyOf(trainSizes);
        methods = List.copyOf(methods);
        seeds = List.copyOf(seeds);
        budgets = List.copyOf(budgets);
        SortedMap<String, List<Double>> p = new TreeMap<>();
        if (params != null) {
            params.forEach((k, v) -> p.put(k, List.copyOf(v)));
        }
        params = Collections.unmodifiableSortedMap(p);
        boolean warm = methods.stream().anyMatch(Method::warm);
        if (warm && budgets.isEmpty()) {
            throw new IllegalArgumentException("budget must be given (a non-empty list of fractions in [0, 1]) when "
                    + "method has mh-warm or bp-warm");
        }
        if (!warm && !budgets.isEmpty()) {
            throw new IllegalArgumentException("budget applies only to mh-warm and bp-warm, and method has neither");
        }
    }

    /** An experiment on the job's data set ({@code dataset} null). */
    public Experiment(String name, List<String> distortions, List<Double> sigmas, List<Integer> trainSizes,
                      List<Method> methods, List<Integer> seeds, List<Double> budgets,
                      SortedMap<String, List<Double>> params) {
        this(name, distortions, sigmas, trainSizes, methods, seeds, budgets, params, null);
    }

    /** The same experiment on {@code ref}'s data set (null: the job's). */
    public Experiment withDataset(Job.DatasetRef ref) {
        return new Experiment(name, distortions, sigmas, trainSizes, methods, seeds, budgets, params, ref);
    }

    /** An experiment without model-specific axes. */
    public Experiment(String name, List<String> distortions, List<Double> sigmas, List<Integer> trainSizes,
                      List<Method> methods, List<Integer> seeds, List<Double> budgets) {
        this(name, distortions, sigmas, trainSizes, methods, seeds, budgets, null);
    }

    /** An experiment without warm-start methods. */
    public Experiment(String name, List<String> distortions, List<Double> sigmas, List<Integer> trainSizes,
                      List<Method> methods, List<Integer> seeds) {
        this(name, distortions, sigmas, trainSizes, methods, seeds, List.of());
    }

    /** Every combination of the model-specific axes, in axis order (one empty map without such axes). */
    public List<SortedMap<String, Double>> paramCombinations() {
        List<SortedMap<String, Double>> out = new ArrayList<>();
        out.add(new TreeMap<>());
        for (Map.Entry<String, List<Double>> axis : params.entrySet()) {
            List<SortedMap<String, Double>> next = new ArrayList<>();
            for (SortedMap<String, Double> base : out) {
                for (double v : axis.getValue()) {
                    SortedMap<String, Double> m = new TreeMap<>(base);
                    m.put(axis.getKey(), v);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }

    /** Number of cells of this experiment alone. */
    public long size() {
        long perSetting = 0;
        for (Method m : methods) {
            perSetting += m.warm() ? budgets.size() : 1;
        }
        long combos = 1;
        for (List<Double> axis : params.values()) {
            combos *= axis.size();
        }
        return (long) distortions.size() * sigmas.size() * trainSizes.size() * perSetting * seeds.size() * combos;
    }
}
