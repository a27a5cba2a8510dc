package chipsweep.train;

import chipsweep.chip.Chip;
import chipsweep.chip.Readout;

/**
 * The LIF network's training set on a {@link Chip}: {@link SpikeLoss} (cross-entropy of the spike-count logits
 * {@code gamma c / T}) of each sample's readout, the saturation plateau of {@link Plateau}.
 *
 * <p>Example: {@code ChipObjective obj = new SpikeObjective(chip, data, settings.gamma());}
 *
 * <p>Thread-safety: mutable, confined to one thread.
 */
public final class SpikeObjective implements ChipObjective {
    private final Chip chip;
    private final TrainingData data;
    private final int[] labels;
    private final SpikeLoss loss;
    private final Readout readout;
    private final int steps;

    public SpikeObjective(Chip chip, TrainingData data, double gamma) {
        this.chip = chip;
        this.data = data;
        this.labels = data.labels();
        this.loss = new SpikeLoss(gamma, chip.network().steps(), chip.network().outputs());
        this.readout = new Readout(chip.network(), data.size(), false);
        this.steps = chip.network().steps();
    }

    @Override
    public Chip chip() {
        return chip;
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public void evaluateAll() {
        chip.evaluate(data.inputs(), readout);
    }

    @Override
    public void evaluate(int[] order, int from, int to) {
        chip.evaluate(data.inputs(), order, from, to, readout);
    }

    @Override
    public double sampleLoss(int i) {
        return loss.sample(readout, i, labels[i]);
    }

    @Override
    public double lossSum() {
        return loss.sum(readout, labels);
    }

    @Override
    public double saturatedShare() {
        return Plateau.saturatedShare(readout, steps);
    }
}
