package chipsweep.train;

import chipsweep.chip.CubaNetwork;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The host's weights of the current-based network: W1 (inputs x hidden) and W2 (hidden x outputs), flat
 * row-major ({@code W1[i * H + j]}, {@code W2[j * K + k]}). Compared by content.
 *
 * <p>Example: {@code CubaWeights w = CubaWeights.gaussian(net, 1.0, Streams.generator(initSeed));}
 *
 * <p>Thread-safety: immutable (arrays copied in and out).
 */
public record CubaWeights(double[] w1, double[] w2) {
    public CubaWeights {
        w1 = w1.clone();
        w2 = w2.clone();
    }

    /**
     * Kaiming-like initial weights (CRAMER.md section 4): every weight {@code N(0, 1/fan_in)} times {@code scale},
     * fan_in = inputs for W1 and hidden for W2, drawn by {@code nextGaussian()}: W1 in flat order, then W2.
     */
    public static CubaWeights gaussian(CubaNetwork net, double scale, RandomGenerator rng) {
        MhSettings.require(scale > 0 && Double.isFinite(scale), "init_scale must be > 0 and finite", scale);
        double[] w1 = new double[net.hiddenWeightCount()];
        double[] w2 = new double[net.outputWeightCount()];
        double s1 = scale / Math.sqrt(net.inputs());
        double s2 = scale / Math.sqrt(net.hidden());
        for (int i = 0; i < w1.length; i++) {
            w1[i] = s1 * rng.nextGaussian();
        }
        for (int i = 0; i < w2.length; i++) {
            w2[i] = s2 * rng.nextGaussian();
        }
        return new CubaWeights(w1, w2);
    }

    @Override
    public double[] w1() {
        return w1.clone();
    }

    @Override
    public double[] w2() {
        return w2.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CubaWeights c && Arrays.equals(w1, c.w1) && Arrays.equals(w2, c.w2);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(w1) + Arrays.hashCode(w2);
    }

    @Override
    public String toString() {
        return "CubaWeights[" + w1.length + " + " + w2.length + "]";
    }
}
