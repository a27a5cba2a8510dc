package chipsweep.train;

import chipsweep.chip.CubaChip;
import chipsweep.chip.CubaReadout;

/**
 * The current-based network's training set on a {@link CubaChip}: each sample's loss is the cross-entropy of the
 * softmax of its max-over-time readout, {@code CE(softmax(y), label)} with {@code y_k = max_t V_k[t]}: the
 * first term of spec/CRAMER.md's loss (section 4), without the regularisers, which shape gradients. Its readout
 * is real-valued and never saturates ({@link #saturatedShare} is 0). Samples run in parts of at most
 * {@value #PART}, each into a readout of its size made at first use, so after the first evaluations nothing is
 * allocated.
 *
 * <p>Example: {@code ChipObjective obj = new CubaObjective(chip, train);}
 *
 * <p>Thread-safety: mutable, confined to one thread.
 */
public final class CubaObjective implements ChipObjective {
    /** Samples run per chip call. */
    static final int PART = 100;

    private final CubaChip chip;
    private final CubaData data;
    private final int[] labels;
    private final double[] ce;
    private final CubaReadout[] bySize;
    private final int outputs;

    public CubaObjective(CubaChip chip, CubaData data) {
        if (data.input().inputs() != chip.network().inputs() || data.input().steps() != chip.network().steps()) {
            throw new IllegalArgumentException("data have " + data.input().inputs() + " inputs and "
                    + data.input().steps() + " steps, the chip " + chip.network().inputs() + " and "
                    + chip.network().steps());
        }
        this.chip = chip;
        this.data = data;
        this.labels = data.labelsView();
        this.ce = new double[labels.length];
        this.bySize = new CubaReadout[PART + 1];
        this.outputs = chip.network().outputs();
    }

    @Override
    public CubaChip chip() {
        return chip;
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public void evaluateAll() {
        run(null, 0, labels.length);
    }

    @Override
    public void evaluate(int[] order, int from, int to) {
        run(order, from, to);
    }

    private void run(int[] order, int from, int to) {
        for (int part = from; part < to; part += PART) {
            int end = Math.min(to, part + PART);
            CubaReadout out = readout(end - part);
            chip.forward(data.input(), order, part, end, out);
            for (int r = 0; r < end - part; r++) {
                int i = order == null ? part + r : order[part + r];
                ce[i] = crossEntropy(out, r, labels[i]);
            }
        }
    }

    /** {@code -log softmax(y)[label]} of row {@code r}, computed stably from the largest logit. */
    private double crossEntropy(CubaReadout out, int r, int label) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < outputs; k++) {
            max = Math.max(max, out.outputMax(r, k));
        }
        double s = 0.0;
        for (int k = 0; k < outputs; k++) {
            s += Math.exp(out.outputMax(r, k) - max);
        }
        return Math.max(0.0, (max + Math.log(s)) - out.outputMax(r, label));
    }

    private CubaReadout readout(int rows) {
        CubaReadout r = bySize[rows];
        if (r == null) {
            r = new CubaReadout(chip.network(), rows);
            bySize[rows] = r;
        }
        return r;
    }

    @Override
    public double sampleLoss(int i) {
        return ce[i];
    }

    @Override
    public double lossSum() {
        double s = 0.0;
        for (double c : ce) {
            s = s + c;
        }
        return s;
    }

    @Override
    public double saturatedShare() {
        return 0.0;
    }
}
