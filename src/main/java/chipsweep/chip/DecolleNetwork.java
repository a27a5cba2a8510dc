package chipsweep.chip;

import java.io.Serializable;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A stack of DECOLLE-style LIF layers (BISNN.md section 1): layer sizes (input first), {@code steps} time
 * steps of binary input spikes, a burn-in before which nothing is read out or learned, the time constants,
 * and each layer's fixed readout {@code B_l} ({@code n_l x classes}, flat row-major, never trained) that maps
 * its spikes to class scores. Weights are not part of the network: they are passed to
 * {@link DecolleKernel#step} (one flat row-major {@code n_in x n_out} array per layer, {@code W[i][j]} is
 * input i to neuron j), so full-precision, binary and relaxed weights all run through the same kernel.
 *
 * <p>Example:
 * <pre>{@code
 * int[] layers = {20, 64, 64, 2};
 * DecolleNetwork net = DecolleNetwork.of(layers, 100, 10, DecolleParams.DEFAULTS,
 *         DecolleNetwork.randomReadouts(layers, 2, rng));
 * }</pre>
 *
 * <p>Thread-safety: immutable; the readout accessor returns a copy.
 */
public final class DecolleNetwork implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int[] layers;
    private final int classes;
    private final int steps;
    private final int burnIn;
    private final DecolleParams params;
    private final double[][] readouts;

    private DecolleNetwork(int[] layers, int classes, int steps, int burnIn, DecolleParams params,
                           double[][] readouts) {
        this.layers = layers;
        this.classes = classes;
        this.steps = steps;
        this.burnIn = burnIn;
        this.params = params;
        this.readouts = readouts;
    }

    /**
     * A network with the given readouts ({@code readouts[l]} has {@code layers[l+1] * classes} entries).
     *
     * @throws IllegalArgumentException naming the first setting that is out of range
     */
    public static DecolleNetwork of(int[] layers, int steps, int burnIn, DecolleParams params, double[][] readouts) {
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
            throw new IllegalArgumentException("T must be >= 1, but was " + steps);
        }
        if (!(burnIn >= 0 && burnIn < steps)) {
            throw new IllegalArgumentException("burn_in must be >= 0 and < T (" + steps + "), but was " + burnIn);
        }
        if (params == null) {
            throw new IllegalArgumentException("params must be given, but was null");
        }
        if (readouts == null || readouts.length != layers.length - 1 || readouts[0] == null
                || readouts[0].length % layers[1] != 0 || readouts[0].length == 0) {
            throw new IllegalArgumentException("readouts must hold one n_l x classes matrix per layer, but was "
                    + (readouts == null ? "null" : readouts.length + " matrices"));
        }
        int classes = readouts[0].length / layers[1];
        double[][] copy = new double[readouts.length][];
        for (int l = 0; l < readouts.length; l++) {
            if (readouts[l] == null || readouts[l].length != layers[l + 1] * classes) {
                throw new IllegalArgumentException("readout of layer " + (l + 1) + " must have "
                        + layers[l + 1] * classes + " entries, but was "
                        + (readouts[l] == null ? "null" : String.valueOf(readouts[l].length)));
            }
            copy[l] = readouts[l].clone();
        }
        return new DecolleNetwork(layers.clone(), classes, steps, burnIn, params, copy);
    }

    /**
     * Fixed random binary readouts: entries {@code +-1/n_l}, each sign a fair coin from {@code rng}, layer by
     * layer, row-major. A matrix in which some class k can never score above some other class m (no neuron j
     * with {@code B[j][k] > B[j][m]}) is drawn again from the same generator: its local loss cannot be fitted,
     * and with ties going to the lower index such a top layer cannot predict class k at all. Wide layers pass
     * at once; a 2-neuron top layer with 2 classes keeps only {@code +-[[1, -1], [-1, 1]] / 2}, one neuron per
     * class (of the 16 sign patterns, 14 leave one class unreachable or reachable by ties only).
     */
    public static double[][] randomReadouts(int[] layers, int classes, RandomGenerator rng) {
        if (!(classes >= 2)) {
            throw new IllegalArgumentException("classes must be >= 2, but was " + classes);
        }
        double[][] b = new double[layers.length - 1][];
        for (int l = 0; l < b.length; l++) {
            int n = layers[l + 1];
            double v = 1.0 / n;
            b[l] = new double[n * classes];
            if (n == 1) {
                throw new IllegalArgumentException("a layer of one neuron cannot separate " + classes
                        + " classes by its readout, but layers were " + Arrays.toString(layers));
            }
            do {
                for (int k = 0; k < b[l].length; k++) {
                    b[l][k] = rng.nextBoolean() ? v : -v;
                }
            } while (!everyClassCanWin(b[l], n, classes));
        }
        return b;
    }

    /** True if for every ordered pair of classes (k, m) some neuron votes more for k than for m. */
    static boolean everyClassCanWin(double[] b, int rows, int classes) {
        for (int k = 0; k < classes; k++) {
            for (int m = 0; m < classes; m++) {
                if (k == m) {
                    continue;
                }
                boolean some = false;
                for (int j = 0; j < rows && !some; j++) {
                    some = b[j * classes + k] > b[j * classes + m];
                }
                if (!some) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Layer sizes, input first (a copy). */
    public int[] layers() {
        return layers.clone();
    }

    /** Size of layer {@code l} (0 = input). */
    public int size(int l) {
        return layers[l];
    }

    /** Number of LIF layers (= weight matrices). */
    public int weightLayers() {
        return layers.length - 1;
    }

    /** Number of classes K (columns of every readout). */
    public int classes() {
        return classes;
    }

    /** Number of steps T. */
    public int steps() {
        return steps;
    }

    /** Steps before read-out and learning start. */
    public int burnIn() {
        return burnIn;
    }

    /** Time constants. */
    public DecolleParams params() {
        return params;
    }

    /** The readout of LIF layer {@code l} (0-based), flat {@code n_{l+1} x classes} (a copy). */
    public double[] readout(int l) {
        return readouts[l].clone();
    }

    double[] readoutView(int l) {
        return readouts[l];
    }

    /** Zero weights, one flat {@code n_l x n_{l+1}} array per layer. */
    public double[][] newWeights() {
        double[][] w = new double[layers.length - 1][];
        for (int l = 0; l < w.length; l++) {
            w[l] = new double[layers[l] * layers[l + 1]];
        }
        return w;
    }

    @Override
    public String toString() {
        return "DecolleNetwork" + Arrays.toString(layers) + "[T=" + steps + ", burn_in=" + burnIn + ", K=" + classes
                + ", " + params + "]";
    }
}
