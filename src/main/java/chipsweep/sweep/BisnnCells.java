package chipsweep.sweep;

import chipsweep.data.GeneratedData;
import chipsweep.train.BisnnMethod;
import chipsweep.train.BisnnModel;
import chipsweep.train.BisnnSettings;
import chipsweep.train.BisnnTwoMoons;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one cell of a {@link Model#BISNN} job (spec/BISNN.md): two moons of {@code train_size} training points
 * generated from the cell's seed stream {@code split(seed)} (shared by every method of the seed, so methods are
 * paired), population-coded, the DECOLLE network (its hidden layers {@code hidden} wide when the axis is given)
 * trained by the method's rule, and scored on the test points and the grid: accuracy, expected calibration
 * error, negative log-likelihood, mean predictive entropy on the test points and over the grid.
 *
 * <p>Thread-safety: stateless.
 */
final class BisnnCells {
    private BisnnCells() {
    }

    /** The job's settings with the cell's {@code hidden} axis applied to every hidden layer. */
    static BisnnSettings settings(BisnnSettings s, Cell cell) {
        if (!cell.params().containsKey("hidden")) {
            return s;
        }
        int h = (int) cell.param("hidden", 0);
        List<Integer> layers = new ArrayList<>(s.layers());
        for (int i = 1; i < layers.size() - 1; i++) {
            layers.set(i, h);
        }
        return s.withLayers(layers);
    }

    /**
     * Runs {@code cell}: a {@code bayes-map} or {@code bayes-ens} cell deploys the Bayesian training of its seed from
     * {@code sources} ({@link Cell#source()}; the sweep trains it once for both), the others train in the cell.
     */
    static CellResult run(Science science, GeneratedData data, Cell cell, CellSeeds seeds, Instant start, Clock clock,
                          CellRunner.Sources sources) {
        BisnnSettings s = settings(science.bisnn().training(), cell);
        BisnnTwoMoons.Data d = data(s, data, cell, seeds);
        BisnnMethod method = BisnnMethod.of(cell.method().id());
        BisnnModel model;
        if (cell.method().sourced()) {
            model = new BisnnModel(d.network(), method.rule(), sources.of(cell.source()).weights(), List.of());
        } else {
            model = BisnnTwoMoons.train(d, s, method.rule(), seeds.split());
        }
        BisnnTwoMoons.Scores sc = BisnnTwoMoons.score(d, s, model, method, seeds.split(), 1.0, Double.NaN);
        double grid = 0;
        for (double e : sc.entropyMap()) {
            grid += e;
        }
        grid /= sc.entropyMap().length;
        int bins = sc.reliability().bins();
        double[] count = new double[bins];
        double[] conf = new double[bins];
        double[] acc = new double[bins];
        for (int m = 0; m < bins; m++) {
            count[m] = sc.reliability().count(m);
            conf[m] = sc.reliability().confidence(m);
            acc[m] = sc.reliability().accuracy(m);
        }
        Instant end = clock.instant();
        return new CellResult(cell, CellResult.Status.OK, null, sc.accuracy(), Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, CellRunner.seconds(start, end),
                start.toEpochMilli(), end.toEpochMilli(), seeds, List.of(), new CellResult.Deployment(0, 0, -1, -1, null,
                Double.NaN, List.of()), Map.of("floor_accuracy", CellRunner.floor(d.test().labels()),
                "ece", sc.ece(), "nll", sc.nll(), "entropy_test", sc.meanEntropy(), "entropy_grid", grid),
                CellResult.ChainStats.NONE, Map.of("reliability_count", count, "reliability_confidence", conf,
                "reliability_accuracy", acc, "entropy_map", sc.entropyMap()));
    }

    /**
     * The training a {@code bayes-map} and a {@code bayes-ens} cell of one seed share ({@link Cell#source()}): the
     * Bayesian rule's natural parameters, with the last epoch's mean loss. A pure function of the science and
     * {@code source}, the same training a cell of either method would run itself.
     */
    static CellRunner.SourceTraining trainShared(Science science, GeneratedData data, Cell source) {
        BisnnSettings s = settings(science.bisnn().training(), source);
        CellSeeds seeds = CellSeeds.of(science.globalSeed(), science.layers(source), source);
        BisnnTwoMoons.Data d = data(s, data, source, seeds);
        BisnnModel model = BisnnTwoMoons.train(d, s, BisnnMethod.of(source.method().id()).rule(), seeds.split());
        List<Double> losses = model.epochLosses();
        return new CellRunner.SourceTraining(source, model.parameters(), Map.of(), 0, 0, List.of(),
                losses.isEmpty() ? Double.NaN : losses.get(losses.size() - 1));
    }

    /** The cell's two moons, from its seed stream {@code split(seed)} (shared by every method of the seed). */
    private static BisnnTwoMoons.Data data(BisnnSettings s, GeneratedData data, Cell cell, CellSeeds seeds) {
        if (cell.trainSize() > GeneratedData.MAX_TRAIN_POINTS) {
            throw new IllegalArgumentException("train_size must be <= " + GeneratedData.MAX_TRAIN_POINTS + ", but was "
                    + cell.trainSize());
        }
        return BisnnTwoMoons.data(seeds.split(), s, cell.trainSize(), data.testPoints(), data.gridSide());
    }
}
