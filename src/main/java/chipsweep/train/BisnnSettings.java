package chipsweep.train;

import chipsweep.chip.DecolleParams;
import java.io.Serializable;
import java.util.List;

/**
 * Settings of BiSNN training and inference (BISNN.md section 2; defaults {@link #TWO_MOONS}): one learning rate
 * per rule ({@code lr_fp}, {@code lr_st}, {@code lr_bayes}), the Bayesian rule's {@code rho} (prior weight),
 * {@code temperature} (tau of the relaxed samples) and {@code prior_p} (p0 of the Bernoulli prior), the
 * ensemble size N_s of {@code bayes-ens}, epochs and batch size, T and burn-in, the layer sizes (input first),
 * the neuron time constants, and the initialisations ({@link BisnnInit}): {@code init} of the fp weights,
 * {@code init_latent} of the st latent reals and bayes natural parameters, and {@code init_sd}, the sd of the
 * {@code gaussian} choice.
 *
 * <p>Every refusal is one line, {@code field_name must ..., but was VALUE}.
 *
 * <p>Example: {@code BisnnSettings s = BisnnSettings.TWO_MOONS.withEpochs(5);}
 *
 * <p>Thread-safety: immutable ({@code layers} is an unmodifiable copy).
 */
public record BisnnSettings(double lrFp, double lrSt, double lrBayes, double rho, double temperature,
                            double priorP, int ensembleSize, int epochs, int batchSize, int steps, int burnIn,
                            List<Integer> layers, DecolleParams neuron, double initSd, BisnnInit init,
                            BisnnInit initLatent) implements Serializable {
    /**
     * Two moons: rho 5e-4, tau 1, p0 0.5, N_s 10, batch 32, T 100, burn-in 10, 20-64-64-2, the spec's time
     * constants; learning rates 10 and 30 epochs are our choice (see BisnnTwoMoonsTest). fp starts from
     * DECOLLE's {@code lsuv} initialisation (the reference code's; the spec is silent); st and bayes from
     * {@code gaussian} latents with init_sd 1 (the authors' +-10, {@code bayesbinn}, leaves st near chance at these
     * learning rates: docs/bisnn.md).
     *
     * <p>Note on rho: the prior term shrinks w_r by {@code (1 - lr*rho)} every learning step. With the spec's
     * rho = 5e-4, lr = 10 and 7 batches x 90 steps per epoch that is {@code 0.995^630 ~ e^-3.2} per epoch, far
     * stronger than the averaged-loss gradient, so the posterior stays near uniform and bayes stays at chance
     * (measured on two moons, seeds 1-3). The authors' lr = 0.1 gave {@code lr*rho = 5e-5}; with rho = 5e-6 and
     * lr_bayes = 30 ({@code lr*rho = 1.5e-4}) bayes learns (bayes-map 92-98% after 10 epochs). The default keeps
     * the spec's value until the spec says otherwise.
     */
    public static final BisnnSettings TWO_MOONS = new BisnnSettings(10.0, 10.0, 10.0, 5e-4, 1.0, 0.5, 10, 30, 32,
            100, 10, List.of(20, 64, 64, 2), DecolleParams.DEFAULTS, 1.0, BisnnInit.LSUV, BisnnInit.GAUSSIAN);

    /** Validates every field, naming it and its value. */
    public BisnnSettings {
        require(lrFp > 0 && Double.isFinite(lrFp), "lr_fp must be > 0 and finite", lrFp);
        require(lrSt > 0 && Double.isFinite(lrSt), "lr_st must be > 0 and finite", lrSt);
        require(lrBayes > 0 && Double.isFinite(lrBayes), "lr_bayes must be > 0 and finite", lrBayes);
        require(rho >= 0 && Double.isFinite(rho), "rho must be >= 0 and finite", rho);
        require(temperature > 0 && Double.isFinite(temperature), "temperature must be > 0 and finite", temperature);
        require(priorP > 0 && priorP < 1, "prior_p must be in (0, 1)", priorP);
        require(ensembleSize >= 1, "ensemble_size must be >= 1", ensembleSize);
        require(epochs >= 1, "epochs must be >= 1", epochs);
        require(batchSize >= 1, "batch_size must be >= 1", batchSize);
        require(steps >= 1, "T must be >= 1", steps);
        require(burnIn >= 0 && burnIn < steps, "burn_in must be >= 0 and < T (" + steps + ")", burnIn);
        require(layers != null && layers.size() >= 2 && layers.stream().allMatch(n -> n != null && n >= 1),
                "layers must hold at least two sizes, each >= 1", layers);
        require(neuron != null, "neuron must be given", neuron);
        require(initSd > 0 && Double.isFinite(initSd), "init_sd must be > 0 and finite", initSd);
        require(init != null, "init must be one of lsuv, uniform, bayesbinn, gaussian", init);
        require(initLatent != null && initLatent != BisnnInit.LSUV,
                "init_latent must be one of uniform, bayesbinn, gaussian", initLatent == null ? null : initLatent.id());
        layers = List.copyOf(layers);
    }

    /**
     * Settings with {@code init} and {@code init_latent} gaussian (N(0, init_sd^2)), the initialisation before the
     * settings existed.
     */
    public BisnnSettings(double lrFp, double lrSt, double lrBayes, double rho, double temperature, double priorP,
                         int ensembleSize, int epochs, int batchSize, int steps, int burnIn, List<Integer> layers,
                         DecolleParams neuron, double initSd) {
        this(lrFp, lrSt, lrBayes, rho, temperature, priorP, ensembleSize, epochs, batchSize, steps, burnIn, layers,
                neuron, initSd, BisnnInit.GAUSSIAN, BisnnInit.GAUSSIAN);
    }

    /** The layer sizes as an array (a copy). */
    public int[] layerArray() {
        return layers.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The learning rate of {@code rule}. */
    public double learningRate(BisnnRule rule) {
        return switch (rule) {
            case FP -> lrFp;
            case ST -> lrSt;
            case BAYES -> lrBayes;
        };
    }

    /** The prior's natural parameter {@code w0 = 0.5 ln(p0 / (1 - p0))}. */
    public double priorNatural() {
        return BinaryWeights.priorNatural(priorP);
    }

    /** A copy with other epochs. */
    public BisnnSettings withEpochs(int e) {
        return new BisnnSettings(lrFp, lrSt, lrBayes, rho, temperature, priorP, ensembleSize, e, batchSize, steps,
                burnIn, layers, neuron, initSd, init, initLatent);
    }

    /** A copy with other learning rates. */
    public BisnnSettings withLearningRates(double fp, double st, double bayes) {
        return new BisnnSettings(fp, st, bayes, rho, temperature, priorP, ensembleSize, epochs, batchSize, steps,
                burnIn, layers, neuron, initSd, init, initLatent);
    }

    /** A copy with another temperature. */
    public BisnnSettings withTemperature(double tau) {
        return new BisnnSettings(lrFp, lrSt, lrBayes, rho, tau, priorP, ensembleSize, epochs, batchSize, steps,
                burnIn, layers, neuron, initSd, init, initLatent);
    }

    /** A copy with another initial sd. */
    public BisnnSettings withInitSd(double sd) {
        return new BisnnSettings(lrFp, lrSt, lrBayes, rho, temperature, priorP, ensembleSize, epochs, batchSize, steps,
                burnIn, layers, neuron, sd, init, initLatent);
    }

    /** A copy with other initialisations of the fp weights and of the st/bayes latent parameters. */
    public BisnnSettings withInit(BisnnInit fp, BisnnInit latent) {
        return new BisnnSettings(lrFp, lrSt, lrBayes, rho, temperature, priorP, ensembleSize, epochs, batchSize, steps,
                burnIn, layers, neuron, initSd, fp, latent);
    }

    /** The initialisation of {@code rule}'s parameters: {@code init} for fp, {@code init_latent} for st and bayes. */
    public BisnnInit initOf(BisnnRule rule) {
        return rule == BisnnRule.FP ? init : initLatent;
    }

    /** A copy with other layer sizes. */
    public BisnnSettings withLayers(List<Integer> sizes) {
        return new BisnnSettings(lrFp, lrSt, lrBayes, rho, temperature, priorP, ensembleSize, epochs, batchSize, steps,
                burnIn, sizes, neuron, initSd, init, initLatent);
    }

    static void require(boolean ok, String what, Object value) {
        if (!ok) {
            throw new IllegalArgumentException(what + ", but was " + value);
        }
    }
}
