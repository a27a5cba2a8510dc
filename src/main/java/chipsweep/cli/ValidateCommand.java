package chipsweep.cli;

import chipsweep.sweep.Experiment;
import java.io.PrintWriter;
import java.util.List;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code validate JOB.json [--data FILE]}: checks a job file and its data, prints the grid's size. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a job file and its data set; print the experiments and the number of distinct cells.")
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "JOB.json", description = "the job file")
    Path jobFile;

    @Option(names = "--data", paramLabel = "FILE", description = "data file replacing the job's")
    Path data;

    @Override
    public Integer call() {
        List<Jobs> tasks = Jobs.tasks(jobFile, data);
        PrintWriter out = spec.commandLine().getOut();
        int total = 0;
        for (Jobs jobs : tasks) {
            String head = tasks.size() == 1 ? String.format("%s: job '%s' is valid; data", jobFile, jobs.job().name())
                    : String.format("%s: task %s: data", jobFile, jobs.job().dataset().name());
            out.printf("%s %s (%d rows, sha256 %s)%n", head, jobs.job().dataset().path(), jobs.data().size(),
                    jobs.dataSha256());
            for (Experiment e : jobs.job().experiments()) {
                StringBuilder axes = new StringBuilder();
                e.params().forEach((axis, values) -> axes.append(" x ").append(values.size()).append(' ').append(axis));
                out.printf("  experiment %s: %d cells (%d distortions x %d sigmas x %d train sizes x %d methods x %d seeds%s%s)%n",
                        e.name(), e.size(), e.distortions().size(), e.sigmas().size(), e.trainSizes().size(),
                        e.methods().size(), e.seeds().size(), e.budgets().isEmpty() ? ""
                                : "; warm methods x " + e.budgets().size() + " budgets", axes);
            }
            total += jobs.job().cells().size();
        }
        if (tasks.size() > 1) {
            out.printf("%s: job '%s' is valid: %d tasks%n", jobFile, tasks.get(0).job().name(), tasks.size());
        }
        out.printf("  %d distinct cells%n", total);
        out.flush();
        return ExitCodes.OK;
    }
}
