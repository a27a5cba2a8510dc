package chipsweep.train;

import chipsweep.chip.Network;
import java.util.random.RandomGenerator;

/**
 * A BiSNN rule ({@link BisnnRule#ST} or {@link BisnnRule#BAYES}) as the weight format of {@link SurrogateGradient}
 * on the LIF chip: it holds the latent parameters w_r, says which binary weights the chip is programmed with for
 * the next minibatch, turns the gradient with respect to the programmed weights into an update of w_r, and gives
 * the binary weights to deploy. A programmed weight of layer l is {@code s_l * b}, {@code b in {-1, +1}},
 * {@code s_l = } {@link BinarySettings#layerScale}; the gradient with respect to b is {@code s_l} times the
 * gradient with respect to the programmed weight.
 * <ul>
 * <li>{@code st} ({@code bp-st}): {@code b = sign(w_r)}; the gradient with respect to b is applied to w_r
 *     (straight-through) by the trainer's Adam, the optimiser of {@code bp}.</li>
 * <li>{@code bayes} ({@code bp-bayes}): each minibatch draws a relaxed sample {@code tanh(a)},
 *     {@code a = (w_r + delta) / tau} ({@link BinaryWeights#relaxedSample}); the chip stores binary weights only,
 *     so it is programmed with {@code b = sign(a)}, which is exactly a hard sample of the posterior
 *     (P(b = +1) = sigmoid(2 w_r)); the gradient with respect to b stands in for the gradient with respect to the
 *     relaxed sample (straight-through) in the rule's update {@link BinaryWeights#bayesStep} (plain SGD at
 *     {@code lr_bayes}, as BISNN.md). Deployed as the most probable pattern, {@code sign(w_r)}: a chip holds one
 *     pattern, and an ensemble would cost N_s programmings per input.</li>
 * </ul>
 *
 * <p>Thread-safety: mutable, confined to one thread (one training run).
 */
final class BinaryChipRule {
    private final Network net;
    private final BisnnRule rule;
    private final BinarySettings settings;
    private final double[][] latent;
    private final double[][] arg;
    private final double[] scales;

    /**
     * Starts from the initial weights {@code initial} (not modified): st's latent weights are the initial weights
     * themselves (so {@code bp-st} starts from {@code bp}'s signs and moves at {@code bp}'s Adam pace); bayes's
     * natural parameters are the initial weights over the layer scale, {@code w_r = w / s_l ~ N(0, 1/scale^2)}: the
     * same signs, and at scale 1 the spread of the BiSNN default {@code init_sd} 1 (P(+1) = sigmoid(2 w_r)).
     */
    BinaryChipRule(Network net, BisnnRule rule, BinarySettings settings, double[][] initial) {
        if (rule != BisnnRule.ST && rule != BisnnRule.BAYES) {
            throw new IllegalArgumentException("a binary chip rule is st or bayes, not " + rule.id());
        }
        this.net = net;
        this.rule = rule;
        this.settings = settings;
        this.latent = Weights.copy(initial);
        this.arg = net.newWeights();
        this.scales = new double[initial.length];
        for (int l = 0; l < scales.length; l++) {
            scales[l] = settings.layerScale(net, l);
            if (rule == BisnnRule.BAYES) {
                for (int k = 0; k < latent[l].length; k++) {
                    latent[l][k] = latent[l][k] / scales[l];
                }
            }
        }
    }

    /** Fills {@code w} with the weights to program for the next minibatch (bayes draws from {@code rng}). */
    void forward(double[][] w, RandomGenerator rng) {
        if (rule == BisnnRule.ST) {
            settings.binarise(net, latent, w);
            return;
        }
        for (int l = 0; l < latent.length; l++) {
            BinaryWeights.relaxedSample(latent[l], settings.temperature(), rng, arg[l], w[l]);
            BinarySettings.binariseLayer(arg[l], w[l], scales[l]);
        }
    }

    /**
     * Updates the latent parameters from {@code grads}, the gradient with respect to the programmed weights (turned
     * in place into the gradient with respect to the binary signs).
     */
    void update(double[][] grads, Adam adam) {
        for (int l = 0; l < grads.length; l++) {
            double s = scales[l];
            double[] g = grads[l];
            for (int k = 0; k < g.length; k++) {
                g[k] = s * g[k];
            }
        }
        if (rule == BisnnRule.ST) {
            adam.step(latent, grads);
            return;
        }
        for (int l = 0; l < latent.length; l++) {
            BinaryWeights.bayesStep(latent[l], arg[l], grads[l], settings.lrBayes(), settings.rho(),
                    settings.temperature(), settings.priorNatural());
        }
    }

    /** The weights to deploy: {@code s_l * sign(w_r)} (st: the forward pattern; bayes: the most probable one). */
    double[][] deployed() {
        double[][] w = net.newWeights();
        settings.binarise(net, latent, w);
        return w;
    }

    /** The latent parameters, a copy. */
    double[][] latent() {
        return Weights.copy(latent);
    }
}
