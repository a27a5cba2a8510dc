package chipsweep.train;

import java.util.random.RandomGenerator;

/**
 * How the trained parameters of a BiSNN rule start (fp: the weights, job setting {@code init}; st: the latent
 * reals, bayes: the natural parameters w_r, job setting {@code init_latent}), in units of a binary weight (the
 * spec's forward weights are +-1 times the layer scale 1/fan_in). BISNN.md does not say; the choices:
 * <ul>
 * <li>{@code lsuv} (fp only): DECOLLE's data-driven initialisation, see {@link Lsuv}: orthogonal weights rescaled
 *     until every layer's membrane variance on the first 32 training samples is 1.</li>
 * <li>{@code uniform}: {@code U(-1, 1)}, every weight between the two binary values. This is PyTorch's default
 *     {@code nn.Linear} initialisation, {@code U(-1/sqrt(fan_in), 1/sqrt(fan_in))}, measured in units of the
 *     authors' layer scale: their {@code get_scale} (kclip/BayesBiSNN utils/misc.py) sets the scale to exactly that
 *     bound, {@code sqrt(3) * gain(leaky_relu, sqrt 5) / sqrt(fan_in) = 1/sqrt(fan_in)}, so that their +-1 weights
 *     span the default initialisation's range.</li>
 * <li>{@code bayesbinn}: {@code +-10}, +10 with probability {@code prior_p}: the authors' {@code LIFMLP}
 *     (model/LIF_MLP.py, every layer, binary and latent copies alike) and BayesBiNN's {@code w_r_init = 10}
 *     (Meng et al. 2020), the natural parameters of an almost deterministic posterior.</li>
 * <li>{@code gaussian}: {@code N(0, init_sd^2)} (chipsweep's first choice, before this setting existed).</li>
 * </ul>
 * Draws take the generator's values element by element, layer by layer, row-major: one {@code nextDouble}
 * (uniform, bayesbinn) or one {@code nextGaussian} (gaussian, lsuv) per parameter.
 *
 * <p>Thread-safety: immutable.
 */
public enum BisnnInit {
    LSUV("lsuv"), UNIFORM("uniform"), BAYESBINN("bayesbinn"), GAUSSIAN("gaussian");

    /** BayesBiNN's {@code w_r_init}: the magnitude of the bayesbinn initial parameters. */
    public static final double BAYESBINN_MAGNITUDE = 10.0;

    private final String id;

    BisnnInit(String id) {
        this.id = id;
    }

    /** The job-file name. */
    public String id() {
        return id;
    }

    /**
     * The choice named {@code id} for the setting {@code field}.
     *
     * @throws IllegalArgumentException naming the field, the value and the choices
     */
    public static BisnnInit of(String field, String id) {
        for (BisnnInit i : values()) {
            if (i.id.equals(id)) {
                return i;
            }
        }
        throw new IllegalArgumentException(field + " must be one of lsuv, uniform, bayesbinn, gaussian, but was '"
                + id + "'");
    }

    /** Overwrites {@code w} with initial parameters; {@code priorP} for bayesbinn, {@code sd} for gaussian. */
    void draw(double[] w, double priorP, double sd, RandomGenerator rng) {
        for (int k = 0; k < w.length; k++) {
            w[k] = switch (this) {
                case UNIFORM -> 2.0 * rng.nextDouble() - 1.0;
                case BAYESBINN -> rng.nextDouble() < priorP ? BAYESBINN_MAGNITUDE : -BAYESBINN_MAGNITUDE;
                case GAUSSIAN -> sd * rng.nextGaussian();
                case LSUV -> throw new IllegalStateException("lsuv needs data: Lsuv.orthogonal and Lsuv.rescale");
            };
        }
    }
}
