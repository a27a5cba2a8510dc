package chipsweep.sweep;

import chipsweep.chip.CubaChip;
import chipsweep.chip.CubaInput;
import chipsweep.chip.CubaNetwork;
import chipsweep.chip.CubaPhysics;
import chipsweep.chip.CubaReadout;
import chipsweep.chip.CubaRecording;
import chipsweep.chip.SimulatedCubaChip;
import chipsweep.data.ImageDataset;
import chipsweep.rng.Seeds;
import chipsweep.rng.Streams;
import chipsweep.train.CubaData;
import chipsweep.train.CubaMethod;
import chipsweep.train.CubaScore;
import chipsweep.train.CubaSettings;
import chipsweep.train.CubaTrainResult;
import chipsweep.train.CubaWeights;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one cell of a {@link Model#CUBA} job (spec/CRAMER.md): the nested training subset of the image train set,
 * the latency code, the chip instance (decalibration drawn from {@code chip(seed, decalibration)}, the 7-bit hidden
 * weights of {@code itl.w_max}, fresh membrane noise from {@code noise(seed, sigma)}, output clipping), the initial
 * weights, training by {@code itl}, {@code software} or {@code transfer}, and the test on the method's test chip.
 * Chip time and fleet evaluation go through the same {@link CellResult.Deployment} as the LIF model's.
 *
 * <p>Thread-safety: stateless; each call builds its own chip and generators.
 */
final class CubaCells {
    /** Test images run per minibatch when scoring. */
    private static final int SCORE_BATCH = 500;

    private CubaCells() {
    }

    static CellResult run(Science science, ImageDataset data, Cell cell, CellSeeds seeds, Instant start, Clock clock) {
        CubaScience cu = science.cuba();
        CubaNetwork net = cu.network().withHidden((int) cell.param("hidden", cu.network().hidden()));
        CubaSettings settings = cu.training().withRegularisers(cu.training().rhoA(),
                cell.param("rho_b", cu.training().rhoB()));
        CubaData train = CubaData.encode(data.train(), subset(data.train().size(), cell.trainSize(), seeds.subset()), cu.code());
        CubaData test = CubaData.encode(data.test(), null, cu.code());

        CubaMethod method = CubaMethod.of(cell.method().id());
        ProgramCounter chip = new ProgramCounter(chip(cu, net, cell, seeds.chip().get("decalibration"), seeds.noise()));
        CubaWeights initial = CubaWeights.gaussian(net, settings.initScale(), Streams.generator(seeds.init()));
        CubaTrainResult r = method.trainer(settings).train(chip, train, initial, Streams.generator(seeds.train()));
        long samples = chip.sampleEvaluations();
        long programs = chip.programs;

        CubaChip testChip = method.testChip(chip);
        CubaScore testScore = CubaScore.of(testChip, test, r.weights(), SCORE_BATCH);
        CubaScore trainScore = CubaScore.of(testChip, train, r.weights(), SCORE_BATCH);
        List<TracePoint> trace = new ArrayList<>();
        for (CubaTrainResult.Epoch e : r.curve()) {
            trace.add(TracePoint.epoch(e.epoch(), e.loss(), e.trainAccuracy()));
        }
        double finalLoss = r.curve().isEmpty() ? Double.NaN : r.curve().get(r.curve().size() - 1).loss();

        int k = science.deployment().evalChips();
        double ideal = Double.NaN;
        List<CellResult.FleetChip> fleet = new ArrayList<>(k);
        if (k > 0) {
            ideal = CubaScore.of(SimulatedCubaChip.ideal(net), test, r.weights(), SCORE_BATCH).accuracy();
            for (int i = 0; i < k; i++) {
                Map<String, Long> family = CellSeeds.familyChip(science.globalSeed(), cell.distortion(), cell.sigma(), i);
                Long decal = family.get("decalibration");
                CubaChip other = chip(cu, net, cell, decal, Seeds.child(decal == null ? i : decal, 1));
                fleet.add(new CellResult.FleetChip(i, family, CubaScore.of(other, test, r.weights(), SCORE_BATCH)
                        .accuracy()));
            }
        }
        CellResult.Deployment deployment = new CellResult.Deployment(samples, programs, -1, -1, null, ideal, fleet);
        Instant end = clock.instant();
        return new CellResult(cell, CellResult.Status.OK, null, testScore.accuracy(), trainScore.accuracy(), Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, finalLoss, CellRunner.seconds(start, end),
                start.toEpochMilli(), end.toEpochMilli(), seeds, trace, deployment,
                Map.of("floor_accuracy", CellRunner.floor(test.labels()),
                        "hidden_spikes_per_image", testScore.hiddenSpikesPerImage()));
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

    /** Counts the programming operations of the chip it wraps (a training's other chip-time figure). */
    private static final class ProgramCounter implements CubaChip {
        private final CubaChip chip;
        long programs;

        ProgramCounter(CubaChip chip) {
            this.chip = chip;
        }

        @Override
        public CubaNetwork network() {
            return chip.network();
        }

        @Override
        public void program(double[] w1, double[] w2) {
            chip.program(w1, w2);
            programs++;
        }

        @Override
        public void forward(CubaInput x, int[] order, int from, int to, CubaReadout out) {
            chip.forward(x, order, from, to, out);
        }

        @Override
        public void record(CubaInput x, int[] order, int from, int to, CubaRecording rec) {
            chip.record(x, order, from, to, rec);
        }

        @Override
        public long sampleEvaluations() {
            return chip.sampleEvaluations();
        }
    }
}
