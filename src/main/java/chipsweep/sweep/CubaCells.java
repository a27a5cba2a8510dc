package chipsweep.sweep;

import chipsweep.chip.CubaChip;
import chipsweep.chip.CubaNetwork;
import chipsweep.chip.CubaPhysics;
import chipsweep.chip.MeteredChip;
import chipsweep.chip.SimulatedCubaChip;
import chipsweep.data.ImageDataset;
import chipsweep.rng.Seeds;
import chipsweep.rng.Streams;
import chipsweep.train.CubaData;
import chipsweep.train.CubaMethod;
import chipsweep.train.CubaObjective;
import chipsweep.train.CubaScore;
import chipsweep.train.CubaSettings;
import chipsweep.train.CubaTrainResult;
import chipsweep.train.CubaWeights;
import chipsweep.train.Diagnostics;
import chipsweep.train.MhChains;
import chipsweep.train.MhSettings;
import chipsweep.train.TrainResult;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Runs one cell of a {@link Model#CUBA} job (spec/CRAMER.md): the nested training subset of the image train set,
 * the latency code, the chip instance (decalibration drawn from {@code chip(seed, decalibration)}, the 7-bit hidden
 * weights of {@code itl.w_max}, fresh membrane noise from {@code noise(seed, sigma)}, output clipping), the initial
 * weights, training by {@code itl}, {@code software}, {@code transfer} or {@code mh} (Metropolis-Hastings on the
 * chip as a black box, {@link CubaObjective}), and the test on the method's test chip.
 * Chip time and fleet evaluation go through the same {@link CellResult.Deployment} as the LIF model's.
 *
 * <p>Thread-safety: stateless; each call builds its own chip and generators.
 */
final class CubaCells {
    /** Test images run per minibatch when scoring. */
    private static final int SCORE_BATCH = 500;

    private CubaCells() {
    }

    static CellResult run(Science science, ImageDataset data, Cell cell, CellSeeds seeds, Instant start, Clock clock,
                          boolean mhEarlyRejection, CellRunner.Sources sources) {
        CubaScience cu = science.cuba();
        CubaNetwork net = network(cu, cell);
        CubaSettings settings = settings(cu, cell);
        CubaData train = trainData(cu, data, cell, seeds);
        CubaData test = CubaData.encode(data.test(), null, cu.code());

        MeteredChip.Cuba chip = MeteredChip.of(chip(cu, net, cell, seeds.chip().get("decalibration"), seeds.noise()));
        CubaWeights weights;
        CubaChip testChip;
        List<TracePoint> trace = new ArrayList<>();
        double finalLoss = Double.NaN;
        TrainResult mhResult = null;
        if (cell.method() == Method.MH) {
            TrainResult r = mhChains(science.mh(), mhEarlyRejection, new CubaObjective(chip, train), settings, net,
                    seeds);
            weights = new CubaWeights(r.weights()[0], r.weights()[1]);
            testChip = chip;
            mhResult = r;
        } else if (cell.method().sourced()) {
            // software and transfer deploy the offline training of their seed, which the sweep runs once
            CellRunner.SourceTraining t = sources.of(cell.source());
            weights = new CubaWeights(t.weights()[0], t.weights()[1]);
            testChip = CubaMethod.of(cell.method().id()).testChip(chip);
            trace.addAll(t.trace());
            finalLoss = t.finalLoss();
        } else {
            CubaTrainResult r = train(CubaMethod.of(cell.method().id()), chip, train, net, settings, seeds);
            weights = r.weights();
            testChip = chip;
            trace.addAll(curve(r));
            finalLoss = finalLoss(r);
        }
        long samples = chip.samples();
        long programs = chip.programs();

        CubaScore testScore = CubaScore.of(testChip, test, weights, SCORE_BATCH);
        CubaScore trainScore = CubaScore.of(testChip, train, weights, SCORE_BATCH);
        MhFigures mh = null;
        if (mhResult != null && mhResult.diagnostics() instanceof Diagnostics.Mh d) {
            // the chain's MAP and last states, tested on the chip after the deployed weights
            mh = MhFigures.of(d, w -> CubaScore.of(chip, test, new CubaWeights(w[0], w[1]), SCORE_BATCH).accuracy());
            trace.addAll(mh.trace());
        }
        int k = science.deployment().evalChips();
        double ideal = Double.NaN;
        List<CellResult.FleetChip> fleet = new ArrayList<>(k);
        if (k > 0) {
            ideal = CubaScore.of(SimulatedCubaChip.ideal(net), test, weights, SCORE_BATCH).accuracy();
            for (int i = 0; i < k; i++) {
                Map<String, Long> family = CellSeeds.familyChip(science.globalSeed(), cell.distortion(), cell.sigma(), i);
                Long decal = family.get("decalibration");
                CubaChip other = chip(cu, net, cell, decal, Seeds.child(decal == null ? i : decal, 1));
                fleet.add(new CellResult.FleetChip(i, family, CubaScore.of(other, test, weights, SCORE_BATCH)
                        .accuracy()));
            }
        }
        CellResult.Deployment deployment = new CellResult.Deployment(samples, programs, -1, -1, null, ideal, fleet);
        Instant end = clock.instant();
        Map<String, Double> metrics = Map.of("floor_accuracy", CellRunner.floor(test.labels()),
                "hidden_spikes_per_image", testScore.hiddenSpikesPerImage());
        if (mh == null) {
            return new CellResult(cell, CellResult.Status.OK, null, testScore.accuracy(), trainScore.accuracy(),
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, finalLoss,
                    CellRunner.seconds(start, end), start.toEpochMilli(), end.toEpochMilli(), seeds, trace, deployment,
                    metrics);
        }
        return new CellResult(cell, CellResult.Status.OK, null, testScore.accuracy(), trainScore.accuracy(),
                mh.mapAccuracy(), mh.lastAccuracy(), mh.acceptance(), mh.burnInAcceptance(), mh.step(), mh.lambda(),
                finalLoss, CellRunner.seconds(start, end), start.toEpochMilli(), end.toEpochMilli(), seeds, trace,
                deployment, metrics, mh.chains());
    }

    /**
     * The offline training that {@code software} and {@code transfer} cells deploy ({@link Cell#source()}): the
     * ideal model of the cell's network trained from the cell's initial weights and minibatch order; it never runs
     * a chip, so its chip seeds are empty and its chip time 0. A pure function of the science and {@code source}.
     */
    static CellRunner.SourceTraining trainOffline(Science science, ImageDataset data, Cell source) {
        if (source.method() != Method.SOFTWARE) {
            throw new IllegalArgumentException("the current-based model's shared training is software's, not "
                    + source.method().id());
        }
        CubaScience cu = science.cuba();
        CubaNetwork net = network(cu, source);
        CubaSettings settings = settings(cu, source);
        CellSeeds seeds = CellSeeds.of(science.globalSeed(), science.layers(source), source);
        CubaTrainResult r = train(CubaMethod.SOFTWARE, SimulatedCubaChip.ideal(net), trainData(cu, data, source, seeds),
                net, settings, seeds);
        return new CellRunner.SourceTraining(source, new double[][] {r.weights().w1(), r.weights().w2()}, Map.of(), 0,
                0, curve(r), finalLoss(r));
    }

    private static CubaTrainResult train(CubaMethod method, CubaChip chip, CubaData train, CubaNetwork net,
                                         CubaSettings settings, CellSeeds seeds) {
        CubaWeights initial = CubaWeights.gaussian(net, settings.initScale(), Streams.generator(seeds.init()));
        return method.trainer(settings).train(chip, train, initial, Streams.generator(seeds.train()));
    }

    private static List<TracePoint> curve(CubaTrainResult r) {
        List<TracePoint> trace = new ArrayList<>(r.curve().size());
        for (CubaTrainResult.Epoch e : r.curve()) {
            trace.add(TracePoint.epoch(e.epoch(), e.loss(), e.trainAccuracy()));
        }
        return trace;
    }

    private static double finalLoss(CubaTrainResult r) {
        return r.curve().isEmpty() ? Double.NaN : r.curve().get(r.curve().size() - 1).loss();
    }

    /** The cell's network: the job's, with the cell's {@code hidden} axis. */
    private static CubaNetwork network(CubaScience cu, Cell cell) {
        return cu.network().withHidden((int) cell.param("hidden", cu.network().hidden()));
    }

    /** The job's training settings with the cell's {@code rho_b} axis. */
    private static CubaSettings settings(CubaScience cu, Cell cell) {
        return cu.training().withRegularisers(cu.training().rhoA(), cell.param("rho_b", cu.training().rhoB()));
    }

    /** The cell's nested training subset, latency-coded. */
    private static CubaData trainData(CubaScience cu, ImageDataset data, Cell cell, CellSeeds seeds) {
        return CubaData.encode(data.train(), subset(data.train().size(), cell.trainSize(), seeds.subset()), cu.code());
    }

    /**
     * An mh cell's chains on the current-based chip, seeded as the LIF model's ({@code CellRunner}): chain 0 starts
     * from the cell's initial weights ({@code N(0, 1/fan_in)} times {@code itl.init_scale}, as the gradient
     * methods') and draws from its train stream; chain c > 0 from {@code Seeds.child(init, c)} and
     * {@code Seeds.child(train, c)}.
     */
    private static TrainResult mhChains(MhSettings mh, boolean earlyRejection, CubaObjective objective,
                                        CubaSettings settings, CubaNetwork net, CellSeeds seeds) {
        int k = mh.chains();
        double[][][] initials = new double[k][][];
        RandomGenerator[] generators = new RandomGenerator[k];
        for (int c = 0; c < k; c++) {
            CubaWeights w = CubaWeights.gaussian(net, settings.initScale(), Streams.generator(c == 0 ? seeds.init()
                    : Seeds.child(seeds.init(), c)));
            initials[c] = new double[][] {w.w1(), w.w2()};
            generators[c] = Streams.generator(c == 0 ? seeds.train() : Seeds.child(seeds.train(), c));
        }
        return new MhChains(mh, earlyRejection).train(objective, initials, generators);
    }

    /**
     * A chip instance of {@code net}: decalibrated from {@code decalSeed} (none, or sigma 0: nominal neurons), then
     * the job's 7-bit hidden weights, membrane noise (drawn from {@code noiseSeed}) and output clipping.
     */
    private static CubaChip chip(CubaScience cu, CubaNetwork net, Cell cell, Long decalSeed, long noiseSeed) {
        CubaPhysics p = decalSeed == null || cell.sigma() == 0.0 ? CubaPhysics.ideal(net)
                : CubaPhysics.decalibrated(net, cell.sigma(), Streams.generator(decalSeed));
        if (cu.training().wMax() > 0) {
            p = p.withQuantization(cu.training().wMax());
        }
        if (cu.noise() > 0) {
            p = p.withMembraneNoise(cu.noise());
        }
        if (cu.vClip() > 0) {
            p = p.withOutputClip(cu.vClip());
        }
        return SimulatedCubaChip.of(p, Streams.generator(noiseSeed));
    }

    /**
     * The first {@code n} of a seeded permutation of the train set's {@code size} images: nested (the subset of
     * size n lies inside that of size 2n) and the same for every method and sigma of a seed; all of them, in
     * order, when {@code n} is the whole set.
     */
    static int[] subset(int size, int n, long seed) {
        if (n > size) {
            throw new IllegalArgumentException("train_size must be <= the train set's " + size + " images, but was " + n);
        }
        if (n == size) {
            return null;
        }
        int[] perm = Streams.permutation(size, Streams.generator(seed));
        int[] rows = java.util.Arrays.copyOf(perm, n);
        java.util.Arrays.sort(rows);
        return rows;
    }
}
