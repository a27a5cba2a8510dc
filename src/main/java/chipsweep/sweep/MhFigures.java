package chipsweep.sweep;

import chipsweep.train.Diagnostics;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The result columns of an {@code mh} cell, on either chip model: the test accuracy of the chain's MAP and last
 * states, acceptance rates, final step, lambda, every chain's trace points and the chain statistics.
 *
 * <p>Thread-safety: immutable.
 */
record MhFigures(double mapAccuracy, double lastAccuracy, double acceptance, double burnInAcceptance, double step,
                 double lambda, List<TracePoint> trace, CellResult.ChainStats chains) {
    /**
     * The figures of {@code mh}; {@code testAccuracy} scores weights on the cell's chip (called for the MAP, then
     * the last state: on a noisy chip the order is part of the cell's result).
     */
    static MhFigures of(Diagnostics.Mh mh, ToDoubleFunction<double[][]> testAccuracy) {
        double map = testAccuracy.applyAsDouble(mh.mapWeights());
        double last = testAccuracy.applyAsDouble(mh.lastWeights());
        List<TracePoint> trace = new ArrayList<>();
        List<List<Diagnostics.ChainPoint>> traces = mh.chains() == null ? List.of(mh.chain()) : mh.chains().traces();
        for (int k = 0; k < traces.size(); k++) {
            for (Diagnostics.ChainPoint c : traces.get(k)) {
                trace.add(TracePoint.chain(k, c.iteration(), c.logLikelihood(), c.logPrior(), c.acceptanceRate(),
                        c.step(), c.saturatedShare()));
            }
        }
        CellResult.ChainStats chains = CellResult.ChainStats.NONE;
        Diagnostics.Chains ch = mh.chains();
        if (ch != null) {
            chains = new CellResult.ChainStats(ch.count(), ch.deployed(), ch.collapsed(), mh.plateauShare(),
                    mh.plateauExit(), ch.firstPlateauShare(), ch.rhatLoss(), ch.essLoss(), ch.rhatWeights(),
                    ch.essWeights());
        }
        return new MhFigures(map, last, mh.acceptanceRate(), mh.burnInAcceptanceRate(), mh.finalStep(), mh.lambda(),
                trace, chains);
    }
}
