package chipsweep.cli;

import chipsweep.sweep.Cell;
import chipsweep.sweep.CellRunner;
import chipsweep.sweep.Method;
import chipsweep.sweep.Science;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks the expected-cost model ({@link Method#expectedCost}) against measured cells (not a test: launch it by
 * hand). Runs the cells of a job one after another on this thread, through the sweep's {@link CellRunner}, and
 * prints one CSV line per cell with its expected cost and its measured thread CPU time (CPU time, because the
 * machine is shared: wall time would measure the other jobs too). Warm cells get their sources trained once,
 * outside the measurement, as the sweep does. Arguments: the job file, then optionally {@code seeds=0,1} (only
 * those seeds) and {@code warmup=N} (run the first N cells once, unmeasured, so that the JIT has compiled the
 * kernels, as it has for all but the first cells of a sweep):
 * {@code java -cp target/classes:target/test-classes:target/lib/* chipsweep.cli.CellCostRun jobs/quickstart.json seeds=0}
 */
public final class CellCostRun {
    private CellCostRun() {
    }

    public static void main(String[] args) {
        Jobs jobs = Jobs.load(Path.of(args[0]), null);
        Set<Integer> seeds = new TreeSet<>();
        int warmup = 0;
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("seeds=")) {
                for (String s : args[i].substring(6).split(",")) {
                    seeds.add(Integer.parseInt(s));
                }
            } else if (args[i].startsWith("warmup=")) {
                warmup = Integer.parseInt(args[i].substring(7));
            }
        }
        Science science = jobs.job().science();
        List<Cell> cells = new ArrayList<>();
        for (Cell c : jobs.job().cells()) {
            if (seeds.isEmpty() || seeds.contains(c.seed())) {
                cells.add(c);
            }
        }
        Map<Cell, CellRunner.SourceTraining> trained = new HashMap<>();
        CellRunner sourcesRunner = new CellRunner(science, jobs.data(), Clock.systemUTC());
        for (Cell c : cells) {
            if (c.method().warm()) {
                trained.computeIfAbsent(c.source(), sourcesRunner::trainSource);
            }
        }
        CellRunner runner = new CellRunner(science, jobs.data(), Clock.systemUTC(), true, trained::get);
        for (int i = 0; i < Math.min(warmup, cells.size()); i++) {
            runner.run(cells.get(i));
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        System.out.println("distortion,sigma,train_size,method,seed,budget,hidden,expected_us,cpu_s,wall_s,status");
        for (Cell c : cells) {
            long cpu0 = mx.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            String status = runner.run(c).ok() ? "OK" : "FAILED";
            double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
            double wall = (System.nanoTime() - wall0) / 1e9;
            System.out.println(String.format(Locale.ROOT, "%s,%s,%d,%s,%d,%s,%s,%.0f,%.4f,%.4f,%s", c.distortion(),
                    c.sigma(), c.trainSize(), c.method().id(), c.seed(), Double.isNaN(c.budget()) ? "" : c.budget(),
                    c.params().containsKey("hidden") ? (int) c.param("hidden", 0) : "",
                    Method.expectedCost(c, science), cpu, wall, status));
        }
    }
}
