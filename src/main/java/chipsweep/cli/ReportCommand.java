package chipsweep.cli;

import chipsweep.InputException;
import chipsweep.report.Report;
import chipsweep.report.ReportContext;
import chipsweep.sweep.ResultsDir;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code report RESULTS_DIR}: writes {@code RESULTS_DIR/report/} (also run at the end of every {@code run}). */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write a results folder's report: index.html, summary.md, summary.csv, figures, claims check.")
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RESULTS_DIR",
            description = "a results folder, e.g. results/safa2024 or hdfs://HOST:PORT/results/safa2024")
    String dir;

    /** Test accuracy that counts as good for the data-efficiency claim, unless --effective-accuracy says. */
    static final double DEFAULT_EFFECTIVE_ACCURACY = 0.90;

    @Option(names = "--effective-accuracy", paramLabel = "A",
            description = "test accuracy that counts as good for the data-efficiency claim (default 0.90)")
    double effective = DEFAULT_EFFECTIVE_ACCURACY;

    @Override
    public Integer call() {
        if (!(effective > 0 && effective <= 1)) {
            throw new InputException("report: option '--effective-accuracy': must be in (0, 1], but was " + effective);
        }
        ResultsDir results = ResultsDir.existing(dir);
        SparkSession spark = Sessions.create("chipsweep report", false);
        Results.registerOrExplain(results, spark);
        write(spark, results, effective, spec.commandLine().getErr(), spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    /** Writes the report of {@code results} (views registered) and prints the claims and where it went. */
    static void write(SparkSession spark, ResultsDir results, double effective, PrintWriter err, PrintWriter out) {
        String json = null;
        String name = results.name();
        try {
            json = results.readJobJson().orElse(null);
            if (json != null) {
                name = JobFile.JSON.readTree(json).path("name").asText(name);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            err.println("chipsweep report: " + results.jobJsonLocation() + " is unreadable (" + e.getMessage()
                    + "); the report leaves it out");
            json = null;
        }
        ReportContext ctx = new ReportContext(name, json, effective, ReportContext.WDBC_MAJORITY_FLOOR);
        Report.ReportSummary s;
        java.nio.file.Path local = results.localReportDir();
        try {
            s = Report.write(spark, local, ctx);
        } catch (Exception e) {
            throw Results.explain(results, e);
        }
        String index = results.publishReport(local);
        out.println("Claims check (" + name + "):");
        out.print(s.claimsMarkdown());
        out.println("report: " + index);
        out.flush();
    }
}
