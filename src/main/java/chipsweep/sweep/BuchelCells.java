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
 * without mismatch (slow weights quantised to the cell's {@code bits} axis, 0 or absent: full precision; one
 * training per seed, method and bits, {@link #trainShared}, which the sweep runs once for every sigma and death
 * share), scored on the ideal chip ({@code test_accuracy}, the reconstruction error) and on K family chips of the cell's sigma,
 * each with the cell's {@code death} share of dead neurons and the job's membrane noise. Family chip k is
 * {@link CellSeeds#familyChip} of (mismatch, sigma, k): the same draws for every method, seed and condition.
 *
 * <p>Thread-safety: thread-safe; the one state is a memo of the teachers (a pure function of their key).
 */
final class BuchelCells {
    private BuchelCells() {
    }

    /**
     * Runs {@code cell}: deploys its method's training ({@link Cell#source()}, from {@code sources}: the sweep trains
     * it once for every sigma and death share, the {@code cell} command in-process) on the K family chips.
     */
    static CellResult run(Science science, Cell cell, CellSeeds seeds, Instant start, Clock clock,
                          CellRunner.Sources sources) {
        BuchelSettings s = settings(science, cell);
        int bits = (int) cell.param("bits", 0);
        double death = cell.param("death", 0);
        CellRunner.SourceTraining trained = sources.of(cell.source());
        BuchelWeights w = BuchelWeights.of(trained.weights()).copy();
        TemporalXor.Trial[] test = test(s, seeds);
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
        double own = trained.figures().get(IDEAL);
        Instant end = clock.instant();
        return new CellResult(cell, CellResult.Status.OK, null, own, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                trained.finalLoss(), CellRunner.seconds(start, end),
                start.toEpochMilli(), end.toEpochMilli(), seeds, trained.trace(), new CellResult.Deployment(0, 0, -1, -1,
                null, own, fleet), Map.of("floor_accuracy", floor,
                TEACHER, trained.figures().get(TEACHER), RECONSTRUCTION, trained.figures().get(RECONSTRUCTION)));
    }

    private static final String IDEAL = "test_accuracy";
    private static final String TEACHER = "teacher_accuracy";
    private static final String RECONSTRUCTION = "reconstruction_error";

    /**
     * The training {@code source} names ({@link Cell#source()}): the teacher trained on the seed's training trials,
     * then the method's network trained once without mismatch at the source's {@code bits}, with its learning curve,
     * final loss and the figures no chip draw changes: the ideal-chip accuracy (the cell's {@code test_accuracy}),
     * the teacher's accuracy and the reconstruction error (mimic methods; NaN for bptt), all on the test trials.
     * A pure function of the science and {@code source}: the same training every cell of it would run itself.
     */
    static CellRunner.SourceTraining trainShared(Science science, Cell source) {
        BuchelSettings s = settings(science, source);
        int bits = (int) source.param("bits", 0);
        CellSeeds seeds = CellSeeds.of(science.globalSeed(), science.layers(source), source);
        Trials t = trials(s, seeds, source.trainSize());
        RateTeacher teacher = TEACHERS.get(new TeacherKey(s, seeds.split(), source.trainSize()),
                k -> RateTeacher.trainBest(t.train(), t.validation(), s.dims(), s.teacherTau(), s.neuron().dt(),
                        s.teacherEpochs(), s.teacherBatch(), s.teacherLr(), s.teacherRestarts(),
                        Seeds.child(seeds.split(), 3)).teacher());
        BuchelWeights w;
        List<TracePoint> trace = new ArrayList<>();
        boolean mimic = source.method() != Method.BPTT;
        double finalLoss; // mimic: the last validation reconstruction error; bptt: the kept epoch's training loss
        if (mimic) {
            MimicTrainer.Student student = MimicTrainer.network(s, teacher, source.method() == Method.MIMIC,
                    Streams.generator(seeds.init()));
            MimicTrainer.Result r = MimicTrainer.train(s, teacher, student, t.train(), t.validation(), bits,
                    Streams.generator(seeds.train()));
            for (MimicTrainer.Stage st : r.stages()) {
                trace.add(TracePoint.epoch(st.level() + 1, st.reconstructionError(), st.accuracy()));
            }
            w = r.weights();
            finalLoss = trace.isEmpty() ? Double.NaN : trace.get(trace.size() - 1).loss();
        } else {
            w = RecurrentBptt.network(s.neurons(), Streams.generator(seeds.init()));
            RecurrentBptt.Result r = RecurrentBptt.train(s, w, t.train(), t.validation(), bits,
                    Streams.generator(seeds.train()));
            for (int e = 0; e < r.losses().size(); e++) {
                trace.add(TracePoint.epoch(e + 1, r.losses().get(e), r.validation().get(e)));
            }
            finalLoss = r.best() >= 1 ? r.losses().get(r.best() - 1) : Double.NaN;
        }
        BuchelParams quiet = s.neuron().withNoise(0);
        BuchelEval.Score own = BuchelEval.score(w, BuchelChip.quantised(quiet, w, bits), t.test(),
                mimic ? teacher : null, null);
        return new CellRunner.SourceTraining(source, w.arrays(), Map.of(), 0, 0, trace, finalLoss,
                Map.of(IDEAL, own.accuracy(), TEACHER, teacher.accuracy(t.test()),
                        RECONSTRUCTION, own.reconstructionError()));
    }

    /** What a seed's teacher is a function of: the settings, the seed's {@code split} stream, the training trials. */
    private record TeacherKey(BuchelSettings settings, long split, int trainSize) {
    }

    /**
     * Teachers trained in this JVM: every training of a seed (each method and bits) has the same teacher, up to
     * {@code teacher_restarts} trainings of a rate network, so one executor trains it once (another executor of a
     * cluster trains the same teacher again). 64 keys: a job's seeds and training sizes, many times over.
     */
    private static final Memo<TeacherKey, RateTeacher> TEACHERS = new Memo<>(64);

    private static BuchelSettings settings(Science science, Cell cell) {
        if (!cell.distortion().equals("mismatch")) {
            throw new IllegalArgumentException("model buchel takes distortion mismatch, not " + cell.distortion());
        }
        return science.buchel().settings();
    }

    /** A seed's trials, from its {@code split(seed)} stream: the same for every method, sigma and condition. */
    private record Trials(TemporalXor.Trial[] train, TemporalXor.Trial[] test, TemporalXor.Trial[] validation) {
    }

    private static Trials trials(BuchelSettings s, CellSeeds seeds, int trainSize) {
        TemporalXor task = s.task();
        long data = seeds.split();
        return new Trials(task.draw(trainSize, Streams.generator(Seeds.child(data, 0))), test(s, seeds),
                task.draw(s.validationTrials(), Streams.generator(Seeds.child(data, 2))));
    }

    private static TemporalXor.Trial[] test(BuchelSettings s, CellSeeds seeds) {
        return s.task().draw(s.testTrials(), Streams.generator(Seeds.child(seeds.split(), 1)));
    }
}
