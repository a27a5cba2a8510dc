package chipsweep.train;

import chipsweep.cli.JobFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Learning-rate selection for the two-moons job outside the test suite (not a test: launch it by hand), e.g.
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) chipsweep.train.BisnnSelectRun rule=st lr=10
 * hidden=64 seeds=100,101,102,103,104}. Trains {@code rule} with the settings of jobs/bisnn2021.json (read from
 * the job file, {@code job=} names another; the rate {@code lr}, the width and {@code epochs} replaced) on the
 * two-moons draws of the given split seeds, which no cell of the job uses (its cells' split seeds are derived from
 * the global seed and the cell), and prints each method's accuracy, ECE and NLL on that draw's 200 held-out points,
 * then the means: model selection without the job's test points. Keys: job, rule (fp, st, bayes), lr, hidden,
 * seeds, epochs.
 */
public final class BisnnSelectRun {
    private BisnnSelectRun() {
    }

    public static void main(String[] args) {
        Map<String, String> a = RunArgs.parse(args);
        BisnnRule rule = switch (a.getOrDefault("rule", "st")) {
            case "fp" -> BisnnRule.FP;
            case "bayes" -> BisnnRule.BAYES;
            default -> BisnnRule.ST;
        };
        double lr = Double.parseDouble(a.getOrDefault("lr", "10"));
        int h = Integer.parseInt(a.getOrDefault("hidden", "64"));
        BisnnSettings job = JobFile.read(Path.of(a.getOrDefault("job", "jobs/bisnn2021.json"))).science().bisnn()
                .training();
        BisnnSettings s = job.withLearningRates(lr, lr, lr).withLayers(List.of(20, h, h, 2))
                .withEpochs(Integer.parseInt(a.getOrDefault("epochs", String.valueOf(job.epochs()))));
        Map<BisnnMethod, double[]> sums = new java.util.EnumMap<>(BisnnMethod.class);
        String[] seeds = a.getOrDefault("seeds", "100,101,102,103,104").split(",");
        for (String seedText : seeds) {
            long seed = Long.parseLong(seedText.trim());
            BisnnTwoMoons.Data d = BisnnTwoMoons.data(seed, s, 200, 200, 21);
            for (BisnnTwoMoons.Scores x : BisnnTwoMoons.run(d, s, rule, seed)) {
                System.out.printf("seed %d %s lr %s hidden %d: acc %.4f ece %.4f nll %.3f (%.1f s)%n", seed,
                        x.method().id(), lr, h, x.accuracy(), x.ece(), x.nll(), x.trainSeconds());
                double[] t = sums.computeIfAbsent(x.method(), k -> new double[3]);
                t[0] += x.accuracy();
                t[1] += x.ece();
                t[2] += x.nll();
            }
        }
        sums.forEach((m, t) -> System.out.printf("MEAN %s lr %s hidden %d: acc %.4f ece %.4f nll %.3f%n", m.id(),
                lr, h, t[0] / seeds.length, t[1] / seeds.length, t[2] / seeds.length));
    }
}
