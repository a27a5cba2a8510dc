package chipsweep.sweep;

import java.util.List;

/**
 * A cell's expected cost, in microseconds of one core of the reference machine (2-core AMD EPYC, JDK 17), for
 * ordering the longest cells first and for the ETA ({@link Progress}). Only the ratios between the cells of one job
 * matter to the ETA, which calibrates the unit against the run's own rate; the figures come from the benchmarks of
 * docs/performance.md and from the cell times of real runs (docs/performance.md, "The expected-cost model").
 *
 * <ul>
 *   <li>LIF: a chip call costs {@link #US_PER_CALL} plus {@link #US_PER_SAMPLE} a sample (30-20-2, T = 20; scaled
 *   by steps x weights for other networks). An MH iteration is one call on every training sample, or, early
 *   rejecting on a deterministic chip with more samples than the first chunk, about 1.7 calls and 55% of the
 *   samples; a cold {@code mh} cell runs {@code chains} chains. A BP sample-epoch costs {@link #US_BP_SAMPLE_EPOCH}
 *   (a recorded forward pass, BPTT and Adam), {@code bp-oracle} 1.3 times that. Warm cells: their budget share of
 *   one chain or of the epochs.</li>
 *   <li>Every cell: a fixed {@link #US_CELL} (task, chip construction, result and trace rows) and its evaluations:
 *   the training and test sets on its own chip, and the test set on the ideal chip and each fleet chip.</li>
 *   <li>Current-based model: {@link #US_CUBA_TRAIN} an image-epoch on the ideal model (the offline training that
 *   {@code software} and {@code transfer} cells share, run once per seed before the first wave, so not a cell's
 *   cost), {@link #US_CUBA_ITL} in the loop on a noisy chip, an {@code mh} iteration and chain one
 *   inference pass ({@link #US_CUBA_TEST} an image) of the training set, and a test pass per quarter of the
 *   training images; scaled by H / 246 and T / 30.</li>
 *   <li>BiSNN: a sample-epoch costs T x (synapses + {@link #BISNN_NEURON_SYNAPSES} a neuron) x
 *   {@link #US_BISNN_SYNAPSE_STEP} (the Bayesian rule measured 7.4-7.9 times that at H = 32, 64, 128, but its
 *   training is shared by {@code bayes-map} and {@code bayes-ens} and run once per seed before the first wave, so
 *   not a cell's cost); testing (the test points, the grid, an ensemble's members) measured small next to training
 *   and not priced.</li>
 * </ul>
 */
final class CellCost {
    /** A LIF chip call: 9.5 us plus 0.22 us a sample (30-20-2, T = 20; docs/performance.md). */
    static final double US_PER_CALL = 9.5;
    static final double US_PER_SAMPLE = 0.22;
    /** The bench's bp cell: 0.197 s for 150 epochs of 398 samples. */
    static final double US_BP_SAMPLE_EPOCH = 3.3;
    /** safa2024 in the sweep: bp-oracle 35 s against bp-offline 27 s over the same 120 cells. */
    static final double ORACLE_FACTOR = 1.3;
    /**
     * An mh cell's iteration costs this many times its chip calls at the benchmark's rates (the chains' bookkeeping
     * on top). Measured, against bp cells: 1.0-1.1 on deployment's cells and 1.8-2.1 on the quickstart's (CPU time,
     * {@code CellCostRun}, on a shared machine: the MH kernel suffers more from a busy neighbour core), 1.6 on the
     * sums of safa2024's mh and bp cells in the sweep; 1.5 keeps each within 40%.
     */
    static final double MH_FACTOR = 1.5;
    /**
     * Early rejection: the bench's chain runs 53% of the samples in 1.7 calls an iteration; the quickstart's mh cells
     * at n = 398 ran 56-60% ({@code chip_samples}). Only above MetropolisHastings' first chunk of 96 samples.
     */
    static final double EARLY_CALLS = 1.7;
    static final double EARLY_SHARE = 0.55;
    static final int FIRST_CHUNK = 96;
    /** A cell's fixed part: deployment's budget-0 warm cells (no training, a fleet of 20) took 3-4.5 ms of CPU. */
    static final double US_CELL = 5000;
    /** WDBC's test set (30% of 569); the job does not know its data set's size. */
    static final int TEST_SAMPLES = 171;
    /** The bench's training rate, 14,307 images/s; transfer and software cells measured 0.7-1.0 of the model. */
    static final double US_CUBA_TRAIN = 70;
    /** In the loop on a noisy, decalibrated chip: measured 1.75-1.84 times transfer's CPU time (cramer2022-quick). */
    static final double US_CUBA_ITL = 125;
    /** Inference on a noisy chip: 18 us an image (the bench's 54,472 images/s) plus 36 us of Gaussian draws. */
    static final double US_CUBA_TEST = 54;
    /** Per synapse and step of a training sample (forward and local learning): fp at H = 128, 2 epochs. */
    static final double US_BISNN_SYNAPSE_STEP = 0.0009;
    /** A neuron's own work per step, in synapses: fits the CPU times at H = 32, 64, 128 (ratios 2.65 and 3.0). */
    static final double BISNN_NEURON_SYNAPSES = 22;

    /** Büchel, per 100 neurons: a mimic training trial (forward and the rule): 110 s / (5 x 1,000) / 3.84. */
    static final double US_BUCHEL_MIMIC_TRIAL = 5700;
    /** Büchel, per 100 neurons: a BPTT training trial (forward and backward): 499 s / (10 x 1,000) / 3.84. */
    static final double US_BUCHEL_BPTT_TRIAL = 13000;
    /** Büchel, per 100 neurons: a test trial on a chip draw at sigma 0: about 20 s / (50 x 100) / 3.84. */
    static final double US_BUCHEL_TEST_TRIAL = 1000;

    private CellCost() {
    }

    static double of(Cell c, Science s) {
        return of(c, s, false);
    }

    /**
     * The expected cost of training {@code source} ({@link Cell#source()}, a training the sweep shares), for running
     * the dearest first: the cost of a cell of it that trained in the cell.
     */
    static double training(Cell source, Science s) {
        return of(source, s, true);
    }

    private static double of(Cell c, Science s, boolean source) {
        return switch (s.model()) {
            case CUBA -> cuba(c, s, source);
            case BISNN -> bisnn(c, s, source);
            case BUCHEL -> buchel(c, s, source);
            default -> lif(c, s);
        };
    }

    private static double lif(Cell c, Science s) {
        int[] layers = s.network().layers();
        double weights = 0;
        for (int l = 0; l + 1 < layers.length; l++) {
            weights += (double) layers[l] * layers[l + 1];
        }
        double scale = s.network().steps() * weights / (20.0 * (30 * 20 + 20 * 2));
        int n = c.trainSize();
        boolean deterministic = !c.distortion().contains("noise") || c.sigma() == 0;
        double iteration = deterministic && n > FIRST_CHUNK
                ? EARLY_CALLS * US_PER_CALL + EARLY_SHARE * n * US_PER_SAMPLE
                : US_PER_CALL + n * US_PER_SAMPLE;
        double training;
        if (c.method().chains()) {
            double chains = c.method().warm() ? 1 : s.mh().chains();
            training = MH_FACTOR * chains * s.mh().iterations() * iteration;
        } else {
            double perEpoch = n * US_BP_SAMPLE_EPOCH * (c.method() == Method.BP_ORACLE ? ORACLE_FACTOR : 1.0);
            training = s.bp().epochs() * perEpoch;
        }
        if (c.method().warm()) {
            training *= c.budget();
        }
        int k = s.deployment().evalChips();
        double evaluations = (n + TEST_SAMPLES * (k > 0 ? k + 2 : 1)) * US_PER_SAMPLE + (k > 0 ? k + 2 : 1) * US_PER_CALL;
        return US_CELL + scale * (training + evaluations);
    }

    private static double cuba(Cell c, Science s, boolean source) {
        if (s.cuba() == null) {
            return US_CELL + c.trainSize();
        }
        double h = c.param("hidden", s.cuba().network().hidden());
        double scale = h / 246.0 * s.cuba().network().steps() / 30.0;
        double n = c.trainSize();
        if (c.method() == Method.MH) {
            // an iteration and chain runs the training set through the chip once (inference, no recording)
            return US_CELL + scale * ((double) s.mh().iterations() * s.mh().chains() * n + n / 4) * US_CUBA_TEST;
        }
        // software and transfer deploy a training the sweep runs once per seed before the first wave (Cell#source)
        double training = c.method().sourced() && !source ? 0
                : s.cuba().training().epochs() * n * (c.method() == Method.ITL ? US_CUBA_ITL : US_CUBA_TRAIN);
        return US_CELL + scale * (training + n / 4 * US_CUBA_TEST);
    }

    /**
     * Büchel, per 100 neurons: a training trial's pass (mimic: forward with the local rule; BPTT: forward and
     * backward, 2.3 times dearer) per epoch, plus the test trials on every chip draw, dearer as the chip's mismatch
     * makes the network spike more. Measured in the full buchel2021 run (N 384, 1,000 trials, 50 chips x 100 test
     * trials, 2 cores): BPTT training 499 s for 10 epochs, mimic about 110 s for 5 (the teacher, trained once per
     * seed, aside); cells 18 s (bptt), 21.5 s (mimic), 14 s (no-fast) at sigma 0, and at sigma 0.3 36, 142 and 84 s.
     * Quantised slow weights make a mimic network spike more too: its cells at sigma 0 took 90, 117, 61, 27 and 22 s
     * at 2 to 6 bits (4.2, 5.5, 2.8, 1.25 and 1.03 times the full-precision cell); a BPTT network's did not change.
     */
    private static double buchel(Cell c, Science s, boolean source) {
        chipsweep.train.BuchelSettings b = s.buchel() == null ? chipsweep.train.BuchelSettings.DEFAULTS
                : s.buchel().settings();
        double n = c.trainSize();
        double sigma = c.sigma();
        boolean bptt = c.method() == Method.BPTT;
        // every buchel cell deploys a training the sweep runs once per seed, method and bits (Cell#source)
        double train = !source ? 0 : bptt ? US_BUCHEL_BPTT_TRIAL * b.bpttEpochs() * n
                : US_BUCHEL_MIMIC_TRIAL * b.epochs() * n;
        double spiking = bptt ? 1 + 40 * sigma * sigma * sigma : Math.exp(6.2 * sigma) * quantisedSpiking(c);
        double test = (double) b.evalChips() * b.testTrials() * US_BUCHEL_TEST_TRIAL * spiking;
        return US_CELL + (train + test) * b.neurons() / 100.0;
    }

    /**
     * How much more a mimic network with {@code bits}-bit slow weights spikes than at full precision: 5.5 at 3 bits,
     * a little more than halving with each further bit (2.6, 1.2 at 4 and 5 bits), capped at 5.5 below; 1 at full
     * precision ({@code bits} 0 or absent, as {@link BuchelCells} reads it).
     */
    static double quantisedSpiking(Cell c) {
        double bits = c.param("bits", 0);
        return bits <= 0 ? 1 : Math.max(1, Math.min(5.5, 5.5 * Math.pow(2, -1.1 * (bits - 3))));
    }

    private static double bisnn(Cell c, Science s, boolean source) {
        if (s.bisnn() == null) {
            return US_CELL + c.trainSize();
        }
        List<Integer> layers = BisnnCells.settings(s.bisnn().training(), c).layers();
        double synapses = 0;
        for (int l = 0; l + 1 < layers.size(); l++) {
            synapses += (double) layers.get(l) * layers.get(l + 1) + BISNN_NEURON_SYNAPSES * layers.get(l + 1);
        }
        double sampleEpoch = s.bisnn().training().steps() * synapses * US_BISNN_SYNAPSE_STEP;
        // bayes-map and bayes-ens deploy a training the sweep runs once per seed before the first wave (Cell#source);
        // the test points, the grid and an ensemble's members measured negligible next to training
        return US_CELL + (c.method().sourced() && !source ? 0 : s.bisnn().training().epochs() * c.trainSize() * sampleEpoch);
    }
}
