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
    /** A Parquet file's URI in Spark's messages: {@code file:/...}, {@code hdfs://...}, {@code s3a://...}. */
    private static final Pattern FILE = Pattern.compile("([a-z][a-z0-9+.-]*:/[^\\s,;'\"\\]]+\\.parquet)");

    private Results() {
    }

    static void registerOrExplain(ResultsDir results, SparkSession spark) {
        try {
            results.registerViews(spark);
        } catch (Exception e) { // Spark's checked exceptions arrive unchecked from Scala
            throw explain(results, e);
        }
    }

    private static String rootCause(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        String m = String.valueOf(r.getMessage()).split("\n")[0];
        return r.getClass().getSimpleName() + ": " + (m.length() > 160 ? m.substring(0, 160) + "..." : m);
    }

    /** An InputException naming the damaged Parquet file found in {@code e}'s causes, or {@code e} itself. */
    static RuntimeException explain(ResultsDir results, Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String msg = String.valueOf(t.getMessage());
            Matcher m = FILE.matcher(msg);
            if (m.find()) {
                String file = m.group(1).replaceFirst("^file:/*", "/");
                String why = rootCause(t);
                return new InputException(file + " is damaged (" + why + "); move it out of " + results.location()
                        + " and run `./submit.sh run JOB.json --out " + results.location()
                        + " --resume` to recompute its cells");
            }
        }
        return e instanceof RuntimeException re ? re : new IllegalStateException(e);
    }
}
