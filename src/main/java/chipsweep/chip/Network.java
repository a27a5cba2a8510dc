package chipsweep.chip;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The nominal network a chip implements: fully connected feed-forward LIF layers without biases
 * (METHOD.md section 3), {@code steps} time steps of direct-current input, leak {@code beta}, threshold
 * {@code theta}, reset by subtraction. Trainers know this much about the chip; its distortion they do not.
 *
 * <p>Example: {@code new Network(new int[] {30, 20, 2}, 20, 0.9, 1.0)}.
 *
 * <p>Thread-safety: immutable.
 */
public final class Network implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int[] layers;
    private final int steps;
    private final double beta;
    private final double theta;

    public Network(int[] layers, int steps, double beta, double theta) {
        if (layers == null || layers.length < 2) {
            throw new IllegalArgumentException("layers must hold at least an input and an output size, but was "
                    + Arrays.toString(layers));
        }
        for (int n : layers) {
            if (!(n >= 1)) {
                throw new IllegalArgumentException("layers must each be >= 1, but was " + Arrays.toString(layers));
            }
        }
        if (!(steps >= 1)) {
            throw new IllegalArgumentException("steps must be >= 1, but was " + steps);
        }
        if (!(beta >= 0 && beta <= 1)) {
            throw new IllegalArgumentException("beta must be in [0, 1], but was " + beta);
        }
        if (!(theta > 0 && Double.isFinite(theta))) {
            throw new IllegalArgumentException("theta must be > 0 and finite, but was " + theta);
        }
        this.layers = layers.clone();
        this.steps = steps;
        this.beta = beta;
        this.theta = theta;
    }

    /** Layer sizes, input first (a copy). */
    public int[] layers() {
        return layers.clone();
    }

    /** Size of layer {@code l} (0 = input). */
    public int size(int l) {
        return layers[l];
    }

    /** Number of weight matrices (= number of LIF layers). */
    public int weightLayers() {
        return layers.length - 1;
    }

    public int inputs() {
        return layers[0];
    }

    public int outputs() {
        return layers[layers.length - 1];
    }

    /** Number of entries of weight matrix {@code l} (input side {@code size(l)} x output side {@code size(l+1)}). */
    public int weightCount(int l) {
        return layers[l] * layers[l + 1];
    }

    /** Total number of programmable weights. */
    public int parameterCount() {
        int p = 0;
        for (int l = 0; l < weightLayers(); l++) {
            p += weightCount(l);
        }
        return p;
    }

    public int steps() {
        return steps;
    }

    public double beta() {
        return beta;
    }

    public double theta() {
        return theta;
    }

    /** Fresh zero weight matrices, one flat row-major array per layer: {@code w[l][i * size(l+1) + j]}. */
    public double[][] newWeights() {
        double[][] w = new double[weightLayers()][];
        for (int l = 0; l < w.length; l++) {
            w[l] = new double[weightCount(l)];
        }
        return w;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Network n && Arrays.equals(layers, n.layers) && steps == n.steps
                && Double.compare(beta, n.beta) == 0 && Double.compare(theta, n.theta) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(layers) * 31 + Integer.hashCode(steps);
    }

    @Override
    public String toString() {
        return "Network" + Arrays.toString(layers) + " T=" + steps + " beta=" + beta + " theta=" + theta;
    }
}
