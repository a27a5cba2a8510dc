package chipsweep.chip;

import chipsweep.rng.Seeds;
import chipsweep.rng.Streams;
import java.util.random.RandomGenerator;

/**
 * One frozen draw of the chip effects of spec/BUCHEL.md section 4 for a network of {@code n} neurons: per neuron
 * {@code tau_mem, tau_slow, v_thresh ~ |N(mu, (sigma mu)^2)|}; per synapse gains {@code 1 + sigma N(0, 1)} on
 * {@code win}, {@code wout} and {@code omega_slow}; the slow weights quantised to {@code bits} bits before the gains
 * (0: full precision; levels {@code (max - min) / (2^bits - 1)} apart, as the authors' code); a share of the neurons
 * dead (clamped to reset; drawn without replacement); and membrane noise of the params' sd, drawn fresh per trial
 * from the chip's noise stream. The fast weights, the readout and {@code tau_out} are not distorted.
 *
 * <p>A draw with sigma 0, no dead neurons, no quantisation and no noise is the ideal chip exactly: every factor is
 * 1 and every time constant its nominal value. Draw order (one generator from the seed): per neuron tau_mem,
 * tau_slow, v_thresh; then the gains of win, wout, omega_slow in index order; the dead neurons from a child stream
 * ({@code Seeds.child(seed, 1)}); the noise stream is {@code Seeds.child(seed, 2)}.
 *
 * <p>Example: {@code BuchelChip c = BuchelChip.draw(params, w, 0.2, 0.0, 0, seed); BuchelWeights e = c.program(w);}
 *
 * <p>Thread-safety: immutable.
 */
public final class BuchelChip {
    private final BuchelParams params;
    private final double sigma;
    private final int bits;
    private final double[] tauMem;
    private final double[] tauSlow;
    private final double[] vThresh;
    private final double[] gainIn;
    private final double[] gainOut;
    private final double[] gainSlow;
    private final boolean[] dead;
    private final long noiseSeed;

    private BuchelChip(BuchelParams params, double sigma, int bits, double[] tauMem, double[] tauSlow,
                       double[] vThresh, double[] gainIn, double[] gainOut, double[] gainSlow, boolean[] dead,
                       long noiseSeed) {
        this.params = params;
        this.sigma = sigma;
        this.bits = bits;
        this.tauMem = tauMem;
        this.tauSlow = tauSlow;
        this.vThresh = vThresh;
        this.gainIn = gainIn;
        this.gainOut = gainOut;
        this.gainSlow = gainSlow;
        this.dead = dead;
        this.noiseSeed = noiseSeed;
    }

    /** The ideal chip for networks shaped like {@code w}, with the params' noise (use 0 for none). */
    public static BuchelChip ideal(BuchelParams params, BuchelWeights w) {
        return draw(params, w, 0.0, 0.0, 0, 0L);
    }

    /** The ideal chip but for slow weights quantised to {@code bits} bits (0: full precision): the training chip. */
    public static BuchelChip quantised(BuchelParams params, BuchelWeights w, int bits) {
        return draw(params, w, 0.0, 0.0, bits, 0L);
    }

    /**
     * A chip drawn from {@code seed}: mismatch of relative sd {@code sigma}, a share {@code death} of the neurons
     * dead, slow weights quantised to {@code bits} bits (0: full precision).
     */
    public static BuchelChip draw(BuchelParams params, BuchelWeights w, double sigma, double death, int bits,
                                  long seed) {
        if (!(sigma >= 0 && sigma <= 1)) {
            throw new IllegalArgumentException("sigma must be in [0, 1], but was " + sigma);
        }
        if (!(death >= 0 && death < 1)) {
            throw new IllegalArgumentException("death must be a share in [0, 1), but was " + death);
        }
        if (!(bits == 0 || (bits >= 1 && bits <= 16))) {
            throw new IllegalArgumentException("bits must be 0 (full precision) or in [1, 16], but was " + bits);
        }
        int n = w.n();
        RandomGenerator rng = Streams.generator(seed);
        double[] tm = new double[n];
        double[] ts = new double[n];
        double[] th = new double[n];
        for (int i = 0; i < n; i++) {
            tm[i] = Math.abs(params.tauMem() + sigma * params.tauMem() * gauss(rng, sigma));
            ts[i] = Math.abs(params.tauSlow() + sigma * params.tauSlow() * gauss(rng, sigma));
            th[i] = Math.abs(params.vThresh() + sigma * params.vThresh() * gauss(rng, sigma));
            tm[i] = Math.max(tm[i], params.dt());
            ts[i] = Math.max(ts[i], params.dt());
        }
        double[] gi = gains(n * w.in(), sigma, rng);
        double[] go = gains(n * w.out(), sigma, rng);
        double[] gs = gains(n * n, sigma, rng);
        boolean[] dead = new boolean[n];
        int k = (int) Math.round(death * n);
        if (k > 0) {
            int[] order = Streams.permutation(n, Streams.generator(Seeds.child(seed, 1)));
            for (int i = 0; i < k; i++) {
                dead[order[i]] = true;
            }
        }
        return new BuchelChip(params, sigma, bits, tm, ts, th, gi, go, gs, dead, Seeds.child(seed, 2));
    }

    /** A standard normal draw, or 0 without drawing when sigma is 0 (so the ideal chip costs nothing). */
    private static double gauss(RandomGenerator rng, double sigma) {
        return sigma == 0 ? 0.0 : rng.nextGaussian();
    }

    private static double[] gains(int size, double sigma, RandomGenerator rng) {
        double[] g = new double[size];
        for (int i = 0; i < size; i++) {
            g[i] = 1.0 + sigma * gauss(rng, sigma);
        }
        return g;
    }

    /**
     * The weights as this chip realises them: {@code w}'s slow weights quantised (when bits > 0), then every
     * distorted weight times its gain. A new network; {@code w} is unchanged.
     */
    public BuchelWeights program(BuchelWeights w) {
        if (w.n() != tauMem.length || w.in() * w.n() != gainIn.length || w.out() * w.n() != gainOut.length) {
            throw new IllegalArgumentException("this chip was drawn for another network shape");
        }
        BuchelWeights e = w.copy();
        if (bits > 0) {
            quantise(w.omegaSlow(), bits, e.omegaSlow());
        }
        multiply(e.win(), gainIn);
        multiply(e.wout(), gainOut);
        multiply(e.omegaSlow(), gainSlow);
        return e;
    }

    /**
     * Quantises {@code w} into {@code out} to {@code 2^bits} levels spaced {@code (max - min) / (2^bits - 1)} apart
     * (round to the nearest multiple of the spacing, as the authors' code); all zeros stay zeros.
     */
    public static void quantise(double[] w, int bits, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (double v : w) {
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        double base = (max - min) / ((1 << bits) - 1);
        for (int i = 0; i < w.length; i++) {
            out[i] = base > 0 ? base * Math.rint(w[i] / base) : w[i];
        }
    }

    private static void multiply(double[] w, double[] g) {
        for (int i = 0; i < w.length; i++) {
            w[i] *= g[i];
        }
    }

    public BuchelParams params() {
        return params;
    }

    public double sigma() {
        return sigma;
    }

    public int bits() {
        return bits;
    }

    /** The share of dead neurons. */
    public double deadShare() {
        int k = 0;
        for (boolean d : dead) {
            k += d ? 1 : 0;
        }
        return (double) k / dead.length;
    }

    double tauMem(int i) {
        return tauMem[i];
    }

    double tauSlow(int i) {
        return tauSlow[i];
    }

    double vThresh(int i) {
        return vThresh[i];
    }

    boolean dead(int i) {
        return dead[i];
    }

    /** The seed of this chip's membrane-noise stream (fresh noise per trial is drawn from one generator of it). */
    public long noiseSeed() {
        return noiseSeed;
    }
}
