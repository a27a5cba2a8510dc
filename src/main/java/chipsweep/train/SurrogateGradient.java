package chipsweep.train;

import chipsweep.chip.Batch;
import chipsweep.chip.Chip;
import chipsweep.chip.ChipInternals;
import chipsweep.chip.Network;
import chipsweep.chip.Recording;
import chipsweep.rng.Streams;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Surrogate-gradient BPTT with the chip in the loop (Cramer et al.'s injection; METHOD.md section 5.2): each
 * minibatch runs forward on the chip, the host reads its currents, membranes and spikes, and the gradient
 * flows through the nominal model. Adam on shuffled minibatches (the shuffle drawn from the train stream each
 * epoch), no weight decay.
 *
 * <p>{@link #inTheLoop} is the fair method ({@code bp}; {@code bp-offline} is the same trainer run on an ideal
 * chip). {@link #withOracleAccess} back-propagates through the true distortion ({@code bp-oracle}): a sanity
 * check, not a method a real chip allows.
 *
 * <p>{@link #binaryInTheLoop} trains binary weights in the loop ({@code bp-st}, {@code bp-bayes}): the same
 * trainer, with a {@link BinaryChipRule} between the latent parameters and the weights the chip is programmed
 * with (the Bayesian rule draws one relaxed sample per minibatch from the train stream, after the epoch's shuffle).
 *
 * <p>Thread-safety: immutable; {@link #train} is confined to the calling thread.
 */
public final class SurrogateGradient implements Trainer {
    private final BpSettings settings;
    private final ChipInternals oracle;
    private final BisnnRule binaryRule;
    private final BinarySettings binary;

    private SurrogateGradient(BpSettings settings, ChipInternals oracle, BisnnRule binaryRule, BinarySettings binary) {
        this.settings = settings;
        this.oracle = oracle;
        this.binaryRule = binaryRule;
        this.binary = binary;
    }

    /** Gradient through the nominal model: the chip stays a black box. */
    public static SurrogateGradient inTheLoop(BpSettings settings) {
        return new SurrogateGradient(settings, null, null, null);
    }

    /**
     * Binary weights in the loop: {@code rule} {@link BisnnRule#ST} or {@link BisnnRule#BAYES} on latent parameters
     * that start at the initial weights; the chip stays a black box.
     */
    public static SurrogateGradient binaryInTheLoop(BpSettings settings, BinarySettings binary, BisnnRule rule) {
        if (binary == null || (rule != BisnnRule.ST && rule != BisnnRule.BAYES)) {
            throw new IllegalArgumentException("binary in the loop takes binary settings and rule st or bayes, not " + rule);
        }
        return new SurrogateGradient(settings, null, rule, binary);
    }

    /** Gradient through the chip's true distortion: the oracle baseline. */
    public static SurrogateGradient withOracleAccess(BpSettings settings, ChipInternals internals) {
        return new SurrogateGradient(settings, internals, null, null);
    }

    /**
     * The surrogate derivative of a spike at distance {@code u} from threshold, {@code 1 / (1 + slope |u|)^2} (the
     * fast sigmoid of METHOD.md section 5.2, the one {@link Bptt} uses), for the other BPTT engines.
     */
    public static double fastSigmoid(double u, double slope) {
        double denom = 1.0 + slope * Math.abs(u);
        return 1.0 / (denom * denom);
    }

    @Override
    public TrainResult train(Chip chip, TrainingData data, double[][] initial, RandomGenerator rng) {
        BpSettings s = settings;
        Network net = chip.network();
        int n = data.size();
        int batchSize = Math.min(s.batchSize(), n);
        int[] labels = data.labels();
        SpikeLoss loss = new SpikeLoss(s.gamma(), net.steps(), net.outputs());
        Bptt bptt = new Bptt(net, batchSize, s.surrogateSlope(), oracle);
        Recording[] recordings = new Recording[batchSize + 1];
        double[] dCount = new double[batchSize * net.outputs()];
        double[][] w = Weights.copy(initial);
        BinaryChipRule format = binaryRule == null ? null : new BinaryChipRule(net, binaryRule, binary, initial);
        double[][] grads = net.newWeights();
        int[] sizes = new int[w.length];
        for (int l = 0; l < w.length; l++) {
            sizes[l] = w[l].length;
        }
        Adam adam = new Adam(s.learningRate(), s.beta1(), s.beta2(), s.epsilon(), sizes);
        int[] perm = new int[n];
        int[] rows = new int[batchSize];
        List<Diagnostics.EpochPoint> curve = new ArrayList<>(s.epochs());
        for (int epoch = 0; epoch < s.epochs(); epoch++) {
            for (int i = 0; i < n; i++) {
                perm[i] = i;
            }
            Streams.shuffle(perm, rng);
            double totalLoss = 0.0;
            int correct = 0;
            for (int from = 0; from < n; from += batchSize) {
                int size = Math.min(batchSize, n - from);
                if (rows.length != size) {
                    rows = new int[size];
                }
                System.arraycopy(perm, from, rows, 0, size);
                Batch xb = data.inputs().select(rows);
                Recording rec = recordings[size];
                if (rec == null) {
                    rec = new Recording(net, size);
                    recordings[size] = rec;
                }
                if (format != null) {
                    format.forward(w, rng);
                }
                chip.program(w);
                chip.record(xb, rec);
                double batchLoss = loss.meanWithGradient(rec.readout(), labels, perm, from, dCount);
                totalLoss = totalLoss + batchLoss * size;
                for (int i = 0; i < size; i++) {
                    if (rec.readout().prediction(i) == labels[perm[from + i]]) {
                        correct++;
                    }
                }
                bptt.backward(rec, xb, dCount, w, grads);
                if (format == null) {
                    adam.step(w, grads);
                } else {
                    format.update(grads, adam);
                }
            }
            curve.add(new Diagnostics.EpochPoint(epoch + 1, totalLoss / n, (double) correct / n));
        }
        return new TrainResult(format == null ? w : format.deployed(), new Diagnostics.Bp(curve));
    }
}
