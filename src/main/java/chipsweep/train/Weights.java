package chipsweep.train;

import chipsweep.chip.Network;
import java.util.random.RandomGenerator;

/**
 * Helpers for weight sets (one flat row-major array per layer) and the initialisation shared by every method:
 * {@code W ~ N(0, 1/fan_in)}, drawn layer by layer, row-major (METHOD.md section 5.1).
 *
 * <p>Thread-safety: stateless.
 */
public final class Weights {
    private Weights() {
    }

    /** Initial weights for {@code net} from the cell's init stream. */
    public static double[][] initial(Network net, RandomGenerator rng) {
        double[][] w = net.newWeights();
        for (int l = 0; l < w.length; l++) {
            double scale = Math.sqrt(net.size(l));
            for (int k = 0; k < w[l].length; k++) {
                w[l][k] = rng.nextGaussian() / scale;
            }
        }
        return w;
    }

    /** A deep copy. */
    public static double[][] copy(double[][] w) {
        double[][] c = new double[w.length][];
        for (int l = 0; l < w.length; l++) {
            c[l] = w[l].clone();
        }
        return c;
    }

    static void copyInto(double[][] from, double[][] to) {
        for (int l = 0; l < from.length; l++) {
            System.arraycopy(from[l], 0, to[l], 0, from[l].length);
        }
    }

    /** Sum of squares over all layers, in layer then index order. */
    static double squaredNorm(double[][] w) {
        double s = 0.0;
        for (double[] layer : w) {
            for (double v : layer) {
                s = s + v * v;
            }
        }
        return s;
    }
}
