package chipsweep.train;

import chipsweep.chip.DecolleKernel;
import chipsweep.chip.DecolleNetwork;
import chipsweep.chip.SpikeTrains;
import java.util.random.RandomGenerator;

/**
 * DECOLLE's data-driven initialisation, {@code init_LSUV} of the reference code (nmi-lab/decolle-public,
 * decolle/init_functions.py, called by its scripts/train_lenet_decolle.py on the first 32 samples of a training
 * batch; after Mishkin and Matas 2016, "All you need is a good init"): orthogonal weights, then, layer by layer,
 * the weights divided by {@code sqrt(v)} while the variance {@code v} of the layer's membranes U at the last step
 * of the batch (over samples and neurons) is more than {@link #TOLERANCE} away from the target 1, repeated over all
 * layers until every layer is within tolerance (a layer's rescaling changes the input of the next). The
 * reference also moves each layer's bias toward a mean membrane of 0; the spec's layer has no bias, so the mean is
 * left as the data make it. The reference loops without bound; here at most {@link #MAX_PASSES} passes, then the
 * weights of the last pass stand.
 *
 * <p>Orthogonal weights as {@code torch.nn.init.orthogonal_} on the {@code n_out x n_in} weight: a standard
 * Gaussian matrix (drawn row-major over the flat {@code n_in x n_out} array) orthonormalised along its longer
 * side (Gram-Schmidt, i.e. QR with a positive diagonal of R), so that {@code min(n_in, n_out)} vectors are
 * orthonormal.
 *
 * <p>Thread-safety: stateless.
 */
final class Lsuv {
    /** DECOLLE's tolerance on the membrane variance. */
    static final double TOLERANCE = 0.1;
    /** DECOLLE's floor of the variance a layer is divided by. */
    static final double FLOOR = 1e-3;
    /** Passes over all layers at most. */
    static final int MAX_PASSES = 50;
    /** DECOLLE's batch: the first 32 samples. */
    static final int SAMPLES = 32;

    private Lsuv() {
    }

    /** Orthogonal weights for {@code net}, one flat {@code n_in x n_out} array per layer. */
    static double[][] orthogonal(DecolleNetwork net, RandomGenerator rng) {
        double[][] w = net.newWeights();
        for (int l = 0; l < w.length; l++) {
            int nIn = net.size(l);
            int nOut = net.size(l + 1);
            for (int k = 0; k < w[l].length; k++) {
                w[l][k] = rng.nextGaussian();
            }
            // vectors along the longer side: columns (length n_in) if n_in >= n_out, else rows (length n_out)
            boolean columns = nIn >= nOut;
            int count = columns ? nOut : nIn;
            int len = columns ? nIn : nOut;
            for (int a = 0; a < count; a++) {
                for (int b = 0; b < a; b++) {
                    double dot = 0.0;
                    for (int i = 0; i < len; i++) {
                        dot = dot + at(w[l], nOut, columns, a, i) * at(w[l], nOut, columns, b, i);
                    }
                    for (int i = 0; i < len; i++) {
                        set(w[l], nOut, columns, a, i, at(w[l], nOut, columns, a, i) - dot * at(w[l], nOut, columns, b, i));
                    }
                }
                double norm = 0.0;
                for (int i = 0; i < len; i++) {
                    norm = norm + at(w[l], nOut, columns, a, i) * at(w[l], nOut, columns, a, i);
                }
                norm = Math.sqrt(norm);
                for (int i = 0; i < len; i++) {
                    set(w[l], nOut, columns, a, i, at(w[l], nOut, columns, a, i) / norm);
                }
            }
        }
        return w;
    }

    private static double at(double[] w, int nOut, boolean columns, int vector, int i) {
        return columns ? w[i * nOut + vector] : w[vector * nOut + i];
    }

    private static void set(double[] w, int nOut, boolean columns, int vector, int i, double v) {
        if (columns) {
            w[i * nOut + vector] = v;
        } else {
            w[vector * nOut + i] = v;
        }
    }

    /**
     * Rescales {@code w} in place on the first {@link #SAMPLES} samples of {@code x} until every layer's
     * last-step membrane variance is within {@link #TOLERANCE} of 1; returns the number of passes run.
     */
    static int rescale(DecolleNetwork net, double[][] w, SpikeTrains x) {
        int rows = Math.min(SAMPLES, x.samples());
        DecolleKernel kernel = new DecolleKernel(net, rows);
        double[] input = new double[rows * net.size(0)];
        for (int pass = 1; pass <= MAX_PASSES; pass++) {
            kernel.reset(rows);
            for (int t = 0; t < net.steps(); t++) {
                for (int n = 0; n < rows; n++) {
                    x.copyStep(n, t, input, n * net.size(0));
                }
                kernel.step(input, w);
            }
            boolean done = true;
            for (int l = 0; l < w.length; l++) {
                double v = variance(kernel.membrane(l), rows * net.size(l + 1));
                if (Math.abs(v - 1.0) > TOLERANCE) {
                    double f = 1.0 / Math.sqrt(Math.max(v, FLOOR));
                    for (int k = 0; k < w[l].length; k++) {
                        w[l][k] = w[l][k] * f;
                    }
                    done = false;
                }
            }
            if (done) {
                return pass;
            }
        }
        return MAX_PASSES;
    }

    /** Population variance of the first {@code n} values. */
    static double variance(double[] u, int n) {
        double m = 0.0;
        for (int k = 0; k < n; k++) {
            m = m + u[k];
        }
        m = m / n;
        double v = 0.0;
        for (int k = 0; k < n; k++) {
            v = v + (u[k] - m) * (u[k] - m);
        }
        return v / n;
    }
}
