package chipsweep.cli;

import org.apache.spark.sql.SparkSession;

/**
 * Creates the driver's SparkSession. Under {@code ./submit.sh} (SparkSubmit) the master comes from
 * {@code --master} as the system property {@code spark.master} and is not overridden; run directly
 * (tests, IDE) it defaults to {@code local[*]}.
 */
final class Sessions {
    private Sessions() {
    }

    static SparkSession create(String appName) {
        return create(appName, true);
    }

    /**
     * {@code ui} false: no web UI (for the short {@code sql} and {@code report} commands, which need none, so that
     * running one beside a sweep prints no "could not bind on port 4040" warning); a {@code --conf
     * spark.ui.enabled} of the user's wins.
     */
    static SparkSession create(String appName, boolean ui) {
        SparkSession.Builder b = SparkSession.builder().appName(appName)
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.debug.maxToStringFields", "200");
        if (!ui && System.getProperty("spark.ui.enabled") == null) {
            b = b.config("spark.ui.enabled", "false");
        }
        if (System.getProperty("spark.master") == null) {
            b = b.master("local[*]");
        }
        return b.getOrCreate();
    }

    /**
     * {@link #create}, with a start-up failure (a master that cannot be parsed or reached, a bad {@code --conf})
     * turned into one line naming the options to check (exit 2).
     */
    static SparkSession createOrExplain(String appName) {
        try {
            return create(appName);
        } catch (RuntimeException e) { // SparkException arrives unchecked from Scala
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String m = String.valueOf(root.getMessage()).strip().lines().findFirst().orElse(root.toString());
            throw new chipsweep.InputException("Spark could not start (" + m + "); check --master, --conf and the"
                    + " memory options (master: " + System.getProperty("spark.master", "local[*]") + ")", e);
        }
    }
}
