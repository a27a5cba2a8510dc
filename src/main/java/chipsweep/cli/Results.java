package chipsweep.cli;

import chipsweep.InputException;
import chipsweep.sweep.ResultsDir;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;

/**
 * Opens a results folder's views for the CLI, turning a damaged file into a one-line message that names it
 * and says the way out instead of a stack trace.
 */
final class Results {
    private static final Pattern FILE = Pattern.compile("(file:[^\\s,;'\"\\]]+\\.parquet)");

    private Results() {
    }

    static void registerOrExplain(ResultsDir results, SparkSession spark) {
        try {
            results.registerViews(spark);
        } catch (RuntimeException e) {
            throw explain(results, e);
        }
    }

    /** An InputException naming the damaged Parquet file found in {@code e}'s causes, or {@code e} itself. */
    static RuntimeException explain(ResultsDir results, RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String msg = String.valueOf(t.getMessage());
            Matcher m = FILE.matcher(msg);
            if (m.find() && (msg.contains("not a Parquet file") || msg.contains("corrupt") || msg.contains("Corrupt")
                    || msg.contains("EOF") || msg.contains("read footer") || msg.contains("Could not read"))) {
                String file = m.group(1).replaceFirst("^file:", "");
                return new InputException(file + " is damaged (" + msg.split("\n")[0].replace(m.group(1), "it")
                        + "); move it out of " + results.path() + " and run `./submit.sh run JOB.json --out "
                        + results.path() + " --resume` to recompute its cells");
            }
        }
        return e;
    }
}
