package chipsweep.sweep;

import java.io.Serializable;
import java.util.List;

/**
 * A named block of a job's grid: the Cartesian product of its axes, expanded in declared order
 * (distortion, sigma, train size, method, seed; the last varies fastest).
 *
 * <p>Thread-safety: immutable.
 */
public record Experiment(String name, List<String> distortions, List<Double> sigmas, List<Integer> trainSizes,
                         List<Method> methods, List<Integer> seeds) implements Serializable {
    public Experiment {
        distortions = List.copyOf(distortions);
        sigmas = List.copyOf(sigmas);
        trainSizes = List.copyOf(trainSizes);
        methods = List.copyOf(methods);
        seeds = List.copyOf(seeds);
    }

    /** Number of cells of this experiment alone. */
    public long size() {
        return (long) distortions.size() * sigmas.size() * trainSizes.size() * methods.size() * seeds.size();
    }
}
