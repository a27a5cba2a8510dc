package chipsweep.sweep;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The training methods of a cell (METHOD.md section 5). {@link #BP_ORACLE} looks inside the chip and is a
 * sanity check, not a fair method.
 */
public enum Method {
    /** Metropolis-Hastings, chip in the loop. */
    MH("mh"),
    /** Surrogate-gradient BPTT, chip in the loop, gradient through the nominal model. */
    BP("bp"),
    /** BPTT on the ideal chip, deployed on the distorted one. */
    BP_OFFLINE("bp-offline"),
    /** BPTT through the true distortion (oracle). */
    BP_ORACLE("bp-oracle");

    private final String id;

    Method(String id) {
        this.id = id;
    }

    /** The name used in job files, results and the CLI. */
    public String id() {
        return id;
    }

    /**
     * Expected cost of a cell in arbitrary units (chip sample-evaluations, a BP sample-epoch counting as
     * four: a recorded forward and a backward pass), for ordering the longest cells first and for the ETA.
     */
    public static double expectedCost(Cell c, Science s) {
        double n = c.trainSize();
        return c.method() == MH ? (double) s.mh().iterations() * n : 4.0 * s.bp().epochs() * n;
    }

    /** @throws IllegalArgumentException listing the known names */
    public static Method of(String id) {
        for (Method m : values()) {
            if (m.id.equals(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("method must be one of "
                + Arrays.stream(values()).map(Method::id).collect(Collectors.joining(", ")) + ", but was '" + id + "'");
    }
}
