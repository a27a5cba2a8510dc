package chipsweep.train;

import chipsweep.chip.Chip;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Several independent Metropolis-Hastings chains on one chip, with convergence diagnostics (issue #16). Chain c
 * starts from {@code initials[c]} and draws from {@code generators[c]}; the caller derives chain 0's from the
 * cell's {@code init} and {@code train} seeds (so one chain is exactly today's {@link MetropolisHastings}) and
 * chain c's from {@code Seeds.child(seed, c)}. Every chain runs on the same chip, so its chip time counts.
 *
 * <p>Which chain is deployed: with one chain, chain 0. With more, the chain whose deployed weights (its posterior
 * mean) fit the training set best on the chip: lowest cross-entropy sum, ties to the lower index. That costs one
 * evaluation of the training set per chain. A collapsed chain (on the saturation plateau for more than half of
 * its post-burn-in iterations, see {@link Plateau}) fits at the majority share, so it is never chosen while some
 * chain fits better.
 *
 * <p>Diagnostics over the post-burn-in trace points of every chain: rank-normalised split-R-hat and bulk ESS
 * ({@link Convergence}) of the log-likelihood and of each weight layer's L2 norm (the largest R-hat and smallest
 * ESS of the layers). With one chain, split-R-hat compares its two halves.
 *
 * <p>Example: {@code TrainResult r = new MhChains(settings, true).train(chip, data, initials, generators);}
 *
 * <p>Thread-safety: immutable; {@link #train} is confined to the calling thread.
 */
public final class MhChains {
    private final MhSettings settings;
    private final boolean earlyRejection;
    private final BinarySettings binary;

    public MhChains(MhSettings settings, boolean earlyRejection) {
        this(settings, earlyRejection, null);
    }

    /** Chains over sign patterns ({@link MetropolisHastings#signs}) when {@code binary} is given. */
    public MhChains(MhSettings settings, boolean earlyRejection, BinarySettings binary) {
        this.settings = settings;
        this.earlyRejection = earlyRejection;
        this.binary = binary;
    }

    /** Runs {@code initials.length} chains (which must equal {@code settings.chains()}). */
    public TrainResult train(Chip chip, TrainingData data, double[][][] initials, RandomGenerator[] generators) {
        return train(new SpikeObjective(chip, data, settings.gamma()), initials, generators);
    }

    /** The chains on any chip model, through its {@link ChipObjective}. */
    public TrainResult train(ChipObjective objective, double[][][] initials, RandomGenerator[] generators) {
        int k = settings.chains();
        if (initials.length != k || generators.length != k) {
            throw new IllegalArgumentException("chains must be " + k + ", but got " + initials.length
                    + " initial states and " + generators.length + " generators");
        }
        MetropolisHastings mh = binary == null ? new MetropolisHastings(settings, earlyRejection)
                : MetropolisHastings.signs(settings, earlyRejection, binary);
        List<TrainResult> runs = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            runs.add(mh.train(objective, initials[c], generators[c]));
        }
        int deployed = k == 1 ? 0 : bestFit(objective, runs);
        List<List<Diagnostics.ChainPoint>> traces = new ArrayList<>(k);
        int collapsed = 0;
        for (TrainResult r : runs) {
            Diagnostics.Mh d = (Diagnostics.Mh) r.diagnostics();
            traces.add(d.chain());
            collapsed += d.collapsed() ? 1 : 0;
        }
        double[][] ll = draws(traces, -1);
        int layers = initials[0].length;
        double rhatW = Double.NaN;
        double essW = Double.NaN;
        for (int l = 0; l < layers; l++) {
            double[][] w = draws(traces, l);
            double r = Convergence.splitRhat(w);
            double e = Convergence.bulkEss(w);
            rhatW = l == 0 || r > rhatW ? r : rhatW;
            essW = l == 0 || e < essW ? e : essW;
        }
        double first = ((Diagnostics.Mh) runs.get(0).diagnostics()).plateauShare();
        Diagnostics.Chains chains = new Diagnostics.Chains(k, deployed, collapsed, first, Convergence.splitRhat(ll),
                Convergence.bulkEss(ll), rhatW, essW, traces);
        TrainResult chosen = runs.get(deployed);
        return new TrainResult(chosen.weights(), ((Diagnostics.Mh) chosen.diagnostics()).withChains(chains));
    }

    /** The chain whose deployed weights have the lowest training cross-entropy on the chip (ties: lowest index). */
    private static int bestFit(ChipObjective objective, List<TrainResult> runs) {
        int best = 0;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (int c = 0; c < runs.size(); c++) {
            objective.chip().program(runs.get(c).weights());
            objective.evaluateAll();
            double l = objective.lossSum();
            if (l < bestLoss) {
                bestLoss = l;
                best = c;
            }
        }
        return best;
    }

    /** The post-burn-in trace values per chain: the log-likelihood ({@code layer < 0}) or a layer's norm. */
    private double[][] draws(List<List<Diagnostics.ChainPoint>> traces, int layer) {
        double[][] x = new double[traces.size()][];
        for (int c = 0; c < traces.size(); c++) {
            x[c] = traces.get(c).stream().filter(p -> p.iteration() > settings.burnIn())
                    .mapToDouble(p -> layer < 0 ? p.logLikelihood() : p.layerNorms().get(layer)).toArray();
        }
        return x;
    }
}
