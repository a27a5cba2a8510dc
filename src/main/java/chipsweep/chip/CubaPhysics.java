package chipsweep.chip;

import java.util.random.RandomGenerator;

/**
 * One chip instance of the current-based LIF model ({@code spec/CRAMER.md} section 3), frozen: per-neuron
 * decays {@code alpha_j = exp(-dt / tau_s_j)}, {@code beta_j = exp(-dt / tau_m_j)} of the hidden and output
 * layers and hidden thresholds {@code theta_j}, plus the chip's non-idealities: 7-bit signed weights
 * ({@link #withQuantization}), Gaussian membrane noise ({@link #withMembraneNoise}) and output clipping
 * ({@link #withOutputClip}); all three are off unless asked for.
 *
 * <p>Decalibration ({@link #decalibrated}): {@code tau_m_j = tau_m |1 + sigma_d z|},
 * {@code tau_s_j = tau_s |1 + sigma_d z'|}, {@code theta_j = theta |1 + sigma_d z''|}, z ~ N(0,1) drawn from the
 * injected generator by {@code nextGaussian()} in this order: hidden tau_m (j = 0..H-1), hidden tau_s, hidden
 * theta, output tau_m (k = 0..K-1), output tau_s. The number of draws does not depend on sigma_d, so one seed
 * gives the same z at every sigma_d, and sigma_d = 0 gives exactly the ideal values. Seeds become generators
 * through the project's streams, e.g. {@code Streams.generator(Seeds.derive(global, "chip", seed, "decal"))}.
 *
 * <p>Example:
 * <pre>{@code
 * CubaPhysics chip = CubaPhysics.decalibrated(net, 0.3, Streams.generator(seed)).withQuantization(0.4);
 * CubaKernel kernel = new CubaKernel(chip);
 * }</pre>
 *
 * <p>Thread-safety: immutable (arrays are copied in and out).
 */
public final class CubaPhysics {
    /** Levels on each side of zero of the chip's weights: 6-bit magnitude plus sign. */
    public static final int WEIGHT_LEVELS = 63;

    private final CubaNetwork net;
    private final double[] hiddenAlpha;
    private final double[] hiddenBeta;
    private final double[] hiddenTheta;
    private final double[] outputAlpha;
    private final double[] outputBeta;
    /** Hidden w_max of the weight quantiser; 0 = full-precision weights. */
    private final double hiddenWMax;
    /** Standard deviation of the membrane noise; 0 = off. */
    private final double noiseSd;
    /** Output membranes are clipped to [-outputClip, outputClip]; infinity = off. */
    private final double outputClip;

    private CubaPhysics(CubaNetwork net, double[] ha, double[] hb, double[] ht, double[] oa, double[] ob,
                        double hiddenWMax, double noiseSd, double outputClip) {
        this.net = net;
        this.hiddenAlpha = ha;
        this.hiddenBeta = hb;
        this.hiddenTheta = ht;
        this.outputAlpha = oa;
        this.outputBeta = ob;
        this.hiddenWMax = hiddenWMax;
        this.noiseSd = noiseSd;
        this.outputClip = outputClip;
    }

    /** The calibrated chip: every neuron at the nominal tau_m, tau_s and theta of {@code net}. */
    public static CubaPhysics ideal(CubaNetwork net) {
        return decalibrated(net, 0.0, null);
    }

    /**
     * A chip whose neurons are decalibrated by {@code sigmaD} (see the class comment for the draw order);
     * {@code rng} may be null only when {@code sigmaD} is 0.
     */
    public static CubaPhysics decalibrated(CubaNetwork net, double sigmaD, RandomGenerator rng) {
        if (net == null) {
            throw new IllegalArgumentException("a network must be given");
        }
        if (!(sigmaD >= 0 && Double.isFinite(sigmaD))) {
            throw new IllegalArgumentException("decalibration sigma_d must be >= 0 and finite, but was " + sigmaD);
        }
        if (rng == null && sigmaD != 0.0) {
            throw new IllegalArgumentException("decalibration sigma_d " + sigmaD + " needs a random generator");
        }
        int h = net.hidden();
        int k = net.outputs();
        double[] hTauM = scaled(net.tauM(), sigmaD, h, rng);
        double[] hTauS = scaled(net.tauS(), sigmaD, h, rng);
        double[] hTheta = scaled(net.theta(), sigmaD, h, rng);
        double[] oTauM = scaled(net.tauM(), sigmaD, k, rng);
        double[] oTauS = scaled(net.tauS(), sigmaD, k, rng);
        return of(net, decays(net.dt(), hTauS), decays(net.dt(), hTauM), hTheta, decays(net.dt(), oTauS),
                decays(net.dt(), oTauM));
    }

    /**
     * A chip with the given per-neuron values (copied): hidden alpha, beta, theta ({@code hidden} entries each),
     * output alpha, beta ({@code outputs} entries each). Decays must lie in [0, 1], thresholds be > 0 and finite.
     */
    public static CubaPhysics of(CubaNetwork net, double[] hiddenAlpha, double[] hiddenBeta, double[] hiddenTheta,
                                 double[] outputAlpha, double[] outputBeta) {
        if (net == null) {
            throw new IllegalArgumentException("a network must be given");
        }
        return new CubaPhysics(net, decay("hidden alpha", hiddenAlpha, net.hidden()),
                decay("hidden beta", hiddenBeta, net.hidden()), threshold(hiddenTheta, net.hidden()),
                decay("output alpha", outputAlpha, net.outputs()), decay("output beta", outputBeta, net.outputs()),
                0.0, 0.0, Double.POSITIVE_INFINITY);
    }

    /** This chip with 7-bit signed weights: hidden range {@code [-wMax, wMax]}, output range max |W2|. */
    public CubaPhysics withQuantization(double wMax) {
        if (!(wMax > 0 && Double.isFinite(wMax))) {
            throw new IllegalArgumentException("quantisation hidden w_max must be > 0 and finite, but was " + wMax);
        }
        return new CubaPhysics(net, hiddenAlpha, hiddenBeta, hiddenTheta, outputAlpha, outputBeta, wMax, noiseSd,
                outputClip);
    }

    /**
     * This chip with Gaussian membrane noise of standard deviation {@code sd} on every hidden and output
     * membrane at every step, drawn fresh at each evaluation; 0 turns it off.
     */
    public CubaPhysics withMembraneNoise(double sd) {
        if (!(sd >= 0 && Double.isFinite(sd))) {
            throw new IllegalArgumentException("membrane noise sd must be >= 0 and finite, but was " + sd);
        }
        return new CubaPhysics(net, hiddenAlpha, hiddenBeta, hiddenTheta, outputAlpha, outputBeta, hiddenWMax, sd,
                outputClip);
    }

    /** This chip with output membranes clipped to {@code [-vClip, vClip]} at every step. */
    public CubaPhysics withOutputClip(double vClip) {
        if (!(vClip > 0 && Double.isFinite(vClip))) {
            throw new IllegalArgumentException("output clip v_clip must be > 0 and finite, but was " + vClip);
        }
        return new CubaPhysics(net, hiddenAlpha, hiddenBeta, hiddenTheta, outputAlpha, outputBeta, hiddenWMax,
                noiseSd, vClip);
    }

    /**
     * The chip's weight for programmed weight {@code w} in range {@code wMax} (> 0):
     * {@code q = rint((w / wMax) * 63)} clipped to [-63, 63], then {@code (q / 63) * wMax}, in that order.
     */
    public static double quantize(double w, double wMax) {
        double q = Math.rint((w / wMax) * WEIGHT_LEVELS);
        q = Math.max(-WEIGHT_LEVELS, Math.min(WEIGHT_LEVELS, q));
        return (q / WEIGHT_LEVELS) * wMax;
    }

    /** The output layer's dynamic range: max |w| (0 if every weight is 0). */
    public static double dynamicRange(double[] w) {
        double m = 0.0;
        for (double v : w) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /**
     * Writes the on-chip weights of the programmed {@code w1}, {@code w2} into {@code w1Chip}, {@code w2Chip}:
     * quantised if this chip quantises (the output range a zero matrix leaves zero), else copied.
     */
    public void onChipWeights(double[] w1, double[] w2, double[] w1Chip, double[] w2Chip) {
        if (hiddenWMax > 0) {
            quantizeInto(w1, hiddenWMax, w1Chip);
            double range = dynamicRange(w2);
            if (range > 0) {
                quantizeInto(w2, range, w2Chip);
            } else {
                System.arraycopy(w2, 0, w2Chip, 0, w2.length);
            }
        } else {
            System.arraycopy(w1, 0, w1Chip, 0, w1.length);
            System.arraycopy(w2, 0, w2Chip, 0, w2.length);
        }
    }

    private static void quantizeInto(double[] w, double wMax, double[] into) {
        for (int i = 0; i < w.length; i++) {
            into[i] = quantize(w[i], wMax);
        }
    }

    public CubaNetwork network() {
        return net;
    }

    /** Per hidden neuron {@code exp(-dt / tau_s_j)} (a copy). */
    public double[] hiddenAlpha() {
        return hiddenAlpha.clone();
    }

    /** Per hidden neuron {@code exp(-dt / tau_m_j)} (a copy). */
    public double[] hiddenBeta() {
        return hiddenBeta.clone();
    }

    /** Per hidden neuron threshold (a copy). */
    public double[] hiddenTheta() {
        return hiddenTheta.clone();
    }

    /** Per output neuron {@code exp(-dt / tau_s_k)} (a copy). */
    public double[] outputAlpha() {
        return outputAlpha.clone();
    }

    /** Per output neuron {@code exp(-dt / tau_m_k)} (a copy). */
    public double[] outputBeta() {
        return outputBeta.clone();
    }

    /** Whether weights are quantised to 7 bits. */
    public boolean quantizes() {
        return hiddenWMax > 0;
    }

    /** The hidden layer's quantisation range; 0 when weights are full precision. */
    public double hiddenWMax() {
        return hiddenWMax;
    }

    /** Membrane noise standard deviation; 0 = off. */
    public double noiseSd() {
        return noiseSd;
    }

    /** Output clipping bound; infinity = off. */
    public double outputClip() {
        return outputClip;
    }

    // Package-private views for the kernel (not copied; never modified).
    double[] ha() {
        return hiddenAlpha;
    }

    double[] hb() {
        return hiddenBeta;
    }

    double[] ht() {
        return hiddenTheta;
    }

    double[] oa() {
        return outputAlpha;
    }

    double[] ob() {
        return outputBeta;
    }

    private static double[] scaled(double nominal, double sigma, int n, RandomGenerator rng) {
        double[] v = new double[n];
        for (int j = 0; j < n; j++) {
            double z = sigma == 0.0 && rng == null ? 0.0 : rng.nextGaussian();
            v[j] = nominal * Math.abs(1.0 + sigma * z);
        }
        return v;
    }

    private static double[] decays(double dt, double[] tau) {
        double[] d = new double[tau.length];
        for (int j = 0; j < tau.length; j++) {
            d[j] = Math.exp(-dt / tau[j]);
        }
        return d;
    }

    private static double[] decay(String name, double[] v, int n) {
        if (v == null || v.length != n) {
            throw new IllegalArgumentException(name + " must have " + n + " entries, but had "
                    + (v == null ? "none" : v.length));
        }
        for (int j = 0; j < n; j++) {
            if (!(v[j] >= 0 && v[j] <= 1)) {
                throw new IllegalArgumentException(name + " of neuron " + j + " must be in [0, 1], but was " + v[j]);
            }
        }
        return v.clone();
    }

    private static double[] threshold(double[] v, int n) {
        if (v == null || v.length != n) {
            throw new IllegalArgumentException("hidden theta must have " + n + " entries, but had "
                    + (v == null ? "none" : v.length));
        }
        for (int j = 0; j < n; j++) {
            if (!(v[j] > 0 && Double.isFinite(v[j]))) {
                throw new IllegalArgumentException("hidden theta of neuron " + j + " must be > 0 and finite, but was "
                        + v[j]);
            }
        }
        return v.clone();
    }

    @Override
    public String toString() {
        return "CubaPhysics[" + net + ", w_max " + (quantizes() ? hiddenWMax : "off") + ", noise sd " + noiseSd
                + ", v_clip " + (Double.isInfinite(outputClip) ? "off" : outputClip) + "]";
    }
}
