package chipsweep.train;

import chipsweep.chip.BlackBox;
import chipsweep.chip.Chip;
import chipsweep.chip.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Chip-in-the-loop Metropolis-Hastings over all weights (Safa et al., NICE 2024; METHOD.md section 5.1), on either
 * chip model: it sees a {@link ChipObjective}, a black box that runs the training set and gives each sample's
 * cross-entropy ({@link SpikeObjective} for the LIF network, where {@code CE(y_n, softmax(gamma c_n / T))} below
 * holds; {@link CubaObjective} for the current-based one, whose logits are its max-over-time readouts).
 * <pre>
 *   log L(W)  = -lambda * sum_n CE(y_n, softmax(gamma * c_n(W) / T)),  lambda = max(1, N0 / N)
 *   log p(W)  = -||W||^2 / (2 s_p^2)
 *   W'        = W + s * eps,  eps ~ N(0, I)   (symmetric random walk)
 *   accept iff log U < logpost(W') - logpost(W)
 * </pre>
 * The step adapts during burn-in only; the deployed weights are the mean of the chain state over the
 * post-burn-in iterations (repeats included). Per iteration the generator gives the proposal's Gaussians
 * (layer by layer, row-major), then the uniform. One chip evaluation per iteration: the current state's
 * log-posterior is cached. The loop allocates nothing.
 *
 * <p>The chain also tracks the saturation plateau ({@link Plateau}) from the readout of every accepted state: the
 * share of post-burn-in iterations on it and the iteration it was last left. With
 * {@link MhSettings.Average#OFF_PLATEAU} the deployed mean averages only the post-burn-in states off the plateau;
 * with {@link MhSettings.Average#ALL} (METHOD.md) the chain and its result are what they were before the tracking.
 *
 * <p><b>Early rejection</b> (on by default, deterministic chips only; Solonen et al. 2012): the uniform is drawn
 * before the proposal is evaluated, so the acceptance threshold is known in advance. The per-sample losses are
 * non-negative, so a partial sum over some samples bounds the full log-likelihood from above; as soon as that
 * bound (with a margin for rounding, see {@link #rejectsEarly}) already falls short of the threshold, the
 * proposal is rejected without running the remaining samples. The samples run in chunks of
 * {@value #FIRST_CHUNK}, then twice that, and so on, the current state's worst-fitted samples first (they
 * raise the bound fastest). The decision is the same as with the full sum, so the chain, the trace and the
 * result are bit-identical with early rejection on or off; only the number of samples run changes (measured:
 * 35-65% fewer on {@code mismatch}, 20-55% fewer on {@code nonlin}, over the chains measured).
 *
 * <p><b>Sign chains</b> ({@link #signs}, method {@code mh-sign}): the state is a binary pattern, every weight of
 * layer l at {@code +-s_l} ({@link BinarySettings#layerScale}); the chain starts from the signs of the initial
 * weights, and a proposal flips the signs of exactly {@code m = clamp(round(step), 1, d)} of the d weights, drawn
 * uniformly without replacement (a partial Fisher-Yates shuffle of the weight indices, {@code m} draws from the
 * generator, then the uniform): a symmetric proposal. The step (now a number of flips, starting at
 * {@code initial_flips}) adapts during burn-in by the same rule. The Gaussian prior is equal on every pattern, so
 * the posterior is the likelihood's. The deployed weights are {@code s_l * sign(mean)} of the post-burn-in states:
 * each weight's more probable sign under the chain (a tie to +1).
 *
 * <p>Thread-safety: immutable; {@link #train} is confined to the calling thread.
 */
public final class MetropolisHastings implements Trainer {
    /**
     * Samples in the first chunk of an early-rejecting evaluation. On a 30-20-2, T = 20 chip a call costs about
     * 9.5 us plus 0.22 us a sample (measured at 96, 192 and 398 samples), so much smaller chunks cost more than
     * they save; 96 then 192 did best on recorded chains, against 64, 128 or 200 fixed.
     */
    static final int FIRST_CHUNK = 96;

    private final MhSettings settings;
    private final boolean earlyRejection;
    /** Null for the Gaussian random walk over real weights; else a chain over sign patterns. */
    private final BinarySettings binary;

    /** With early rejection (on deterministic chips). */
    public MetropolisHastings(MhSettings settings) {
        this(settings, true);
    }

    /** {@code earlyRejection = false} runs every training sample in every iteration (same chain, slower). */
    public MetropolisHastings(MhSettings settings, boolean earlyRejection) {
        this(settings, earlyRejection, null);
    }

    private MetropolisHastings(MhSettings settings, boolean earlyRejection, BinarySettings binary) {
        this.settings = settings;
        this.earlyRejection = earlyRejection;
        this.binary = binary;
    }

    /** A chain over the sign patterns of binary weights (method {@code mh-sign}), see the class comment. */
    public static MetropolisHastings signs(MhSettings settings, boolean earlyRejection, BinarySettings binary) {
        if (binary == null) {
            throw new IllegalArgumentException("a sign chain needs binary settings");
        }
        return new MetropolisHastings(settings, earlyRejection, binary);
    }

    @Override
    public TrainResult train(Chip chip, TrainingData data, double[][] initial, RandomGenerator rng) {
        return train(new SpikeObjective(chip, data, settings.gamma()), initial, rng);
    }

    /**
     * The chain on any chip model: {@code objective} runs the training set on its black-box chip and gives each
     * sample's loss; {@code initial} has the chip's weight shape.
     */
    public TrainResult train(ChipObjective objective, double[][] initial, RandomGenerator rng) {
        Network net = null;
        if (binary != null) {
            if (!(objective.chip() instanceof Chip lif)) {
                throw new IllegalStateException("a sign chain runs on the LIF chip only (its layer scales need the network)");
            }
            net = lif.network();
        }
        return train(objective, net, initial, rng);
    }

    /** {@code net}: the LIF network whose layer scales a sign chain uses; null for a real-valued chain. */
    private TrainResult train(ChipObjective objective, Network net, double[][] initial, RandomGenerator rng) {
        MhSettings s = settings;
        BlackBox chip = objective.chip();
        double lambda = Math.max(1.0, s.likelihoodN0() / objective.size());
        double inv2s2 = 1.0 / (2.0 * s.priorSd() * s.priorSd());

        double[][] start = Weights.copy(initial);
        if (binary != null) {
            binary.binarise(net, initial, start);
        }
        double[][] cur = Weights.copy(start);
        double[][] prop = Weights.copy(start);
        double[][] best = Weights.copy(start);
        final int[] indices = binary == null ? null : java.util.stream.IntStream.range(0, net.parameterCount()).toArray();
        double[][] total = chip.newWeights();
        final boolean offPlateau = s.average() == MhSettings.Average.OFF_PLATEAU;
        double[][] totalAll = offPlateau ? chip.newWeights() : null;

        final boolean early = earlyRejection && chip.deterministic();
        final int n = objective.size();
        final int[] order = new int[n];
        final double[] ceCur = new double[n];
        final int[] buckets = new int[ORDER_BUCKETS + 1];
        final double margin = 1.0 - 8.0 * (n + 1) * 0x1p-53;

        chip.program(cur);
        objective.evaluateAll();
        double ll = -lambda * objective.lossSum();
        if (early) {
            worstFirst(objective, ceCur, order, buckets);
        }
        double saturated = objective.saturatedShare();
        boolean onPlateau = saturated >= s.plateauShare();
        int plateauPost = 0;
        int plateauExit = -1;
        double lpr = -Weights.squaredNorm(cur) * inv2s2;
        double lp = ll + lpr;
        double bestLp = lp;
        double step = binary == null ? s.initialStep() : binary.initialFlips();
        int accWindow = 0;
        int accBurn = 0;
        int accPost = 0;
        int accTrace = 0;
        int kept = 0;
        List<Diagnostics.ChainPoint> chain = new ArrayList<>(s.iterations() / s.traceEvery() + 1);

        for (int it = 0; it < s.iterations(); it++) {
            if (binary == null) {
                for (int l = 0; l < cur.length; l++) {
                    double[] c = cur[l];
                    double[] p = prop[l];
                    for (int k = 0; k < c.length; k++) {
                        p[k] = c[k] + step * rng.nextGaussian();
                    }
                }
            } else {
                flip(cur, prop, flips(step, indices.length), indices, rng);
            }
            double logU = Math.log(rng.nextDouble());
            double lprP = -Weights.squaredNorm(prop) * inv2s2;
            chip.program(prop);
            boolean rejectedEarly = early && rejectsEarly(objective, order, lambda, lprP, lp, logU, margin);
            if (!early) {
                objective.evaluateAll();
            }
            boolean accepted = false;
            if (!rejectedEarly) {
                double llP = -lambda * objective.lossSum();
                double lpP = llP + lprP;
                accepted = logU < lpP - lp;
                if (accepted) {
                    double[][] t = cur;
                    cur = prop;
                    prop = t;
                    ll = llP;
                    lpr = lprP;
                    lp = lpP;
                    if (lp > bestLp) {
                        bestLp = lp;
                        Weights.copyInto(cur, best);
                    }
                    if (early) {
                        worstFirst(objective, ceCur, order, buckets);
                    }
                    saturated = objective.saturatedShare();
                    boolean on = saturated >= s.plateauShare();
                    if (onPlateau && !on) {
                        plateauExit = it + 1;
                    }
                    onPlateau = on;
                }
            }
            int a = accepted ? 1 : 0;
            accTrace += a;
            if (it < s.burnIn()) {
                accWindow += a;
                accBurn += a;
                if ((it + 1) % s.adaptEvery() == 0) {
                    step *= Math.exp((double) accWindow / s.adaptEvery() - s.targetAcceptance());
                    accWindow = 0;
                }
            } else {
                if (!offPlateau || !onPlateau) {
                    accumulate(cur, total);
                    kept++;
                }
                if (offPlateau) {
                    accumulate(cur, totalAll);
                }
                plateauPost += onPlateau ? 1 : 0;
                accPost += a;
            }
            if ((it + 1) % s.traceEvery() == 0) {
                chain.add(new Diagnostics.ChainPoint(it + 1, ll, lpr, (double) accTrace / s.traceEvery(), step,
                        saturated, layerNorms(cur)));
                accTrace = 0;
            }
        }
        int post = s.iterations() - s.burnIn();
        if (kept == 0) { // every post-burn-in state on the plateau: the mean over all of them
            total = totalAll;
            kept = post;
        }
        for (double[] tl : total) {
            for (int k = 0; k < tl.length; k++) {
                tl[k] = tl[k] / kept;
            }
        }
        if (binary != null) {
            binary.binarise(net, total, total);
        }
        double burnRate = s.burnIn() == 0 ? Double.NaN : (double) accBurn / s.burnIn();
        return new TrainResult(total, new Diagnostics.Mh((double) accPost / post, burnRate, step, lambda,
                best, cur, chain, (double) plateauPost / post, plateauExit, null));
    }

    /** The number of signs a proposal flips at step {@code step}: {@code clamp(round(step), 1, d)}. */
    static int flips(double step, int d) {
        return (int) Math.max(1, Math.min(d, Math.round(step)));
    }

    /**
     * {@code prop = cur} with the signs of {@code m} distinct weights flipped, chosen uniformly: the first m
     * positions of a partial Fisher-Yates shuffle of {@code indices} (a permutation of 0..d-1 on entry and on exit;
     * from any permutation the first m positions of the shuffle are a uniform m-subset). Weights are numbered
     * layer by layer, row-major. Draws exactly m integers from {@code rng}.
     */
    static void flip(double[][] cur, double[][] prop, int m, int[] indices, RandomGenerator rng) {
        Weights.copyInto(cur, prop);
        for (int j = 0; j < m; j++) {
            int r = j + rng.nextInt(indices.length - j);
            int t = indices[j];
            indices[j] = indices[r];
            indices[r] = t;
            int k = indices[j];
            int l = 0;
            while (k >= prop[l].length) {
                k -= prop[l].length;
                l++;
            }
            prop[l][k] = -prop[l][k];
        }
    }

    private static void accumulate(double[][] cur, double[][] total) {
        for (int l = 0; l < cur.length; l++) {
            double[] c = cur[l];
            double[] tl = total[l];
            for (int k = 0; k < c.length; k++) {
                tl[k] = tl[k] + c[k];
            }
        }
    }

    private static List<Double> layerNorms(double[][] w) {
        Double[] norms = new Double[w.length];
        for (int l = 0; l < w.length; l++) {
            double ss = 0.0;
            for (double v : w[l]) {
                ss = ss + v * v;
            }
            norms[l] = Math.sqrt(ss);
        }
        return List.of(norms);
    }

    /**
     * Runs the proposal's samples in {@code order}, chunk by chunk, and returns true as soon as the proposal is
     * certainly rejected: {@code -lambda * sum(CE) + lprP - lp <= logU} holds for the full sum whatever the
     * samples not yet run give. Otherwise every sample has run (the readout is complete) and it returns false.
     * Why the bound is safe: the CE terms are non-negative, so the exact full sum is at least the exact partial
     * sum, and each floating-point sum of at most n non-negative terms is within a relative n * 2^-53 (plus
     * second-order terms) of its exact value; {@code margin = 1 - 8 (n + 1) 2^-53} covers both sums' errors and
     * the rounding of the product. Every later operation (times -lambda, plus lprP, minus lp) is monotone under
     * rounding, so the bound on the partial sum carries over to the computed difference. A NaN never rejects.
     */
    private static boolean rejectsEarly(ChipObjective objective, int[] order, double lambda, double lprP, double lp,
                                        double logU, double margin) {
        final int n = order.length;
        double partial = 0.0;
        int from = 0;
        int chunk = FIRST_CHUNK;
        while (from < n) {
            int to = n - from < chunk + chunk / 2 ? n : from + chunk;
            objective.evaluate(order, from, to);
            if (to == n) {
                return false;
            }
            for (int q = from; q < to; q++) {
                partial = partial + objective.sampleLoss(order[q]);
            }
            if ((-lambda * (partial * margin) + lprP) - lp <= logU) {
                return true;
            }
            from = to;
            chunk = chunk * 2;
        }
        return false;
    }

    /** Buckets of the sample ordering: log2 of the loss from -32 to 15, two mantissa bits each, and zero. */
    private static final int ORDER_BUCKETS = 48 * 4 + 1;

    /**
     * Writes into {@code order} the samples by decreasing loss under the current state (bucketed by the loss's
     * binary exponent and two leading mantissa bits, ties in sample order), and their losses into {@code ce}.
     * A counting sort: linear time, no allocation.
     */
    private static void worstFirst(ChipObjective objective, double[] ce, int[] order, int[] buckets) {
        final int n = ce.length;
        java.util.Arrays.fill(buckets, 0);
        for (int i = 0; i < n; i++) {
            ce[i] = objective.sampleLoss(i);
            buckets[bucket(ce[i]) + 1]++;
        }
        for (int k = 1; k < buckets.length; k++) {
            buckets[k] += buckets[k - 1];
        }
        for (int i = 0; i < n; i++) {
            order[buckets[bucket(ce[i])]++] = i;
        }
    }

    /** Bucket of a loss, 0 for the largest: so that ascending buckets list the samples worst first. */
    private static int bucket(double ce) {
        if (!(ce > 0)) {
            return ORDER_BUCKETS - 1;
        }
        int e = Math.max(-32, Math.min(15, Math.getExponent(ce)));
        int mantissa = (int) ((Double.doubleToRawLongBits(ce) >>> 50) & 3);
        return ORDER_BUCKETS - 2 - ((e + 32) * 4 + mantissa);
    }
}
