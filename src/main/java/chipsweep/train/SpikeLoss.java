package chipsweep.train;

import chipsweep.chip.Readout;

/**
 * Softmax cross-entropy on spike-count logits {@code z_k = gamma * c_k / T} (METHOD.md section 3). Counts are
 * integers in [0, T], so for two outputs every possible per-sample loss is tabulated once: the MH likelihood
 * is then a sum of table entries, bit-identical to computing each one.
 *
 * <p>Thread-safety: immutable.
 */
public final class SpikeLoss {
    private final double gamma;
    private final int steps;
    private final int outputs;
    /** For two outputs: CE of (c0, c1, y) at ((c0 * (T+1)) + c1) * 2 + y; otherwise null. */
    private final double[] table;

    public SpikeLoss(double gamma, int steps, int outputs) {
        if (!(gamma > 0 && Double.isFinite(gamma))) {
            throw new IllegalArgumentException("gamma must be > 0 and finite, but was " + gamma);
        }
        this.gamma = gamma;
        this.steps = steps;
        this.outputs = outputs;
        if (outputs == 2) {
            table = new double[(steps + 1) * (steps + 1) * 2];
            int[] c = new int[2];
            for (int c0 = 0; c0 <= steps; c0++) {
                for (int c1 = 0; c1 <= steps; c1++) {
                    c[0] = c0;
                    c[1] = c1;
                    for (int y = 0; y < 2; y++) {
                        table[((c0 * (steps + 1)) + c1) * 2 + y] = crossEntropy(c, 0, y);
                    }
                }
            }
        } else {
            table = null;
        }
    }

    /** {@code -log softmax(gamma * c / T)[y]} for the counts {@code c[off .. off+outputs)}. */
    double crossEntropy(int[] c, int off, int y) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < outputs; k++) {
            max = Math.max(max, logit(c[off + k]));
        }
        double s = 0.0;
        for (int k = 0; k < outputs; k++) {
            s = s + Math.exp(logit(c[off + k]) - max);
        }
        return (max + Math.log(s)) - logit(c[off + y]);
    }

    double logit(int count) {
        return gamma * count / steps;
    }

    /** Sum over samples, in order, of the cross-entropy of the readout against {@code labels}. */
    public double sum(Readout r, int[] labels) {
        double total = 0.0;
        int n = r.samples();
        for (int i = 0; i < n; i++) {
            total = total + sample(r, i, labels[i]);
        }
        return total;
    }

    /** The cross-entropy of sample {@code n} of the readout against {@code label}: one term of {@link #sum}. */
    public double sample(Readout r, int n, int label) {
        if (table != null) {
            return table[((r.count(n, 0) * (steps + 1)) + r.count(n, 1)) * 2 + label];
        }
        return logSumExp(r, n) - logit(r.count(n, label));
    }

    /** {@code log sum_k exp(z_k)} of sample {@code n}'s logits, shifted by their maximum. */
    private double logSumExp(Readout r, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < outputs; k++) {
            max = Math.max(max, logit(r.count(n, k)));
        }
        double s = 0.0;
        for (int k = 0; k < outputs; k++) {
            s = s + Math.exp(logit(r.count(n, k)) - max);
        }
        return max + Math.log(s);
    }

    /**
     * Mean loss over the batch, writing dLoss/dc (gradient of the mean w.r.t. each spike count) into
     * {@code dCount[n * outputs + k]}.
     */
    double meanWithGradient(Readout r, int[] labels, int[] rows, int from, double[] dCount) {
        int n = r.samples();
        double total = 0.0;
        double scale = gamma / steps / n;
        for (int i = 0; i < n; i++) {
            int y = labels[rows[from + i]];
            double lse = logSumExp(r, i);
            total = total + (lse - logit(r.count(i, y)));
            for (int k = 0; k < outputs; k++) {
                double p = Math.exp(logit(r.count(i, k)) - lse);
                dCount[i * outputs + k] = (p - (k == y ? 1.0 : 0.0)) * scale;
            }
        }
        return total / n;
    }
}
