package chipsweep.report;

/**
 * What the report needs besides the result views: the job's name, the job as run (JSON, may be null), the
 * accuracy that counts as "good" for the data-efficiency claim (default 0.90), and the data's majority-class
 * floor (WDBC: 107/171 = 0.626). The job file's path comes from the cells' provenance.
 *
 * <p>Thread-safety: immutable.
 */
public record ReportContext(String jobName, String resolvedJobJson, double effectiveAccuracy,
                            double majorityFloor) {
    /** WDBC's test-set majority floor: 107 benign of 171 test rows. */
    public static final double WDBC_MAJORITY_FLOOR = 107.0 / 171.0;

    public ReportContext {
        if (!(effectiveAccuracy > 0 && effectiveAccuracy <= 1)) {
            throw new IllegalArgumentException("effective accuracy must be in (0, 1], but was " + effectiveAccuracy);
        }
    }
}
