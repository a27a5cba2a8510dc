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
        SparkSession.Builder b = SparkSession.builder().appName(appName)
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.debug.maxToStringFields", "200");
        if (System.getProperty("spark.master") == null) {
            b = b.master("local[*]");
        }
        return b.getOrCreate();
    }
}
