package chipsweep.sweep;

import java.io.Serializable;
import java.util.List;

/**
 * What running one cell produced: its status, accuracies (fractions in [0, 1]), the method's diagnostics
 * (NaN where they do not apply), timing, seeds and trace. A failed cell keeps its fields, seeds and error.
 *
 * <p>Thread-safety: immutable.
 */
public record CellResult(Cell cell, Status status, String error, double testAccuracy, double trainAccuracy,
                         double mapTestAccuracy, double lastTestAccuracy, double acceptanceRate,
                         double burnInAcceptanceRate, double finalStep, double lambda, double finalLoss,
                         double wallSeconds, long startMillis, long endMillis, CellSeeds seeds,
                         List<TracePoint> trace) implements Serializable {
    /** A cell either ran to the end or threw. */
    public enum Status { OK, FAILED }

    public CellResult {
        trace = List.copyOf(trace);
    }

    public boolean ok() {
        return status == Status.OK;
    }
}
