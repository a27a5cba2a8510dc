package chipsweep.train;

/**
 * The three BiSNN learning rules (BISNN.md section 2): {@code fp} full-precision weights, {@code st} binary
 * weights trained straight-through on latent reals, {@code bayes} a Bernoulli posterior over binary weights.
 *
 * <p>Thread-safety: immutable.
 */
public enum BisnnRule {
    FP("fp"), ST("st"), BAYES("bayes");

    private final String id;

    BisnnRule(String id) {
        this.id = id;
    }

    /** The job-file name. */
    public String id() {
        return id;
    }
}
