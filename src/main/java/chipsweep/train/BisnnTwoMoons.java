package chipsweep.train;

import chipsweep.chip.DecolleNetwork;
import chipsweep.chip.SpikeTrains;
import chipsweep.data.PopulationCode;
import chipsweep.data.TwoMoons;
import chipsweep.rng.Seeds;
import chipsweep.rng.Streams;
import java.util.ArrayList;
import java.util.List;

/**
 * The two moons experiment of BISNN.md sections 3 and 4 from one seed: data, population code, network, training
 * of one rule and its methods' scores. Every stream is derived from the seed with {@link Seeds#derive}:
 * {@code bisnn-moons} (points), {@code bisnn-code|train}, {@code |test}, {@code |grid} (spike trains),
 * {@code bisnn-readout} (the fixed readouts), {@code bisnn-train|rule} (initial parameters, shuffles, relaxed
 * samples) and {@code bisnn-ensemble|method} (the hard samples of bayes-ens).
 *
 * <p>Example:
 * <pre>{@code
 * BisnnTwoMoons.Data d = BisnnTwoMoons.data(0, s, 200, 200, 21);
 * List<BisnnTwoMoons.Scores> r = BisnnTwoMoons.run(d, s, BisnnRule.BAYES, 0); // bayes-map, bayes-ens
 * }</pre>
 *
 * <p>Thread-safety: stateless; the records hold arrays the caller must not change.
 */
public final class BisnnTwoMoons {
    private BisnnTwoMoons() {
    }

    /** Encoded training, test and grid sets, the network and the grid's points. */
    public record Data(TwoMoons train, TwoMoons test, SpikeTrains trainSpikes, SpikeTrains testSpikes,
                       double[][] grid, SpikeTrains gridSpikes, DecolleNetwork network) {
    }

    /**
     * One method's scores on the test set (accuracy, ECE over 10 bins, NLL, mean predictive entropy, reliability
     * bins) and its entropy map over the grid (row-major as {@link TwoMoons#grid}); {@code trainSeconds} is the
     * training wall time of the rule.
     */
    public record Scores(BisnnMethod method, double accuracy, double ece, double nll, double meanEntropy,
                         Calibration.Reliability reliability, double[] entropyMap, double trainSeconds) {
    }

    /** Two moons with {@code nTrain} + {@code nTest} points (noise 0.1) and a {@code gridSide}^2 grid, encoded. */
    public static Data data(long seed, BisnnSettings s, int nTrain, int nTest, int gridSide) {
        TwoMoons.Task task = task(seed, nTrain, nTest);
        int[] layers = s.layerArray();
        PopulationCode code = new PopulationCode(layers[0] / 2, s.steps());
        if (layers[0] != 2 * code.neuronsPerDim()) {
            throw new IllegalArgumentException("layers must start with an even input size (2 dimensions x neurons), "
                    + "but was " + layers[0]);
        }
        double[][] grid = TwoMoons.grid(gridSide);
        DecolleNetwork net = BisnnTrainer.network(s, 2, Streams.generator(Seeds.derive(seed, "bisnn-readout")));
        return new Data(task.train(), task.test(),
                code.encode(task.train().points(), Seeds.derive(seed, "bisnn-code", "train")),
                code.encode(task.test().points(), Seeds.derive(seed, "bisnn-code", "test")),
                grid, code.encode(grid, Seeds.derive(seed, "bisnn-code", "grid")), net);
    }

    /** The two-moons points of a cell whose split seed is {@code seed} (what {@link #data} encodes). */
    public static TwoMoons.Task task(long seed, int nTrain, int nTest) {
        return TwoMoons.task(nTrain, nTest, TwoMoons.NOISE,
                Streams.generator(Seeds.derive(seed, "bisnn-moons", nTrain, nTest)));
    }

    /** Trains {@code rule} and scores each of its methods (fp; st; bayes-map and bayes-ens). */
    public static List<Scores> run(Data d, BisnnSettings s, BisnnRule rule, long seed) {
        return run(d, s, rule, seed, 1.0);
    }

    /** As {@link #run(Data, BisnnSettings, BisnnRule, long)} with class probabilities softmax(logitScale * S). */
    public static List<Scores> run(Data d, BisnnSettings s, BisnnRule rule, long seed, double logitScale) {
        long t0 = System.nanoTime();
        BisnnModel model = train(d, s, rule, seed);
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<Scores> out = new ArrayList<>();
        for (BisnnMethod m : BisnnMethod.values()) {
            if (m.rule() == rule) {
                out.add(score(d, s, model, m, seed, logitScale, seconds));
            }
        }
        return out;
    }

    /** Trains {@code rule} on the data of seed {@code seed} (the training every method of the rule deploys). */
    public static BisnnModel train(Data d, BisnnSettings s, BisnnRule rule, long seed) {
        return new BisnnTrainer(s).train(d.network(), d.trainSpikes(), d.train().labels(), rule,
                Streams.generator(Seeds.derive(seed, "bisnn-train", rule.id())));
    }

    /**
     * Scores method {@code m} of {@code model} (trained by {@link #train} on the data of seed {@code seed}) with
     * class probabilities softmax(logitScale * S); {@code trainSeconds} is carried into the scores.
     */
    public static Scores score(Data d, BisnnSettings s, BisnnModel model, BisnnMethod m, long seed, double logitScale,
                               double trainSeconds) {
        if (m.rule() != model.rule()) {
            throw new IllegalArgumentException(m.id() + " deploys a " + m.rule().id() + " training, not "
                    + model.rule().id());
        }
        int[] y = d.test().labels();
        double[][] p = model.probabilities(d.testSpikes(), m, s.ensembleSize(), logitScale,
                Streams.generator(Seeds.derive(seed, "bisnn-ensemble", m.id(), "test")));
        double[][] g = model.probabilities(d.gridSpikes(), m, s.ensembleSize(), logitScale,
                Streams.generator(Seeds.derive(seed, "bisnn-ensemble", m.id(), "grid")));
        return new Scores(m, Calibration.accuracy(p, y), Calibration.expectedCalibrationError(p, y,
                Calibration.BINS), Calibration.negativeLogLikelihood(p, y), Calibration.meanEntropy(p),
                Calibration.reliability(p, y, Calibration.BINS), Calibration.entropies(g), trainSeconds);
    }
}
