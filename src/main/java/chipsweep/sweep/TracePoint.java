package chipsweep.sweep;

import java.io.Serializable;

/**
 * One row of a cell's learning trace: an MH chain point (iteration, log-likelihood, log-prior, acceptance over
 * the thinning window, step) or a BP epoch (epoch, loss, training accuracy). Fields that do not apply are NaN
 * in memory and null in Parquet.
 *
 * <p>Thread-safety: immutable.
 */
public record TracePoint(int point, double logLikelihood, double logPrior, double acceptanceRate, double step,
                         double loss, double trainAccuracy) implements Serializable {
    static TracePoint chain(int iteration, double ll, double lp, double acc, double step) {
        return new TracePoint(iteration, ll, lp, acc, step, Double.NaN, Double.NaN);
    }

    static TracePoint epoch(int epoch, double loss, double trainAccuracy) {
        return new TracePoint(epoch, Double.NaN, Double.NaN, Double.NaN, Double.NaN, loss, trainAccuracy);
    }
}
