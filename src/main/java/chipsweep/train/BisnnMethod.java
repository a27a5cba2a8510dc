package chipsweep.train;

/**
 * A BiSNN method = learning rule x inference: {@code fp}, {@code st}, {@code bayes-map} (the posterior's mode,
 * {@code sign(w_r)}) and {@code bayes-ens} (class probabilities averaged over N_s hard posterior samples).
 *
 * <p>Thread-safety: immutable.
 */
public enum BisnnMethod {
    FP("fp", BisnnRule.FP), ST("st", BisnnRule.ST), BAYES_MAP("bayes-map", BisnnRule.BAYES),
    BAYES_ENS("bayes-ens", BisnnRule.BAYES);

    private final String id;
    private final BisnnRule rule;

    BisnnMethod(String id, BisnnRule rule) {
        this.id = id;
        this.rule = rule;
    }

    /** The job-file name. */
    public String id() {
        return id;
    }

    /** The rule that trains the model this method evaluates. */
    public BisnnRule rule() {
        return rule;
    }

    /**
     * The method named {@code id}.
     *
     * @throws IllegalArgumentException naming the value and the choices
     */
    public static BisnnMethod of(String id) {
        for (BisnnMethod m : values()) {
            if (m.id.equals(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("method must be one of fp, st, bayes-map, bayes-ens, but was '" + id + "'");
    }
}
