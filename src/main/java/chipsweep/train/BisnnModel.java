package chipsweep.train;

import chipsweep.chip.DecolleKernel;
import chipsweep.chip.DecolleNetwork;
import chipsweep.chip.SpikeTrains;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A trained BiSNN model: the network, the rule that trained it and its parameters (fp: weights; st: latent
 * reals; bayes: natural parameters w_r), and inference by {@link BisnnMethod} (BISNN.md section 2):
 * {@code fp} runs the weights, {@code st} and {@code bayes-map} run {@code sign(w_r)}, {@code bayes-ens}
 * averages the class probabilities of N_s networks with hard samples {@code w ~ Bernoulli(sigmoid(2 w_r))}
 * (one weight sample per member, used for every input).
 *
 * <p>Class probabilities of one network: {@code softmax(c * S)} with S the top layer's readout summed over
 * {@code t >= burn_in}, the quantity whose argmax is the network's prediction (lower index on ties). The spec
 * does not fix the scale c; {@link #probabilities(SpikeTrains, BisnnMethod, int, RandomGenerator)} uses c = 1
 * (the summed readout itself), the overload with {@code logitScale} any other, e.g. {@code 1 / (T - burn_in)}
 * for the softmax of the mean readout, the per-step distribution the local loss trains. The mean readout of a
 * 2-neuron top layer with a +-1/2 readout lies in [-1, 1], which caps every network's confidence at
 * sigmoid(2) = 0.88 and makes ECE measure that cap; the summed readout lets a single network be confident, so
 * the ensemble's disagreement is what lowers confidence.
 *
 * <p>Example: {@code double[][] p = model.probabilities(test, BisnnMethod.BAYES_ENS, 10, rng);}
 *
 * <p>Thread-safety: immutable; {@link #probabilities} allocates its own buffers.
 */
public final class BisnnModel {
    private static final int CHUNK = 256;

    private final DecolleNetwork net;
    private final BisnnRule rule;
    private final double[][] params;
    private final List<Double> epochLosses;

    public BisnnModel(DecolleNetwork net, BisnnRule rule, double[][] params, List<Double> epochLosses) {
        this.net = net;
        this.rule = rule;
        this.params = Weights.copy(params);
        this.epochLosses = List.copyOf(epochLosses);
    }

    /** The network. */
    public DecolleNetwork network() {
        return net;
    }

    /** The rule that trained the model. */
    public BisnnRule rule() {
        return rule;
    }

    /** The trained parameters, a copy. */
    public double[][] parameters() {
        return Weights.copy(params);
    }

    /** Mean training loss (summed local losses per step, averaged as in {@link DecolleGradient}) per epoch. */
    public List<Double> epochLosses() {
        return epochLosses;
    }

    /**
     * Class probabilities ({@code samples x classes}) of every sample of {@code x} under {@code method};
     * {@code rng} draws the ensemble's weights (unused otherwise).
     *
     * @throws IllegalArgumentException if the method does not belong to the model's rule or the ensemble is empty
     */
    public double[][] probabilities(SpikeTrains x, BisnnMethod method, int ensembleSize, RandomGenerator rng) {
        return probabilities(x, method, ensembleSize, 1.0, rng);
    }

    /**
     * As {@link #probabilities(SpikeTrains, BisnnMethod, int, RandomGenerator)} with class probabilities
     * {@code softmax(logitScale * S)}.
     */
    public double[][] probabilities(SpikeTrains x, BisnnMethod method, int ensembleSize, double logitScale,
                                    RandomGenerator rng) {
        if (!(logitScale > 0 && Double.isFinite(logitScale))) {
            throw new IllegalArgumentException("logit_scale must be > 0 and finite, but was " + logitScale);
        }
        if (method.rule() != rule) {
            throw new IllegalArgumentException("method must be one of the " + rule.id() + " rule's, but was "
                    + method.id());
        }
        if (!(ensembleSize >= 1)) {
            throw new IllegalArgumentException("ensemble_size must be >= 1, but was " + ensembleSize);
        }
        double[][] w = net.newWeights();
        double[][] probs = new double[x.samples()][net.classes()];
        switch (method) {
            case FP -> accumulate(x, params, 1.0, logitScale, probs);
            case ST, BAYES_MAP -> {
                for (int l = 0; l < w.length; l++) {
                    BinaryWeights.sign(params[l], w[l]);
                }
                accumulate(x, w, 1.0, logitScale, probs);
            }
            case BAYES_ENS -> {
                for (int e = 0; e < ensembleSize; e++) {
                    for (int l = 0; l < w.length; l++) {
                        BinaryWeights.hardSample(params[l], rng, w[l]);
                    }
                    accumulate(x, w, 1.0 / ensembleSize, logitScale, probs);
                }
            }
            default -> throw new IllegalStateException("unknown method " + method);
        }
        return probs;
    }

    /** Predictions (most probable class) of {@code probabilities}. */
    public static int[] predictions(double[][] probs) {
        int[] p = new int[probs.length];
        for (int n = 0; n < p.length; n++) {
            p[n] = Calibration.predict(probs[n]);
        }
        return p;
    }

    private void accumulate(SpikeTrains x, double[][] w, double weight, double scale, double[][] probs) {
        DecolleKernel kernel = new DecolleKernel(net, Math.min(CHUNK, x.samples()));
        int top = net.weightLayers() - 1;
        int classes = net.classes();
        double[] logits = new double[classes];
        for (int from = 0; from < x.samples(); from += CHUNK) {
            int size = Math.min(CHUNK, x.samples() - from);
            int[] rows = new int[size];
            for (int n = 0; n < size; n++) {
                rows[n] = from + n;
            }
            kernel.run(x, rows, w, null);
            for (int n = 0; n < size; n++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < classes; k++) {
                    logits[k] = scale * kernel.readoutSum(top, n, k);
                    max = Math.max(max, logits[k]);
                }
                double z = 0.0;
                for (int k = 0; k < classes; k++) {
                    logits[k] = Math.exp(logits[k] - max);
                    z = z + logits[k];
                }
                for (int k = 0; k < classes; k++) {
                    probs[from + n][k] = probs[from + n][k] + weight * (logits[k] / z);
                }
            }
        }
    }
}
