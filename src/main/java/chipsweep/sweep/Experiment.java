package chipsweep.sweep;

import java.io.Serializable;
import java.util.List;

/**
 * A named block of a job's grid: the Cartesian product of its axes, expanded in declared order
 * (distortion, sigma, train size, method, seed; the last varies fastest). The warm-start methods also run every
 * value of the {@code budget} axis (the fraction of the cold method's iterations or epochs); the other methods
 * ignore it.
 *
 * <p>Thread-safety: immutable.
 */
public record Experiment(String name, List<String> distortions, List<Double> sigmas, List<Integer> trainSizes,
                         List<Method> methods, List<Integer> seeds, List<Double> budgets) implements Serializable {
    public Experiment {
        distortions = List.copyOf(distortions);
        sigmas = List.copyOf(sigmas);
        trainSizes = List.copyOf(trainSizes);
        methods = List.copyOf(methods);
        seeds = List.copyOf(seeds);
        budgets = List.copyOf(budgets);
        boolean warm = methods.stream().anyMatch(Method::warm);
        if (warm && budgets.isEmpty()) {
            throw new IllegalArgumentException("budget must be given (a non-empty list of fractions in [0, 1]) when "
                    + "method has mh-warm or bp-warm");
        }
        if (!warm && !budgets.isEmpty()) {
            throw new IllegalArgumentException("budget applies only to mh-warm and bp-warm, and method has neither");
        }
    }

    /** An experiment without warm-start methods. */
    public Experiment(String name, List<String> distortions, List<Double> sigmas, List<Integer> trainSizes,
                      List<Method> methods, List<Integer> seeds) {
        this(name, distortions, sigmas, trainSizes, methods, seeds, List.of());
    }

    /** Number of cells of this experiment alone. */
    public long size() {
        long perSetting = 0;
        for (Method m : methods) {
            perSetting += m.warm() ? budgets.size() : 1;
        }
        return (long) distortions.size() * sigmas.size() * trainSizes.size() * perSetting * seeds.size();
    }
}
