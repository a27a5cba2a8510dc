package chipsweep.train;

import chipsweep.chip.CubaChip;
import chipsweep.chip.CubaReadout;

/**
 * Test accuracy of weights on a current-based chip and the mean number of hidden spikes per image (the paper's
 * sparsity axis).
 *
 * <p>Example: {@code CubaScore s = CubaScore.of(chip, test, result.weights(), 500);}
 *
 * <p>Thread-safety: immutable.
 */
public record CubaScore(double accuracy, double hiddenSpikesPerImage, int samples) {
    /** Programs {@code w} on {@code chip} and runs all of {@code data} in minibatches of {@code batch}. */
    public static CubaScore of(CubaChip chip, CubaData data, CubaWeights w, int batch) {
        MhSettings.require(batch >= 1, "batch must be >= 1", batch);
        int n = data.size();
        int size = Math.min(batch, n);
        chip.program(w.w1(), w.w2());
        CubaReadout full = new CubaReadout(chip.network(), size);
        CubaReadout rest = n % size == 0 ? full : new CubaReadout(chip.network(), n % size);
        int[] labels = data.labelsView();
        long correct = 0;
        long spikes = 0;
        for (int from = 0; from < n; from += size) {
            int to = Math.min(n, from + size);
            CubaReadout out = to - from == size ? full : rest;
            chip.forward(data.input(), null, from, to, out);
            for (int r = 0; r < to - from; r++) {
                correct += out.prediction(r) == labels[from + r] ? 1 : 0;
                spikes += out.hiddenSpikes(r);
            }
        }
        return new CubaScore((double) correct / n, (double) spikes / n, n);
    }
}
