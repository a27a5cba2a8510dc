package chipsweep.chip;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The physical parameters of one chip instance, compiled from its {@link Distortion}: per-synapse gains,
 * the weight quantiser, per-neuron transfer distortion, per-neuron leak and threshold, membrane noise.
 * This is what the simulator runs; trainers never see it (only the oracle baseline, through
 * {@link ChipInternals}).
 *
 * <p>Thread-safety: immutable once built.
 */
public final class ChipPhysics implements Serializable {
    private static final long serialVersionUID = 1L;

    final Network net;
    /** gain[l] per synapse, or null for gain 1. */
    final double[][] gain;
    /** Levels per side (NaN: no quantisation) and clip range. */
    final double quantLevels;
    final double quantMax;
    /** Transfer distortion per layer (null rows: identity). */
    final double[][] sa;
    final double[][] omega;
    final double[][] phi;
    final double[][] sinPhi;
    final double[][] beta;
    final double[][] theta;
    final double noiseSigma;
    final long noiseSeed;

    private ChipPhysics(Builder b) {
        net = b.net;
        gain = b.gain;
        quantLevels = b.quantLevels;
        quantMax = b.quantMax;
        sa = b.sa;
        omega = b.omega;
        phi = b.phi;
        sinPhi = b.sinPhi;
        beta = b.beta;
        theta = b.theta;
        noiseSigma = b.noiseSigma;
        noiseSeed = b.noiseSeed;
    }

    /** The physics of {@code net} under {@code d}. */
    public static ChipPhysics of(Network net, Distortion d) {
        Builder b = new Builder(net);
        d.applyTo(b);
        return new ChipPhysics(b);
    }

    /** Programmed weight to effective weight of synapse {@code k} of layer {@code l}. */
    double effective(int l, int k, double w) {
        double q = quantize(w);
        return gain[l] == null ? q : q * gain[l][k];
    }

    double quantize(double w) {
        if (Double.isNaN(quantLevels)) {
            return w;
        }
        if (quantLevels < 1) {
            return 0.0;
        }
        double step = quantMax / quantLevels;
        double c = Math.max(-quantMax, Math.min(quantMax, w));
        double level = Math.max(-quantLevels, Math.min(quantLevels, Math.rint(c / step)));
        // level * step can round past the clip range (0.1 with 11 levels: 11 * (0.1 / 11) = 0.10000000000000002)
        return Math.max(-quantMax, Math.min(quantMax, level * step));
    }

    /** The transfer function g of neuron {@code j} of layer {@code l}, in the golden files' order. */
    double transfer(int l, int j, double current) {
        double[] s = sa[l];
        if (s == null) {
            return current;
        }
        return current + (s[j] * (Math.sin((omega[l][j] * current) + phi[l][j]) - sinPhi[l][j]));
    }

    /** dg/dI of neuron {@code j} of layer {@code l} at {@code current}. */
    double transferSlope(int l, int j, double current) {
        double[] s = sa[l];
        if (s == null) {
            return 1.0;
        }
        return 1.0 + (s[j] * omega[l][j]) * Math.cos((omega[l][j] * current) + phi[l][j]);
    }

    /** Mutable collector for {@link Distortion#applyTo}; starts as the ideal chip. */
    public static final class Builder {
        final Network net;
        final double[][] gain;
        double quantLevels = Double.NaN;
        double quantMax;
        final double[][] sa;
        final double[][] omega;
        final double[][] phi;
        final double[][] sinPhi;
        final double[][] beta;
        final double[][] theta;
        double noiseSigma;
        long noiseSeed;

        Builder(Network net) {
            this.net = net;
            int layers = net.weightLayers();
            gain = new double[layers][];
            sa = new double[layers][];
            omega = new double[layers][];
            phi = new double[layers][];
            sinPhi = new double[layers][];
            beta = new double[layers][];
            theta = new double[layers][];
            for (int l = 0; l < layers; l++) {
                beta[l] = new double[net.size(l + 1)];
                theta[l] = new double[net.size(l + 1)];
                Arrays.fill(beta[l], net.beta());
                Arrays.fill(theta[l], net.theta());
            }
        }

        public double nominalBeta() {
            return net.beta();
        }

        public double nominalTheta() {
            return net.theta();
        }

        void multiplyGain(int l, double[] g) {
            checkLayer(l, g.length, net.weightCount(l), "gain");
            if (gain[l] == null) {
                gain[l] = g;
            } else {
                for (int k = 0; k < g.length; k++) {
                    gain[l][k] *= g[k];
                }
            }
        }

        void quantize(double levels, double max) {
            quantLevels = levels;
            quantMax = max;
        }

        void transfer(int l, double[] sigmaA, double[] om, double[] ph, double[] sinPh) {
            checkLayer(l, sigmaA.length, net.size(l + 1), "transfer");
            if (sa[l] != null) {
                throw new IllegalArgumentException("layer " + l + " has two transfer distortions");
            }
            sa[l] = sigmaA;
            omega[l] = om;
            phi[l] = ph;
            sinPhi[l] = sinPh;
        }

        void setBeta(int l, int j, double v) {
            beta[l][j] = v;
        }

        void setTheta(int l, int j, double v) {
            theta[l][j] = v;
        }

        void noise(double sigma, long seed) {
            noiseSigma = sigma;
            noiseSeed = seed;
        }

        private void checkLayer(int l, int got, int expected, String what) {
            if (l >= net.weightLayers() || got != expected) {
                throw new IllegalArgumentException(what + " parameters of layer " + l + " have " + got
                        + " entries, expected " + expected + " for " + net);
            }
        }
    }
}
