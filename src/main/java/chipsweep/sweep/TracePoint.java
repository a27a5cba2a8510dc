package chipsweep.sweep;

import java.io.Serializable;

/**
 * One row of a cell's learning trace: an MH chain point (chain index, iteration, log-likelihood, log-prior,
 * acceptance over the thinning window, step, share of training samples saturated) or a BP epoch (epoch, loss,
 * training accuracy). Fields that do not apply are NaN (chain: -1) in memory and null in Parquet.
 *
 * <p>Thread-safety: immutable.
 */
public record TracePoint(int point, double logLikelihood, double logPrior, double acceptanceRate, double step,
                         double loss, double trainAccuracy, int chain, double saturatedShare) implements Serializable {
    /** A point without chain index or saturation. */
    public TracePoint(int point, double logLikelihood, double logPrior, double acceptanceRate, double step,
                      double loss, double trainAccuracy) {
        this(point, logLikelihood, logPrior, acceptanceRate, step, loss, trainAccuracy, -1, Double.NaN);
    }

    static TracePoint chain(int chain, int iteration, double ll, double lp, double acc, double step, double saturated) {
        return new TracePoint(iteration, ll, lp, acc, step, Double.NaN, Double.NaN, chain, saturated);
    }

    static TracePoint epoch(int epoch, double loss, double trainAccuracy) {
        return new TracePoint(epoch, Double.NaN, Double.NaN, Double.NaN, Double.NaN, loss, trainAccuracy);
    }
}
