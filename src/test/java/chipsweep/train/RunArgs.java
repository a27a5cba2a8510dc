package chipsweep.train;

import java.util.HashMap;
import java.util.Map;

/** The {@code key=value} arguments of the hand-launched runs of this package ({@code CubaAccuracyRun}, ...). */
final class RunArgs {
    private RunArgs() {
    }

    /** Each argument split at its first '='; a later key replaces an earlier one. */
    static Map<String, String> parse(String[] args) {
        Map<String, String> a = new HashMap<>();
        for (String s : args) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("arguments are key=value, but one was '" + s + "'");
            }
            a.put(s.substring(0, eq), s.substring(eq + 1));
        }
        return a;
    }
}
