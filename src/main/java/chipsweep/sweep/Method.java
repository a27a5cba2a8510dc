package chipsweep.sweep;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The training methods of a cell (METHOD.md section 5). {@link #BP_ORACLE} looks inside the chip and is a
 * sanity check, not a fair method. The warm-start methods {@link #MH_WARM} and {@link #BP_WARM} start from the
 * weights their cold method trained on another chip of the same family (the job's source chip) and run a
 * fraction of the cold method's budget on the cell's own chip.
 */
public enum Method {
    /** Metropolis-Hastings, chip in the loop: a method of the LIF and of the current-based model. */
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
    /** LIF chip, binary weights: {@code bp} in the loop with straight-through binary weights (docs/binary-chip.md). */
    BP_ST("bp-st"),
    /** LIF chip, binary weights: {@code bp} in the loop with the Bayesian rule, deployed as the most probable pattern. */
    BP_BAYES("bp-bayes"),
    /** LIF chip, binary weights: {@code mh} whose state is the sign pattern (proposals flip signs). */
    MH_SIGN("mh-sign"),
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

    /** Whether this method trains and deploys binary weights on the LIF chip. */
    public boolean binaryOnChip() {
        return this == BP_ST || this == BP_BAYES || this == MH_SIGN;
    }

    /** Whether this method is trained by Metropolis-Hastings chains (real or sign states). */
    public boolean chains() {
        return cold() == MH || this == MH_SIGN;
    }

    /** Whether this method starts from another chip's training and takes a budget fraction. */
    public boolean warm() {
        return this == MH_WARM || this == BP_WARM;
    }

    /**
     * Whether a cell of this method deploys a training that the sweep runs once and shares ({@link Cell#source()}):
     * the warm methods' source trainings, and the current-based model's offline training, which {@code software}
     * and {@code transfer} cells of one seed share at every sigma, the Bayesian BiSNN training that
     * {@code bayes-map} and {@code bayes-ens} deploy two ways, and a Büchel network, trained without mismatch and
     * deployed at every sigma and death share.
     */
    public boolean sourced() {
        return warm() || this == SOFTWARE || this == TRANSFER || this == BAYES_MAP || this == BAYES_ENS
                || runsOn(Model.BUCHEL);
    }

    /** The cold method a warm method starts from (the method itself for cold methods). */
    public Method cold() {
        return this == MH_WARM ? MH : this == BP_WARM ? BP : this;
    }

    /**
     * The models whose chips this method trains: {@link #MH} sees only a black box (program, evaluate, a loss per
     * sample) and so trains both the LIF and the current-based chip; every other method belongs to one model.
     */
    public Set<Model> models() {
        if (this == MH) {
            return EnumSet.of(Model.LIF, Model.CUBA);
        }
        if (this == MIMIC || this == MIMIC_NO_FAST || this == BPTT) {
            return EnumSet.of(Model.BUCHEL);
        }
        if (this == ITL || this == SOFTWARE || this == TRANSFER) {
            return EnumSet.of(Model.CUBA);
        }
        return this == FP || this == ST || this == BAYES_MAP || this == BAYES_ENS ? EnumSet.of(Model.BISNN)
                : EnumSet.of(Model.LIF);
    }

    /** Whether this method trains chips of {@code model}. */
    public boolean runsOn(Model model) {
        return models().contains(model);
    }

    /** The surrogate-gradient methods of the current-based model, which share one minibatch order per seed. */
    public boolean cubaGradient() {
        return this == ITL || this == SOFTWARE || this == TRANSFER;
    }

    /**
     * Expected cost of a cell, in microseconds of one core of the reference machine (see {@link CellCost}), for
     * ordering the longest cells first and for the ETA.
     */
    public static double expectedCost(Cell c, Science s) {
        return CellCost.of(c, s);
    }

    /** The names, comma-separated, for messages. */
    public static String names() {
        return Arrays.stream(values()).map(Method::id).collect(Collectors.joining(", "));
    }

    /** The names of {@code model}'s methods, comma-separated, for messages. */
    public static String names(Model model) {
        return Arrays.stream(values()).filter(m -> m.runsOn(model)).map(Method::id).collect(Collectors.joining(", "));
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
