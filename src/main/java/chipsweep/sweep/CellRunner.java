package chipsweep.sweep;

import chipsweep.chip.Batch;
import chipsweep.chip.Chip;
import chipsweep.chip.MeteredChip;
import chipsweep.chip.Distortions;
import chipsweep.chip.Network;
import chipsweep.chip.Readout;
import chipsweep.chip.SimulatedChip;
import chipsweep.data.Dataset;
import chipsweep.data.ImageDataset;
import chipsweep.data.TaskData;
import chipsweep.data.Prepared;
import chipsweep.data.Split;
import chipsweep.rng.Seeds;
import chipsweep.rng.Streams;
import chipsweep.train.BisnnRule;
import chipsweep.train.BpSettings;
import chipsweep.train.Diagnostics;
import chipsweep.train.MhSettings;
import chipsweep.train.MetropolisHastings;
import chipsweep.train.MhChains;
import chipsweep.train.SurrogateGradient;
import chipsweep.train.TrainResult;
import chipsweep.train.TrainingData;
import chipsweep.train.Weights;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Runs one cell from start to end, in-process: split and subset the data, normalise, draw the chip, draw the
 * initial weights, train with the cell's method, evaluate the deployed weights on the chip. The {@code cell}
 * command and every Spark task go through here, so both give the same numbers.
 *
 * <p>A cell that throws becomes a {@link CellResult.Status#FAILED} result carrying the error; it does not
 * propagate. Example: {@code CellResult r = new CellRunner(science, data, Clock.systemUTC()).run(cell);}
 *
 * <p>Thread-safety: immutable; each {@link #run} builds its own chip and generators.
 */
public final class CellRunner {
    private final Science science;
    private final TaskData data;
    private final Clock clock;
    private final boolean mhEarlyRejection;
    private final Sources sources;

    public CellRunner(Science science, TaskData data, Clock clock) {
        this(science, data, clock, true);
    }

    /**
     * {@code mhEarlyRejection = false} makes {@code mh} run every training sample in every iteration: the same
     * results, slower (for benchmarks; see {@link MetropolisHastings}). Warm cells train their source in-process.
     */
    public CellRunner(Science science, TaskData data, Clock clock, boolean mhEarlyRejection) {
        this(science, data, clock, mhEarlyRejection, null);
    }

    /**
     * A runner whose warm cells take their source networks from {@code sources} (the sweep trains each source
     * once and shares it); null trains a warm cell's source in-process when it runs.
     */
    public CellRunner(Science science, TaskData data, Clock clock, boolean mhEarlyRejection, Sources sources) {
        this.science = science;
        this.data = data;
        this.clock = clock;
        this.mhEarlyRejection = mhEarlyRejection;
        this.sources = sources != null ? sources : this::trainSource;
    }

    /** Where a warm cell's source network comes from: the training of {@link Cell#source()} on the source chip. */
    @FunctionalInterface
    public interface Sources {
        SourceTraining of(Cell source);
    }

    /**
     * A training the sweep runs once and shares ({@link Cell#source()}): a warm start's source (the weights the
     * cold method deployed after training on the job's source chip, and the chip time that training took there),
     * or the current-based model's offline training that {@code software} and {@code transfer} cells of one seed
     * deploy (no chip: empty seeds, no chip time), with its learning curve and last loss; for the Büchel model
     * also the figures of the trained network that no chip draw changes ({@code figures}: its ideal-chip accuracy,
     * the teacher's accuracy, the reconstruction error).
     */
    public record SourceTraining(Cell cell, double[][] weights, java.util.Map<String, Long> chipSeeds, long chipSamples,
                                 long chipPrograms, List<TracePoint> trace, double finalLoss,
                                 java.util.Map<String, Double> figures)
            implements java.io.Serializable {
        public SourceTraining {
            weights = Weights.copy(weights);
            chipSeeds = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(chipSeeds));
            trace = List.copyOf(trace);
            figures = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(figures));
        }

        /** A training without figures of its own. */
        public SourceTraining(Cell cell, double[][] weights, java.util.Map<String, Long> chipSeeds, long chipSamples,
                              long chipPrograms, List<TracePoint> trace, double finalLoss) {
            this(cell, weights, chipSeeds, chipSamples, chipPrograms, trace, finalLoss, java.util.Map.of());
        }

        /** A warm start's source: no learning curve kept. */
        public SourceTraining(Cell cell, double[][] weights, java.util.Map<String, Long> chipSeeds, long chipSamples,
                              long chipPrograms) {
            this(cell, weights, chipSeeds, chipSamples, chipPrograms, List.of(), Double.NaN);
        }
    }

    public CellResult run(Cell cell) {
        Instant start = clock.instant();
        CellSeeds seeds = CellSeeds.of(science.globalSeed(), science.layers(cell), cell);
        try {
            if (!cell.method().runsOn(science.model())) {
                throw new IllegalArgumentException("method " + cell.method().id() + " does not apply to model "
                        + science.model().id());
            }
            if (science.model() == Model.CUBA) {
                return CubaCells.run(science, images(), cell, seeds, start, clock, mhEarlyRejection, sources);
            }
            if (science.model() == Model.BISNN) {
                return BisnnCells.run(science, generated(), cell, seeds, start, clock, sources);
            }
            if (science.model() == Model.BUCHEL) {
                return BuchelCells.run(science, cell, seeds, start, clock, sources);
            }
            return runOrThrow(cell, seeds, start);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            Instant end = clock.instant();
            return new CellResult(cell, CellResult.Status.FAILED, describe(e), Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, seconds(start, end),
                    start.toEpochMilli(), end.toEpochMilli(), seeds, List.of());
        }
    }

    /**
     * Trains the source network of warm cells: {@code source}'s cold method with {@code source}'s seeds, data and
     * initial weights, on family chip {@code deployment.source_chip} of the cell's (distortion, sigma) instead of
     * the cell's own chip; for the current-based model, the offline training of {@code software} and
     * {@code transfer} ({@link Cell#source()}). A pure function of the science and {@code source}.
     */
    public SourceTraining trainSource(Cell source) {
        inject(source);
        if (science.model() == Model.CUBA) {
            return CubaCells.trainOffline(science, images(), source);
        }
        if (science.model() == Model.BISNN) {
            return BisnnCells.trainShared(science, generated(), source);
        }
        if (science.model() == Model.BUCHEL) {
            return BuchelCells.trainShared(science, source);
        }
        if (source.method() != Method.MH && source.method() != Method.BP) {
            throw new IllegalArgumentException("a warm start's source is trained by mh or bp, not " + source.method().id());
        }
        Network net = science.network();
        CellSeeds seeds = CellSeeds.of(science.globalSeed(), net.layers(), source);
        Prepared p = prepare(source, seeds);
        int index = science.deployment().sourceChip();
        MeteredChip chip = MeteredChip.of(familyChip(source, index));
        TrainingData train = new TrainingData(Batch.of(p.xTrain()), p.yTrain());
        TrainResult r = source.method() == Method.MH ? mhChains(chip, train, seeds, false)
                : train(source.method(), chip, train, Weights.initial(net, Streams.generator(seeds.init())),
                        Streams.generator(seeds.train()));
        return new SourceTraining(source, r.weights(), CellSeeds.familyChip(science.globalSeed(), source.distortion(),
                source.sigma(), index), chip.samples(), chip.programs());
    }

    /**
     * Fault injection for tests: the system property {@value #FAIL_PROPERTY} holds {@code ;}-separated cell
     * labels (see {@link Cell#label()}); a LIF cell or a shared training ({@link #trainSource}) whose label is listed
     * throws, so the cell, or every cell that deploys the training, must end as a FAILED row.
     */
    public static final String FAIL_PROPERTY = "chipsweep.fault.fail-cells";

    private static void inject(Cell cell) {
        String inject = System.getProperty(FAIL_PROPERTY);
        if (inject != null && java.util.Arrays.asList(inject.split(";")).contains(cell.label())) {
            throw new IllegalStateException("injected fault (" + FAIL_PROPERTY + ") for cell " + cell.label());
        }
    }

    private Prepared prepare(Cell cell, CellSeeds seeds) {
        Dataset table = table();
        Split split = Split.stratified(table, science.trainFraction(), Streams.generator(seeds.split()));
        int[] rows = split.nestedSubset(table, cell.trainSize(), Streams.generator(seeds.subset()));
        return Prepared.of(table, split, rows);
    }

    private Dataset table() {
        if (data instanceof Dataset d) {
            return d;
        }
        throw new IllegalArgumentException("model lif needs a tabular data set (WDBC), not " + data);
    }

    private chipsweep.data.GeneratedData generated() {
        if (data instanceof chipsweep.data.GeneratedData d) {
            return d;
        }
        throw new IllegalArgumentException("model bisnn generates its data, not " + data);
    }

    private ImageDataset images() {
        if (data instanceof ImageDataset d) {
            return d;
        }
        throw new IllegalArgumentException("model cuba needs an image data set (IDX files), not " + data);
    }

    /** The share of the most frequent label among {@code labels}: a classifier's chance floor on them. */
    static double floor(int[] labels) {
        java.util.Map<Integer, Integer> counts = new java.util.HashMap<>();
        int best = 0;
        for (int y : labels) {
            best = Math.max(best, counts.merge(y, 1, Integer::sum));
        }
        return labels.length == 0 ? Double.NaN : (double) best / labels.length;
    }

    /** Family chip {@code index} of the cell's (distortion, sigma): the same for every method and seed. */
    private SimulatedChip familyChip(Cell cell, int index) {
        Network net = science.network();
        return SimulatedChip.of(net, Distortions.draw(cell.distortion(), cell.sigma(), net, science.chip(),
                CellSeeds.familyChip(science.globalSeed(), cell.distortion(), cell.sigma(), index)));
    }

    /**
     * A cold mh cell's training: {@code mh.chains} chains on {@code chip}. Chain 0 starts from the cell's initial
     * weights and draws from its train stream, exactly as a lone chain; chain c > 0 from streams of its own,
     * {@code Seeds.child(init, c)} and {@code Seeds.child(train, c)} (pure functions of the cell's seeds).
     */
    private TrainResult mhChains(Chip chip, TrainingData train, CellSeeds seeds, boolean signs) {
        MhSettings mh = science.mh();
        int k = mh.chains();
        double[][][] initials = new double[k][][];
        RandomGenerator[] generators = new RandomGenerator[k];
        for (int c = 0; c < k; c++) {
            initials[c] = Weights.initial(science.network(), Streams.generator(c == 0 ? seeds.init()
                    : Seeds.child(seeds.init(), c)));
            generators[c] = Streams.generator(c == 0 ? seeds.train() : Seeds.child(seeds.train(), c));
        }
        return new MhChains(mh, mhEarlyRejection, signs ? science.binary() : null).train(chip, train, initials,
                generators);
    }

    /** Trains with a cold method's trainer on {@code chip} (which it sees as a black box, but for the oracle). */
    private TrainResult train(Method m, Chip chip, TrainingData train, double[][] initial, RandomGenerator rng) {
        return train(m, chip, null, train, initial, rng, science.mh(), science.bp());
    }

    private TrainResult train(Method m, Chip chip, SimulatedChip oracleView, TrainingData train, double[][] initial,
                              RandomGenerator rng, MhSettings mh, BpSettings bp) {
        switch (m.cold()) {
            case MH:
                return new MetropolisHastings(mh, mhEarlyRejection).train(chip, train, initial, rng);
            case BP:
                return SurrogateGradient.inTheLoop(bp).train(chip, train, initial, rng);
            case BP_ST:
                return SurrogateGradient.binaryInTheLoop(bp, science.binary(), BisnnRule.ST).train(chip, train,
                        initial, rng);
            case BP_BAYES:
                return SurrogateGradient.binaryInTheLoop(bp, science.binary(), BisnnRule.BAYES).train(chip, train,
                        initial, rng);
            case BP_ORACLE:
                return SurrogateGradient.withOracleAccess(bp, oracleView.internalsForOracle()).train(chip, train,
                        initial, rng);
            default:
                throw new IllegalStateException("unhandled method " + m);
        }
    }

    private CellResult runOrThrow(Cell cell, CellSeeds seeds, Instant start) {
        inject(cell);
        Network net = science.network();
        Prepared p = prepare(cell, seeds);
        TrainingData train = new TrainingData(Batch.of(p.xTrain()), p.yTrain());
        Batch test = Batch.of(p.xTest());
        int[] yTest = p.yTest();

        SimulatedChip chip = SimulatedChip.of(net, Distortions.draw(cell.distortion(), cell.sigma(), net,
                science.chip(), science.globalSeed(), cell.seed()));
        MeteredChip metered = MeteredChip.of(chip);
        double[][] initial = Weights.initial(net, Streams.generator(seeds.init()));
        RandomGenerator rng = Streams.generator(seeds.train());
        TrainResult result;
        SourceTraining source = null;
        Method m = cell.method();
        if (m == Method.BP_OFFLINE) {
            result = train(Method.BP, SimulatedChip.ideal(net), train, initial, rng); // off the chip: no chip time
        } else if (m.warm()) {
            source = sources.of(cell.source());
            result = warm(cell, metered, train, source.weights(), rng);
        } else if (m == Method.MH || m == Method.MH_SIGN) {
            result = mhChains(metered, train, seeds, m == Method.MH_SIGN);
        } else {
            result = train(m, metered, chip, train, initial, rng, science.mh(), science.bp());
        }
        double testAcc = accuracy(chip, result.weights(), test, yTest);
        double trainAcc = accuracy(chip, result.weights(), train.inputs(), train.labels());
        double mapAcc = Double.NaN;
        double lastAcc = Double.NaN;
        double acc = Double.NaN;
        double burnAcc = Double.NaN;
        double step = Double.NaN;
        double lambda = Double.NaN;
        double finalLoss = Double.NaN;
        List<TracePoint> trace = new ArrayList<>();
        CellResult.ChainStats chains = CellResult.ChainStats.NONE;
        if (result.diagnostics() instanceof Diagnostics.Mh mh) {
            MhFigures f = MhFigures.of(mh, w -> accuracy(chip, w, test, yTest));
            mapAcc = f.mapAccuracy();
            lastAcc = f.lastAccuracy();
            acc = f.acceptance();
            burnAcc = f.burnInAcceptance();
            step = f.step();
            lambda = f.lambda();
            trace.addAll(f.trace());
            chains = f.chains();
        } else if (result.diagnostics() instanceof Diagnostics.Bp bp) {
            for (Diagnostics.EpochPoint e : bp.curve()) {
                trace.add(TracePoint.epoch(e.epoch(), e.loss(), e.trainAccuracy()));
            }
            finalLoss = bp.curve().isEmpty() ? Double.NaN : bp.curve().get(bp.curve().size() - 1).loss();
        }
        CellResult.Deployment deployment = deployment(cell, result.weights(), test, yTest, metered, source);
        Instant end = clock.instant();
        return new CellResult(cell, CellResult.Status.OK, null, testAcc, trainAcc, mapAcc, lastAcc, acc, burnAcc,
                step, lambda, finalLoss, seconds(start, end), start.toEpochMilli(), end.toEpochMilli(), seeds, trace,
                deployment, java.util.Map.of("floor_accuracy", floor(yTest)), chains);
    }

    /**
     * A warm cell's training: its cold method from the source weights with {@code round(budget x)} of the cold
     * iterations (burn-in scaled alike) or epochs. A budget that rounds to nothing deploys the source weights as
     * they are, without touching the chip.
     */
    private TrainResult warm(Cell cell, Chip chip, TrainingData train, double[][] from, RandomGenerator rng) {
        double b = cell.budget();
        MhSettings mh = science.mh();
        BpSettings bp = science.bp();
        if (cell.method().cold() == Method.MH) {
            int iterations = (int) Math.round(b * mh.iterations());
            if (iterations == 0) {
                return new TrainResult(from, null);
            }
            int burnIn = Math.min((int) Math.round(b * mh.burnIn()), iterations - 1);
            mh = mh.withIterations(iterations, burnIn);
        } else {
            int epochs = (int) Math.round(b * bp.epochs());
            if (epochs == 0) {
                return new TrainResult(from, null);
            }
            bp = new BpSettings(bp.learningRate(), bp.beta1(), bp.beta2(), bp.epsilon(), bp.batchSize(), epochs,
                    bp.surrogateSlope(), bp.gamma());
        }
        return train(cell.method().cold(), chip, null, train, from, rng, mh, bp);
    }

    /**
     * Chip time, and with {@code deployment.eval_chips} K > 0 the deployed weights on the ideal chip and on family
     * chips 0..K-1 of the cell's (distortion, sigma). {@code bp-offline} trains off-chip: zero chip time.
     */
    private CellResult.Deployment deployment(Cell cell, double[][] w, Batch test, int[] yTest, MeteredChip metered,
                                             SourceTraining source) {
        int k = science.deployment().evalChips();
        double ideal = Double.NaN;
        List<CellResult.FleetChip> fleet = new ArrayList<>(k);
        if (k > 0) {
            ideal = accuracy(SimulatedChip.ideal(science.network()), w, test, yTest);
            for (int i = 0; i < k; i++) {
                fleet.add(new CellResult.FleetChip(i, CellSeeds.familyChip(science.globalSeed(), cell.distortion(),
                        cell.sigma(), i), accuracy(familyChip(cell, i), w, test, yTest)));
            }
        }
        return new CellResult.Deployment(metered.samples(), metered.programs(),
                source == null ? -1 : source.chipSamples(), source == null ? -1 : source.chipPrograms(),
                source == null ? null : source.chipSeeds(), ideal, fleet);
    }

    private static double accuracy(Chip chip, double[][] w, Batch x, int[] y) {
        Readout r = new Readout(chip.network(), x.rows(), false);
        chip.program(w);
        chip.evaluate(x, r);
        return r.accuracy(y);
    }

    static double seconds(Instant a, Instant b) {
        return Duration.between(a, b).toNanos() / 1e9;
    }

    /** One line: the exception's class and message, then the first frames, for the result row. */
    static String describe(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        String[] lines = w.toString().split("\n");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(lines.length, 8); i++) {
            b.append(i == 0 ? "" : " | ").append(lines[i].trim());
        }
        return b.toString();
    }
}
