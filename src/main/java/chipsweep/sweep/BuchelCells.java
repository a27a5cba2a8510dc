package chipsweep.sweep;

import chipsweep.chip.BuchelChip;
import chipsweep.chip.BuchelParams;
import chipsweep.chip.BuchelWeights;
import chipsweep.data.TemporalXor;
import chipsweep.rng.Seeds;
import chipsweep.rng.Streams;
import chipsweep.train.BuchelEval;
import chipsweep.train.BuchelSettings;
import chipsweep.train.MimicTrainer;
import chipsweep.train.RateTeacher;
import chipsweep.train.RecurrentBptt;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one cell of a {@link Model#BUCHEL} job (spec/BUCHEL.md): temporal XOR trials generated from the cell's
 * {@code split(seed)} stream (child 0: {@code train_size} training trials, 1: the test trials, 2: the validation
 * trials, 3: the teacher's initial weights and order; shared by every method, sigma and condition of the seed, so
 * comparisons are paired), the teacher trained on the training trials, then the method's network trained once
 * without mismatch (slow weights quantised to the cell's {@code bits} axis, 0 or absent: full precision), scored
 * on the ideal chip ({@code test_accuracy}, the reconstruction error) and on K family chips of the cell's sigma,
 * each with the cell's {@code death} share of dead neurons and the job's membrane noise. Family chip k is
 * {@link CellSeeds#familyChip} of (mismatch, sigma, k): the same draws for every method, seed and condition.
 *
 * <p>Thread-safety: stateless.
 */
final class BuchelCells {
    private BuchelCells() {
    }

    static CellResult run(Science science, Cell cell, CellSeeds seeds, Instant start, Clock clock) {
        BuchelSettings s = science.buchel().settings();
        if (!cell.distortion().equals("mismatch")) {
            throw new IllegalArgumentException("model buchel takes distortion mismatch, not " + cell.distortion());
        }
        int bits = (int) cell.param("bits", 0);
        double death = cell.param("death", 0);
        TemporalXor task = s.task();
        long data = seeds.split();
        TemporalXor.Trial[] train = task.draw(cell.trainSize(), Streams.generator(Seeds.child(data, 0)));
        TemporalXor.Trial[] test = task.draw(s.testTrials(), Streams.generator(Seeds.child(data, 1)));
        TemporalXor.Trial[] validation = task.draw(s.validationTrials(), Streams.generator(Seeds.child(data, 2)));
        RateTeacher teacher = RateTeacher.train(train, s.dims(), s.teacherTau(), s.neuron().dt(), s.teacherEpochs(),
                s.teacherBatch(), s.teacherLr(), Streams.generator(Seeds.child(data, 3)));
        double teacherAccuracy = teacher.accuracy(test);
        BuchelWeights w;
        List<TracePoint> trace = new ArrayList<>();
        boolean mimic = cell.method() != Method.BPTT;
        double finalLoss; // mimic: the last validation reconstruction error; bptt: the kept epoch's training loss
        if (mimic) {
            MimicTrainer.Student student = MimicTrainer.network(s, teacher, cell.method() == Method.MIMIC,
                    Streams.generator(seeds.init()));
            MimicTrainer.Result r = MimicTrainer.train(s, teacher, student, train, validation, bits,
                    Streams.generator(seeds.train()));
            for (MimicTrainer.Stage st : r.stages()) {
                trace.add(TracePoint.epoch(st.level() + 1, st.reconstructionError(), st.accuracy()));
            }
            w = r.weights();
            finalLoss = trace.isEmpty() ? Double.NaN : trace.get(trace.size() - 1).loss();
        } else {
            w = RecurrentBptt.network(s.neurons(), Streams.generator(seeds.init()));
            RecurrentBptt.Result r = RecurrentBptt.train(s, w, train, validation, bits,
                    Streams.generator(seeds.train()));
            for (int e = 0; e < r.losses().size(); e++) {
                trace.add(TracePoint.epoch(e + 1, r.losses().get(e), r.validation().get(e)));
            }
            finalLoss = r.best() >= 1 ? r.losses().get(r.best() - 1) : Double.NaN;
        }
        BuchelParams quiet = s.neuron().withNoise(0);
        BuchelEval.Score own = BuchelEval.score(w, BuchelChip.quantised(quiet, w, bits), test, mimic ? teacher : null,
                null);
        List<CellResult.FleetChip> fleet = new ArrayList<>(s.evalChips());
        for (int k = 0; k < s.evalChips(); k++) {
            Map<String, Long> chipSeeds = CellSeeds.familyChip(science.globalSeed(), cell.distortion(), cell.sigma(), k);
            BuchelChip chip = BuchelChip.draw(s.neuron(), w, cell.sigma(), death, bits, chipSeeds.get("mismatch"));
            double acc = BuchelEval.score(w, chip, test, null, Streams.generator(chip.noiseSeed())).accuracy();
            fleet.add(new CellResult.FleetChip(k, chipSeeds, acc));
        }
        int positive = 0;
        for (TemporalXor.Trial t : test) {
            positive += t.sign() > 0 ? 1 : 0;
        }
        double floor = Math.max(positive, test.length - positive) / (double) test.length;
        Instant end = clock.instant();
        return new CellResult(cell, CellResult.Status.OK, null, own.accuracy(), Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                finalLoss, CellRunner.seconds(start, end),
                start.toEpochMilli(), end.toEpochMilli(), seeds, trace, new CellResult.Deployment(0, 0, -1, -1, null,
                own.accuracy(), fleet), Map.of("floor_accuracy", floor, "teacher_accuracy", teacherAccuracy,
                "reconstruction_error", own.reconstructionError()));
    }
}
