package chipsweep.train;

import chipsweep.chip.Readout;

/**
 * The saturation plateau of an MH chain, defined from the chip's outputs only: a sample is <i>saturated</i> when
 * its output spike counts tie at a bound: every output neuron fires at every one of the T steps, or none fires at
 * all. Its logits then tie, its loss is log 2 (two outputs) whatever small change the weights make, and its
 * prediction falls to the membrane-sum tie-break. A state is <i>on the plateau</i> when at least
 * {@link MhSettings#plateauShare} of the training samples are saturated. On the plateau the likelihood is flat in
 * the silent (or always-firing) neuron's weights, so the chain drifts there instead of climbing, and training
 * accuracy sits at the tie-break's class share. Both bounds count: the independent implementation's chains stuck
 * with every output at T; chipsweep's collapsed chains (mismatch, seeds 0-19) stuck with one output silent for
 * every sample, so the minority class ties at (0, 0) and the tie-break gives the majority class. Measured on
 * {@code mismatch} n = 398 chains: collapsed states have 33-41% of the samples saturated (the minority class is
 * 37%), healthy ones under 1-2%, so the default threshold, one quarter, separates them with room on both sides.
 *
 * <p>Example: {@code boolean on = Plateau.saturatedShare(readout, T) >= settings.plateauShare();}
 *
 * <p>Thread-safety: stateless.
 */
public final class Plateau {
    private Plateau() {
    }

    /**
     * The share of the readout's samples whose output counts are all {@code steps} or all 0. Allocates nothing.
     */
    public static double saturatedShare(Readout r, int steps) {
        int n = r.samples();
        int outputs = r.outputs();
        int saturated = 0;
        for (int i = 0; i < n; i++) {
            int first = r.count(i, 0);
            boolean tied = first == 0 || first == steps;
            for (int k = 1; k < outputs && tied; k++) {
                tied = r.count(i, k) == first;
            }
            saturated += tied ? 1 : 0;
        }
        return (double) saturated / n;
    }
}
