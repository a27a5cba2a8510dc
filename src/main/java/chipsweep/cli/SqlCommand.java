package chipsweep.cli;

import chipsweep.InputException;
import chipsweep.sweep.ResultsDir;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sql RESULTS_DIR "SELECT ..." [--format table|csv|json] [--limit N]}: registers the views {@code cells}
 * (one row per cell, its latest attempt), {@code cells_all} (every attempt), {@code traces} and
 * {@code traces_all}, runs the query with Spark SQL and prints the result.
 */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = "Query a results folder with Spark SQL (views: cells, cells_all, traces, traces_all).")
final class SqlCommand implements Callable<Integer> {
    enum Format { table, csv, json }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RESULTS_DIR",
            description = "a results folder, e.g. results/quickstart or hdfs://HOST:PORT/results/quickstart")
    String dir;

    @Parameters(index = "1", paramLabel = "SQL", description = "the query")
    String sql;

    @Option(names = "--format", description = "table (default), csv or json (one object per line)")
    Format format = Format.table;

    @Option(names = "--limit", paramLabel = "N", description = "print at most N rows (default 1000)")
    int limit = 1000;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new InputException("sql: option '--limit': must be >= 1, but was " + limit);
        }
        ResultsDir results = ResultsDir.existing(dir);
        SparkSession spark = Sessions.create("chipsweep sql", false);
        Results.registerOrExplain(results, spark);
        Dataset<Row> df;
        List<Row> rows;
        try {
            df = spark.sql(sql);
            rows = df.limit(limit + 1).collectAsList();
        } catch (Exception e) {
            // Spark's AnalysisException (bad SQL) is thrown unchecked from Scala.
            if (e instanceof AnalysisException) {
                throw new InputException("sql: " + firstLine(e.getMessage()));
            }
            throw Results.explain(results, e);
        }
        PrintWriter out = spec.commandLine().getOut();
        boolean more = rows.size() > limit;
        if (more) {
            rows = rows.subList(0, limit);
        }
        TableFormat.print(out, df.schema(), rows, format.name());
        out.flush();
        if (more) {
            spec.commandLine().getErr().println("chipsweep sql: showing the first " + limit + " rows (--limit)");
            spec.commandLine().getErr().flush();
        }
        return ExitCodes.OK;
    }

    /**
     * The first non-blank line of Spark's message: for a syntax error (whose message starts with a newline) that is
     * {@code [PARSE_SYNTAX_ERROR] Syntax error at or near 'SELEC'. SQLSTATE: 42601 (line 1, pos 0)}.
     */
    static String firstLine(String message) {
        if (message == null) {
            return "invalid SQL";
        }
        return message.strip().lines().filter(l -> !l.isBlank()).findFirst().orElse("invalid SQL").strip();
    }
}
