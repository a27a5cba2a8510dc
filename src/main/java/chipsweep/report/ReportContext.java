package chipsweep.report;

/**
 * What the report needs besides the result views: the job's name, the job as run (JSON, may be null), the
 * accuracy that counts as "good" for the data-efficiency claim (default 0.90), and the data's majority-class
 * floor (WDBC: 107/171 = 0.626), overall and per data set (a job may run several tasks). The job file's path comes from the cells' provenance.
 *
 * <p>Thread-safety: immutable.
 */
public record ReportContext(String jobName, String resolvedJobJson, double effectiveAccuracy,
                            double majorityFloor, java.util.Map<String, Double> floors) {
    /** WDBC's test-set majority floor: 107 benign of 171 test rows. */
    public static final double WDBC_MAJORITY_FLOOR = 107.0 / 171.0;

    public ReportContext {
        if (!(effectiveAccuracy > 0 && effectiveAccuracy <= 1)) {
            throw new IllegalArgumentException("effective accuracy must be in (0, 1], but was " + effectiveAccuracy);
        }
        floors = java.util.Map.copyOf(floors);
    }

    /** A context with one floor for every data set. */
    public ReportContext(String jobName, String resolvedJobJson, double effectiveAccuracy, double majorityFloor) {
        this(jobName, resolvedJobJson, effectiveAccuracy, majorityFloor, java.util.Map.of());
    }

    /** The chance floor of data set {@code dataset} (its cells' stored floor), else {@link #majorityFloor}. */
    public double floor(String dataset) {
        return floors.getOrDefault(dataset, majorityFloor);
    }
}
