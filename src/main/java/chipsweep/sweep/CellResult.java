package chipsweep.sweep;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What running one cell produced: its status, accuracies (fractions in [0, 1]), the method's diagnostics
 * (NaN where they do not apply), timing, seeds, trace, the deployment figures (chip time, fleet) and named
 * metrics ({@code floor_accuracy}: the test set's majority share; {@code hidden_spikes_per_image}). A failed
 * cell keeps its fields, seeds and error.
 *
 * <p>Thread-safety: immutable.
 */
public record CellResult(Cell cell, Status status, String error, double testAccuracy, double trainAccuracy,
                         double mapTestAccuracy, double lastTestAccuracy, double acceptanceRate,
                         double burnInAcceptanceRate, double finalStep, double lambda, double finalLoss,
                         double wallSeconds, long startMillis, long endMillis, CellSeeds seeds,
                         List<TracePoint> trace, Deployment deployment, Map<String, Double> metrics,
                         ChainStats chains, Map<String, double[]> series) implements Serializable {
    /** A cell either ran to the end or threw. */
    public enum Status { OK, FAILED }

    public CellResult {
        trace = List.copyOf(trace);
        if (deployment == null) {
            throw new IllegalArgumentException("deployment must be given (Deployment.NONE if nothing was measured)");
        }
        metrics = metrics == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(metrics));
        if (chains == null) {
            throw new IllegalArgumentException("chains must be given (ChainStats.NONE if not an mh cell)");
        }
        java.util.Map<String, double[]> copy = new java.util.TreeMap<>();
        if (series != null) {
            series.forEach((k, v) -> copy.put(k, v.clone()));
        }
        series = java.util.Collections.unmodifiableMap(copy);
    }

    /** A result with metrics and chain statistics and no per-cell series. */
    public CellResult(Cell cell, Status status, String error, double testAccuracy, double trainAccuracy,
                      double mapTestAccuracy, double lastTestAccuracy, double acceptanceRate,
                      double burnInAcceptanceRate, double finalStep, double lambda, double finalLoss,
                      double wallSeconds, long startMillis, long endMillis, CellSeeds seeds, List<TracePoint> trace,
                      Deployment deployment, Map<String, Double> metrics, ChainStats chains) {
        this(cell, status, error, testAccuracy, trainAccuracy, mapTestAccuracy, lastTestAccuracy, acceptanceRate,
                burnInAcceptanceRate, finalStep, lambda, finalLoss, wallSeconds, startMillis, endMillis, seeds, trace,
                deployment, metrics, chains, null);
    }

    /**
     * A per-cell series by name (a copy; null where not measured): a bisnn cell's {@code reliability_count},
     * {@code reliability_confidence}, {@code reliability_accuracy} (10 confidence bins) and {@code entropy_map}
     * (predictive entropy over the grid, row-major).
     */
    public double[] series(String name) {
        double[] v = series.get(name);
        return v == null ? null : v.clone();
    }

    /** A result with model-specific metrics and no MH chain statistics. */
    public CellResult(Cell cell, Status status, String error, double testAccuracy, double trainAccuracy,
                      double mapTestAccuracy, double lastTestAccuracy, double acceptanceRate,
                      double burnInAcceptanceRate, double finalStep, double lambda, double finalLoss,
                      double wallSeconds, long startMillis, long endMillis, CellSeeds seeds, List<TracePoint> trace,
                      Deployment deployment, Map<String, Double> metrics) {
        this(cell, status, error, testAccuracy, trainAccuracy, mapTestAccuracy, lastTestAccuracy, acceptanceRate,
                burnInAcceptanceRate, finalStep, lambda, finalLoss, wallSeconds, startMillis, endMillis, seeds, trace,
                deployment, metrics, ChainStats.NONE);
    }

    /** A result with MH chain statistics and no model-specific metrics. */
    public CellResult(Cell cell, Status status, String error, double testAccuracy, double trainAccuracy,
                      double mapTestAccuracy, double lastTestAccuracy, double acceptanceRate,
                      double burnInAcceptanceRate, double finalStep, double lambda, double finalLoss,
                      double wallSeconds, long startMillis, long endMillis, CellSeeds seeds, List<TracePoint> trace,
                      Deployment deployment, ChainStats chains) {
        this(cell, status, error, testAccuracy, trainAccuracy, mapTestAccuracy, lastTestAccuracy, acceptanceRate,
                burnInAcceptanceRate, finalStep, lambda, finalLoss, wallSeconds, startMillis, endMillis, seeds, trace,
                deployment, null, chains);
    }

    /** A result without model-specific metrics or MH chain statistics. */
    public CellResult(Cell cell, Status status, String error, double testAccuracy, double trainAccuracy,
                      double mapTestAccuracy, double lastTestAccuracy, double acceptanceRate,
                      double burnInAcceptanceRate, double finalStep, double lambda, double finalLoss,
                      double wallSeconds, long startMillis, long endMillis, CellSeeds seeds, List<TracePoint> trace,
                      Deployment deployment) {
        this(cell, status, error, testAccuracy, trainAccuracy, mapTestAccuracy, lastTestAccuracy, acceptanceRate,
                burnInAcceptanceRate, finalStep, lambda, finalLoss, wallSeconds, startMillis, endMillis, seeds, trace,
                deployment, null, ChainStats.NONE);
    }

    /** Model-specific metric {@code name} (NaN where not measured): {@code hidden_spikes_per_image}, {@code floor_accuracy}. */
    public double metric(String name) {
        Double v = metrics.get(name);
        return v == null ? Double.NaN : v;
    }

    /** A result without deployment figures. */
    public CellResult(Cell cell, Status status, String error, double testAccuracy, double trainAccuracy,
                      double mapTestAccuracy, double lastTestAccuracy, double acceptanceRate,
                      double burnInAcceptanceRate, double finalStep, double lambda, double finalLoss,
                      double wallSeconds, long startMillis, long endMillis, CellSeeds seeds, List<TracePoint> trace) {
        this(cell, status, error, testAccuracy, trainAccuracy, mapTestAccuracy, lastTestAccuracy, acceptanceRate,
                burnInAcceptanceRate, finalStep, lambda, finalLoss, wallSeconds, startMillis, endMillis, seeds, trace,
                Deployment.NONE);
    }

    public boolean ok() {
        return status == Status.OK;
    }

    /**
     * Chip time and fleet figures: the sample evaluations and programming operations the cell's training ran on
     * its own chip ({@code -1}: not measured, a failed cell), the same for a warm cell's source training on the
     * source chip ({@code -1}: not a warm cell) and that chip's seeds (null: not a warm cell), the deployed weights' accuracy on the ideal chip (NaN: no fleet
     * evaluation) and on each family chip.
     */
    public record Deployment(long chipSamples, long chipPrograms, long sourceChipSamples, long sourceChipPrograms,
                             Map<String, Long> sourceChipSeeds, double idealAccuracy, List<FleetChip> fleet)
            implements Serializable {
        public static final Deployment NONE = new Deployment(-1, -1, -1, -1, null, Double.NaN, List.of());

        public Deployment {
            fleet = List.copyOf(fleet);
            sourceChipSeeds = sourceChipSeeds == null ? null
                    : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(sourceChipSeeds));
        }

        /** Mean fleet accuracy (NaN without a fleet). */
        public double fleetMean() {
            return fleet.stream().mapToDouble(FleetChip::accuracy).average().orElse(Double.NaN);
        }

        /** Sample standard deviation of the fleet accuracy (NaN with fewer than two chips). */
        public double fleetSd() {
            int k = fleet.size();
            if (k < 2) {
                return Double.NaN;
            }
            double mean = fleetMean();
            double ss = 0;
            for (FleetChip f : fleet) {
                double d = f.accuracy() - mean;
                ss += d * d;
            }
            return Math.sqrt(ss / (k - 1));
        }

        /** Lowest fleet accuracy (NaN without a fleet). */
        public double fleetMin() {
            return fleet.stream().mapToDouble(FleetChip::accuracy).min().orElse(Double.NaN);
        }
    }

    /**
     * An mh cell's chains (issue #16): how many ran, which was deployed, how many collapsed (on the saturation
     * plateau for more than half of the post-burn-in iterations), the deployed chain's plateau share and last
     * plateau exit (-1: none), chain 0's plateau share, and split-R-hat and bulk ESS of the log-likelihood and of the weight-layer norms.
     * {@link #NONE} (count 0) for other methods and for warm cells.
     */
    public record ChainStats(int count, int deployed, int collapsed, double plateauShare, int plateauExit,
                             double firstPlateauShare, double rhatLoss, double essLoss, double rhatWeights, double essWeights)
            implements Serializable {
        public static final ChainStats NONE = new ChainStats(0, -1, -1, Double.NaN, -1, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN);
    }

    /** The deployed weights on family chip {@code index} (drawn from {@code chipSeeds}): test accuracy. */
    public record FleetChip(int index, Map<String, Long> chipSeeds, double accuracy) implements Serializable {
        public FleetChip {
            chipSeeds = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(chipSeeds));
        }
    }
}
