package chipsweep.sweep;

import chipsweep.chip.Batch;
import chipsweep.chip.Distortions;
import chipsweep.chip.Network;
import chipsweep.chip.Readout;
import chipsweep.chip.SimulatedChip;
import chipsweep.data.Dataset;
import chipsweep.data.Prepared;
import chipsweep.data.Split;
import chipsweep.rng.Streams;
import chipsweep.train.Diagnostics;
import chipsweep.train.MetropolisHastings;
import chipsweep.train.SurrogateGradient;
import chipsweep.train.TrainResult;
import chipsweep.train.Trainer;
import chipsweep.train.TrainingData;
import chipsweep.train.Weights;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
    private final Dataset data;
    private final Clock clock;
    private final boolean mhEarlyRejection;

    public CellRunner(Science science, Dataset data, Clock clock) {
        this(science, data, clock, true);
    }

    /**
     * {@code mhEarlyRejection = false} makes {@code mh} run every training sample in every iteration: the same
     * results, slower (for benchmarks; see {@link MetropolisHastings}).
     */
    public CellRunner(Science science, Dataset data, Clock clock, boolean mhEarlyRejection) {
        this.science = science;
        this.data = data;
        this.clock = clock;
        this.mhEarlyRejection = mhEarlyRejection;
    }

    public CellResult run(Cell cell) {
        Instant start = clock.instant();
        Network net = science.network();
        CellSeeds seeds = CellSeeds.of(science.globalSeed(), net.layers(), cell);
        try {
            return runOrThrow(cell, seeds, start);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            Instant end = clock.instant();
            return new CellResult(cell, CellResult.Status.FAILED, describe(e), Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, seconds(start, end),
                    start.toEpochMilli(), end.toEpochMilli(), seeds, List.of());
        }
    }

    /**
     * Fault injection for tests: the system property {@value #FAIL_PROPERTY} holds {@code ;}-separated cell
     * labels (see {@link Cell#label()}); a cell whose label is listed throws, so it must end as a FAILED row.
     */
    public static final String FAIL_PROPERTY = "chipsweep.fault.fail-cells";

    private CellResult runOrThrow(Cell cell, CellSeeds seeds, Instant start) {
        String inject = System.getProperty(FAIL_PROPERTY);
        if (inject != null && java.util.Arrays.asList(inject.split(";")).contains(cell.label())) {
            throw new IllegalStateException("injected fault (" + FAIL_PROPERTY + ") for cell " + cell.label());
        }
        Network net = science.network();
        Split split = Split.stratified(data, science.trainFraction(), Streams.generator(seeds.split()));
        int[] rows = split.nestedSubset(data, cell.trainSize(), Streams.generator(seeds.subset()));
        Prepared p = Prepared.of(data, split, rows);
        TrainingData train = new TrainingData(Batch.of(p.xTrain()), p.yTrain());
        Batch test = Batch.of(p.xTest());
        int[] yTest = p.yTest();

        SimulatedChip chip = SimulatedChip.of(net, Distortions.draw(cell.distortion(), cell.sigma(), net,
                science.chip(), science.globalSeed(), cell.seed()));
        double[][] initial = Weights.initial(net, Streams.generator(seeds.init()));
        TrainResult result;
        switch (cell.method()) {
            case MH:
                result = new MetropolisHastings(science.mh(), mhEarlyRejection).train(chip, train, initial, Streams.generator(seeds.train()));
                break;
            case BP:
                result = SurrogateGradient.inTheLoop(science.bp()).train(chip, train, initial,
                        Streams.generator(seeds.train()));
                break;
            case BP_OFFLINE:
                result = SurrogateGradient.inTheLoop(science.bp()).train(SimulatedChip.ideal(net), train, initial,
                        Streams.generator(seeds.train()));
                break;
            case BP_ORACLE:
                result = SurrogateGradient.withOracleAccess(science.bp(), chip.internalsForOracle()).train(chip, train,
                        initial, Streams.generator(seeds.train()));
                break;
            default:
                throw new IllegalStateException("unhandled method " + cell.method());
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
        if (result.diagnostics() instanceof Diagnostics.Mh mh) {
            mapAcc = accuracy(chip, mh.mapWeights(), test, yTest);
            lastAcc = accuracy(chip, mh.lastWeights(), test, yTest);
            acc = mh.acceptanceRate();
            burnAcc = mh.burnInAcceptanceRate();
            step = mh.finalStep();
            lambda = mh.lambda();
            for (Diagnostics.ChainPoint c : mh.chain()) {
                trace.add(TracePoint.chain(c.iteration(), c.logLikelihood(), c.logPrior(), c.acceptanceRate(), c.step()));
            }
        } else if (result.diagnostics() instanceof Diagnostics.Bp bp) {
            for (Diagnostics.EpochPoint e : bp.curve()) {
                trace.add(TracePoint.epoch(e.epoch(), e.loss(), e.trainAccuracy()));
            }
            finalLoss = bp.curve().isEmpty() ? Double.NaN : bp.curve().get(bp.curve().size() - 1).loss();
        }
        Instant end = clock.instant();
        return new CellResult(cell, CellResult.Status.OK, null, testAcc, trainAcc, mapAcc, lastAcc, acc, burnAcc,
                step, lambda, finalLoss, seconds(start, end), start.toEpochMilli(), end.toEpochMilli(), seeds, trace);
    }

    private static double accuracy(SimulatedChip chip, double[][] w, Batch x, int[] y) {
        Readout r = new Readout(chip.network(), x.rows(), false);
        chip.program(w);
        chip.evaluate(x, r);
        return r.accuracy(y);
    }

    private static double seconds(Instant a, Instant b) {
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
