package chipsweep.sweep;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The training methods of a cell (METHOD.md section 5). {@link #BP_ORACLE} looks inside the chip and is a
 * sanity check, not a fair method. The warm-start methods {@link #MH_WARM} and {@link #BP_WARM} start from the
 * weights their cold method trained on another chip of the same family (the job's source chip) and run a
 * fraction of the cold method's budget on the cell's own chip.
 */
public enum Method {
    /** Metropolis-Hastings, chip in the loop. */
    MH("mh"),
    /** Surrogate-gradient BPTT, chip in the loop, gradient through the nominal model. */
    BP("bp"),
    /** BPTT on the ideal chip, deployed on the distorted one. */
    BP_OFFLINE("bp-offline"),
    /** BPTT through the true distortion (oracle). */
    BP_ORACLE("bp-oracle"),
    /** MH started from an {@code mh} network trained on the source chip; a fraction of the iterations. */
    MH_WARM("mh-warm"),
    /** BP started from a {@code bp} network trained on the source chip; a fraction of the epochs. */
    BP_WARM("bp-warm"),
    /** Current-based model: surrogate gradients in the loop, the chip's measured traces injected (Cramer 2022). */
    ITL("itl"),
    /** Current-based model: trained and tested on the ideal model (the paper's software row). */
    SOFTWARE("software"),
    /** Current-based model: trained on the ideal model, deployed and tested on the chip. */
    TRANSFER("transfer"),
    /** BiSNN: full-precision weights, surrogate gradient (the reference). */
    FP("fp"),
    /** BiSNN: binary weights, straight-through rule on latent weights. */
    ST("st"),
    /** BiSNN: the Bayesian rule, deployed as the most probable binary weights. */
    BAYES_MAP("bayes-map"),
    /** BiSNN: the Bayesian rule, deployed as an ensemble of sampled binary networks. */
    BAYES_ENS("bayes-ens"),
    /** Büchel: the spiking network learns to mimic a trained rate network (local rule, fast balanced weights). */
    MIMIC("mimic"),
    /** Büchel: {@link #MIMIC} without the fast balanced weights. */
    MIMIC_NO_FAST("mimic-no-fast"),
    /** Büchel: the same recurrent LIF network trained by surrogate-gradient BPTT on the task. */
    BPTT("bptt");

    private final String id;

    Method(String id) {
        this.id = id;
    }

    /** The name used in job files, results and the CLI. */
    public String id() {
        return id;
    }

    /** Whether this method starts from another chip's training and takes a budget fraction. */
    public boolean warm() {
        return this == MH_WARM || this == BP_WARM;
    }

    /** The cold method a warm method starts from (the method itself for cold methods). */
    public Method cold() {
        return this == MH_WARM ? MH : this == BP_WARM ? BP : this;
    }

    /** The model whose chips this method trains. */
    public Model model() {
        if (this == ITL || this == SOFTWARE || this == TRANSFER) {
            return Model.CUBA;
        }
        if (this == MIMIC || this == MIMIC_NO_FAST || this == BPTT) {
            return Model.BUCHEL;
        }
        return this == FP || this == ST || this == BAYES_MAP || this == BAYES_ENS ? Model.BISNN : Model.LIF;
    }

    /**
     * Expected cost of a cell in arbitrary units (chip sample-evaluations, a BP sample-epoch counting as
     * four: a recorded forward and a backward pass), for ordering the longest cells first and for the ETA.
     * A warm cell costs its budget fraction of the cold cell.
     */
    public static double expectedCost(Cell c, Science s) {
        double n = c.trainSize();
        if (c.method().model() == Model.BISNN) {
            double h = c.param("hidden", 64);
            double epochs = s.bisnn() == null ? 30 : s.bisnn().training().epochs();
            return (c.method() == FP || c.method() == ST ? 1.0 : 3.5) * epochs * n * h;
        }
        if (c.method().model() == Model.BUCHEL) {
            // per trial a forward pass (BPTT: and a backward one, about n times dearer), plus the chip draws
            chipsweep.train.BuchelSettings b = s.buchel() == null ? chipsweep.train.BuchelSettings.DEFAULTS
                    : s.buchel().settings();
            double train = c.method() == BPTT ? 3.0 * b.bpttEpochs() * n : (double) b.epochs() * n;
            return (train + (double) b.evalChips() * b.testTrials()) * b.neurons() / 100.0;
        }
        if (c.method().model() == Model.CUBA) {
            // per image and epoch a forward (and for itl a recorded one) plus a backward pass; H scales both
            double h = c.param("hidden", s.cuba() == null ? 246 : s.cuba().network().hidden());
            return s.cuba() == null ? n : 3.0 * s.cuba().training().epochs() * n * h / 20.0;
        }
        double cold = c.method().cold() == MH ? (double) s.mh().iterations() * n : 4.0 * s.bp().epochs() * n;
        return c.method().warm() ? c.budget() * cold : cold;
    }

    /** The names, comma-separated, for messages. */
    public static String names() {
        return Arrays.stream(values()).map(Method::id).collect(Collectors.joining(", "));
    }

    /** The names of {@code model}'s methods, comma-separated, for messages. */
    public static String names(Model model) {
        return Arrays.stream(values()).filter(m -> m.model() == model).map(Method::id).collect(Collectors.joining(", "));
    }

    /** @throws IllegalArgumentException listing the known names */
    public static Method of(String id) {
        for (Method m : values()) {
            if (m.id.equals(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("method must be one of " + names() + ", but was '" + id + "'");
    }
}
