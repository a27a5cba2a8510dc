package chipsweep.train;

import chipsweep.chip.DecolleKernel;
import chipsweep.chip.DecolleNetwork;
import java.util.random.RandomGenerator;

/**
 * Online learning of one BiSNN rule on a {@link DecolleNetwork}, one batch and one step at a time
 * (BISNN.md section 2). The learner holds the trained parameters ({@code fp}: the weights; {@code st}: the
 * latent reals w_r; {@code bayes}: the natural parameters w_r) and the weights the next forward step uses
 * ({@code fp}: the same; {@code st}: sign(w_r); {@code bayes}: a relaxed sample tanh((w_r + delta)/tau)).
 *
 * <p>{@link #beginBatch} resets the kernel and (bayes) draws a relaxed sample; {@link #step} runs one forward
 * step and, from {@code t >= burn_in} on, computes the local gradients ({@link DecolleGradient}) with respect to
 * the forward weights and updates the parameters ({@code fp}/{@code st}: {@code w <- w - lr g}; {@code bayes}:
 * {@link BinaryWeights#bayesStep}), then prepares the next forward weights (st: sign; bayes: a new relaxed
 * sample). So every step after burn-in is one update, as in the authors' code; fp is plain SGD, as the spec's
 * learning rates of order 10 (one scale for all three rules) suggest.
 *
 * <p>Example:
 * <pre>{@code
 * BisnnLearner l = new BisnnLearner(net, BisnnRule.BAYES, settings, initial, 32);
 * l.beginBatch(rows, rng);
 * for (int t = 0; t < net.steps(); t++) loss += l.step(inputOfStep(t), labels, rng);
 * }</pre>
 *
 * <p>Allocation-free per step after construction. Thread-safety: mutable, confined to one thread.
 */
public final class BisnnLearner {
    private final DecolleNetwork net;
    private final BisnnRule rule;
    private final double lr;
    private final double rho;
    private final double tau;
    private final double w0;
    private final DecolleKernel kernel;
    private final DecolleGradient gradient;
    private final double[][] params;
    private final double[][] forward;
    private final double[][] arg;
    private final double[][] grads;

    /** A learner starting from {@code initial} parameters (copied), for batches of up to {@code capacity} rows. */
    public BisnnLearner(DecolleNetwork net, BisnnRule rule, BisnnSettings s, double[][] initial, int capacity) {
        this.net = net;
        this.rule = rule;
        this.lr = s.learningRate(rule);
        this.rho = s.rho();
        this.tau = s.temperature();
        this.w0 = s.priorNatural();
        this.kernel = new DecolleKernel(net, capacity);
        this.gradient = new DecolleGradient(net);
        this.params = Weights.copy(initial);
        this.forward = rule == BisnnRule.FP ? params : net.newWeights();
        this.arg = net.newWeights();
        this.grads = net.newWeights();
        if (rule == BisnnRule.ST) {
            for (int l = 0; l < params.length; l++) {
                BinaryWeights.sign(params[l], forward[l]);
            }
        }
    }

    /** Starts a batch of {@code rows} samples at t = 0; bayes draws the relaxed sample the next step uses. */
    public void beginBatch(int rows, RandomGenerator rng) {
        kernel.reset(rows);
        prepareForward(rng);
    }

    /**
     * Runs step t (the kernel's next) on {@code input} ({@code rows x n_0}); from burn-in on, learns from
     * {@code labels} (one per row) and returns this step's summed local losses (0 during burn-in).
     */
    public double step(double[] input, int[] labels, RandomGenerator rng) {
        boolean learn = kernel.time() >= net.burnIn();
        kernel.step(input, forward);
        if (!learn) {
            return 0.0;
        }
        double loss = gradient.compute(kernel, labels, grads);
        for (int l = 0; l < params.length; l++) {
            switch (rule) {
                case FP, ST -> BinaryWeights.gradientStep(params[l], grads[l], lr);
                case BAYES -> BinaryWeights.bayesStep(params[l], arg[l], grads[l], lr, rho, tau, w0);
                default -> throw new IllegalStateException("unknown rule " + rule);
            }
        }
        prepareForward(rng);
        return loss;
    }

    private void prepareForward(RandomGenerator rng) {
        for (int l = 0; l < params.length; l++) {
            switch (rule) {
                case FP -> { }
                case ST -> BinaryWeights.sign(params[l], forward[l]);
                case BAYES -> BinaryWeights.relaxedSample(params[l], tau, rng, arg[l], forward[l]);
                default -> throw new IllegalStateException("unknown rule " + rule);
            }
        }
    }

    /** The rule. */
    public BisnnRule rule() {
        return rule;
    }

    /** The trained parameters (weights for fp, latent w_r for st and bayes), a copy. */
    public double[][] parameters() {
        return Weights.copy(params);
    }

    /** The weights the next forward step will use, a copy. */
    public double[][] forwardWeights() {
        return Weights.copy(forward);
    }

    /** The gradients of the last learning step with respect to the forward weights, a copy. */
    public double[][] lastGradients() {
        return Weights.copy(grads);
    }

    /** The kernel (its state after the last step). */
    public DecolleKernel kernel() {
        return kernel;
    }
}
