package chipsweep.data;

import java.nio.file.Path;

/** The project's copy of WDBC, located from Maven's base directory (the working directory by default). */
final class Wdbc {
    static final String SHA256 = "fed3eb72d0575ef6192293f5093c6e801b1476b577d0386bf4455504522172ed";

    private static Dataset cached;

    private Wdbc() {
    }

    static Path path() {
        return Path.of(System.getProperty("basedir", ".")).resolve("datasets").resolve("wdbc.csv");
    }

    static synchronized Dataset dataset() {
        if (cached == null) {
            cached = WdbcLoader.load(path());
        }
        return cached;
    }
}
