package chipsweep.train;

import chipsweep.chip.CubaNetwork;
import chipsweep.chip.CubaRecording;

/**
 * The loss of {@code spec/CRAMER.md} section 4 over a minibatch of B samples, averaged over the samples:
 * <pre>
 *   L_n = CE(softmax(y), label) + rho_a * mean_k(y_k^2) + rho_b * (1/H) * sum_j (sum_t s_j[t])^2,
 *   y_k = max_t V_k[t]   (max-over-time readout of the output membranes; the first step reaching the max)
 * </pre>
 * and its gradient, which the backward pass ({@link CubaBptt}) consumes:
 * <ul>
 *   <li>{@code dL/dV_k[t]} is nonzero only at the arg-max step {@code t*_k} of each output, where it is
 *       {@code dL/dy_k = (softmax(y)_k - [k = label] + 2 rho_a y_k / K) / B} ({@link #outputGradient},
 *       {@link #argmaxStep});</li>
 *   <li>{@code dL/ds_j[t] = 2 rho_b c_j / (H B)} with {@code c_j = sum_t s_j[t]}, the same at every step
 *       ({@link #countGradient}).</li>
 * </ul>
 * Buffers are allocated once for {@code batchSize} rows: {@link #evaluate} allocates nothing.
 *
 * <p>Example: {@code double l = loss.evaluate(rec, rows, labels, order, from);}
 *
 * <p>Thread-safety: mutable, confined to one thread.
 */
public final class CubaLoss {
    private final int hidden;
    private final int outputs;
    private final int steps;
    private final int capacity;
    private final double rhoA;
    private final double rhoB;
    final double[] dY;
    final int[] argStep;
    final double[] dCount;
    private final double[] y;
    private int rows;

    public CubaLoss(CubaNetwork net, int batchSize, double rhoA, double rhoB) {
        MhSettings.require(batchSize >= 1, "batch_size must be >= 1", batchSize);
        MhSettings.require(rhoA >= 0 && Double.isFinite(rhoA), "rho_a must be >= 0 and finite", rhoA);
        MhSettings.require(rhoB >= 0 && Double.isFinite(rhoB), "rho_b must be >= 0 and finite", rhoB);
        this.hidden = net.hidden();
        this.outputs = net.outputs();
        this.steps = net.steps();
        this.capacity = batchSize;
        this.rhoA = rhoA;
        this.rhoB = rhoB;
        this.dY = new double[batchSize * outputs];
        this.argStep = new int[batchSize * outputs];
        this.dCount = new double[batchSize * hidden];
        this.y = new double[outputs];
    }

    /**
     * The mean loss of the first {@code rows} samples of {@code rec}, whose labels are
     * {@code labels[order[from + r]]} ({@code labels[from + r]} if {@code order} is null); fills the gradient.
     */
    public double evaluate(CubaRecording rec, int rows, int[] labels, int[] order, int from) {
        return evaluate(rec.outputMembrane(), null, rec.readout().hiddenCounts(), rows, rows, labels, order, from);
    }

    /**
     * Like {@link #evaluate(CubaRecording, int, int[], int[], int)} for {@code rows} samples that are part of a
     * minibatch of {@code meanOver}: the loss returned and the gradient are divided by {@code meanOver}, so the
     * parts of a minibatch sum to its mean.
     */
    double evaluatePart(CubaRecording rec, int rows, int meanOver, int[] labels, int[] order, int from) {
        return evaluate(rec.outputMembrane(), null, rec.readout().hiddenCounts(), rows, meanOver, labels, order,
                from);
    }

    /** {@link #evaluate(CubaRecording, int, int[], int[], int)} on flat traces laid out as a recording's. */
    double evaluate(double[] outputMembrane, double[] hiddenSpikes, int rows, int[] labels, int[] order, int from) {
        return evaluate(outputMembrane, hiddenSpikes, null, rows, rows, labels, order, from);
    }

    /**
     * The loss with the spike counts {@code c_j} either summed from {@code hiddenSpikes} or, if {@code counts} is
     * given, read from it ({@code [r * H + j]}; the same numbers for 0/1 spikes, without reading T x H values).
     */
    private double evaluate(double[] outputMembrane, double[] hiddenSpikes, int[] counts, int rows, int meanOver,
                            int[] labels, int[] order, int from) {
        if (!(rows >= 1 && rows <= capacity)) {
            throw new IllegalArgumentException("rows must be in [1, " + capacity + "], but was " + rows);
        }
        this.rows = rows;
        final int h = hidden;
        final int k = outputs;
        if (!(meanOver >= rows)) {
            throw new IllegalArgumentException("a part of " + rows + " rows cannot be of a minibatch of " + meanOver);
        }
        final double invB = 1.0 / meanOver;
        double total = 0.0;
        for (int r = 0; r < rows; r++) {
            int label = labels[order == null ? from + r : order[from + r]];
            double yMax = Double.NEGATIVE_INFINITY;
            for (int o = 0; o < k; o++) {
                double best = Double.NEGATIVE_INFINITY;
                int at = 0;
                for (int t = 0; t < steps; t++) {
                    double v = outputMembrane[(r * steps + t) * k + o];
                    if (v > best) {
                        best = v;
                        at = t;
                    }
                }
                y[o] = best;
                argStep[r * k + o] = at;
                yMax = Math.max(yMax, best);
            }
            double z = 0.0;
            double sq = 0.0;
            for (int o = 0; o < k; o++) {
                z += Math.exp(y[o] - yMax);
                sq += y[o] * y[o];
            }
            double logZ = yMax + Math.log(z);
            double loss = logZ - y[label] + rhoA * sq / k;
            for (int o = 0; o < k; o++) {
                double p = Math.exp(y[o] - logZ);
                dY[r * k + o] = ((p - (o == label ? 1.0 : 0.0)) + 2.0 * rhoA * y[o] / k) * invB;
            }
            double act = 0.0;
            final int cBase = r * h;
            if (counts != null) {
                for (int j = 0; j < h; j++) {
                    dCount[cBase + j] = counts[cBase + j];
                }
            } else {
                for (int j = 0; j < h; j++) {
                    dCount[cBase + j] = 0.0;
                }
                for (int t = 0; t < steps; t++) {
                    final int base = (r * steps + t) * h;
                    for (int j = 0; j < h; j++) {
                        dCount[cBase + j] += hiddenSpikes[base + j];
                    }
                }
            }
            for (int j = 0; j < h; j++) {
                double c = dCount[cBase + j];
                act += c * c;
                dCount[cBase + j] = 2.0 * rhoB * c / h * invB;
            }
            loss += rhoB * act / h;
            total += loss;
        }
        return total * invB;
    }

    /** Rows of the last {@link #evaluate}. */
    public int rows() {
        return rows;
    }

    /** {@code dL/dy_k} of row r at {@code r * K + k}, after {@link #evaluate}. */
    public double outputGradient(int r, int k) {
        return dY[r * outputs + k];
    }

    /** The first step at which output k of row r reaches its maximum, after {@link #evaluate}. */
    public int argmaxStep(int r, int k) {
        return argStep[r * outputs + k];
    }

    /** {@code dL/ds_j[t]} of row r (the same for every t), after {@link #evaluate}. */
    public double countGradient(int r, int j) {
        return dCount[r * hidden + j];
    }
}
