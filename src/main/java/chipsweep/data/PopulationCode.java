package chipsweep.data;

import chipsweep.chip.SpikeTrains;
import chipsweep.rng.Seeds;
import chipsweep.rng.Streams;
import java.io.Serializable;
import java.util.random.RandomGenerator;

/**
 * The population code of BISNN.md section 3: each input dimension (values in [0, 1]) drives
 * {@code neuronsPerDim} cosine-tuned neurons with centres {@code c_k = k * dc}, {@code dc = 1/(neuronsPerDim-1)},
 * spiking with probability {@code 0.5 + 0.5 cos(clip(pi (x - c_k) / dc, -pi, pi))} independently at each of
 * {@code steps} steps. Input index {@code d * neuronsPerDim + k} is neuron k of dimension d.
 *
 * <p>The spikes are a function of (sample index, step, seed): sample n draws from its own generator,
 * {@code Streams.generator(Seeds.child(seed, n))}, one uniform per step and input in row-major order
 * ({@code spike = u < p}), so the same sample always gets the same train within a cell whatever else is encoded.
 * Callers give the training set, test set and grid different seeds.
 *
 * <p>Example: {@code SpikeTrains s = PopulationCode.DEFAULTS.encode(points, seed); // 20 inputs, 100 steps}
 *
 * <p>Thread-safety: immutable.
 */
public record PopulationCode(int neuronsPerDim, int steps) implements Serializable {
    /** 10 neurons per dimension, T = 100. */
    public static final PopulationCode DEFAULTS = new PopulationCode(10, 100);

    /** Validates the settings, naming the setting and the value. */
    public PopulationCode {
        if (!(neuronsPerDim >= 2)) {
            throw new IllegalArgumentException("neurons_per_dim must be >= 2, but was " + neuronsPerDim);
        }
        if (!(steps >= 1)) {
            throw new IllegalArgumentException("T must be >= 1, but was " + steps);
        }
    }

    /** The spike probability per step of every input neuron for the point {@code x}. */
    public double[] rates(double[] x) {
        double[] p = new double[x.length * neuronsPerDim];
        double dc = 1.0 / (neuronsPerDim - 1);
        for (int d = 0; d < x.length; d++) {
            for (int k = 0; k < neuronsPerDim; k++) {
                double phase = Math.PI * (x[d] - k * dc) / dc;
                phase = Math.max(-Math.PI, Math.min(Math.PI, phase));
                p[d * neuronsPerDim + k] = 0.5 + 0.5 * Math.cos(phase);
            }
        }
        return p;
    }

    /** The spike trains of {@code points} (all of one dimension), sample n from stream {@code child(seed, n)}. */
    public SpikeTrains encode(double[][] points, long seed) {
        if (points.length == 0) {
            throw new IllegalArgumentException("points must not be empty");
        }
        int inputs = points[0].length * neuronsPerDim;
        byte[] s = new byte[points.length * steps * inputs];
        for (int n = 0; n < points.length; n++) {
            if (points[n].length * neuronsPerDim != inputs) {
                throw new IllegalArgumentException("point " + n + " must have " + points[0].length
                        + " coordinates, but had " + points[n].length);
            }
            double[] p = rates(points[n]);
            RandomGenerator rng = Streams.generator(Seeds.child(seed, n));
            int base = n * steps * inputs;
            for (int t = 0; t < steps; t++) {
                for (int i = 0; i < inputs; i++) {
                    s[base + t * inputs + i] = rng.nextDouble() < p[i] ? (byte) 1 : (byte) 0;
                }
            }
        }
        return SpikeTrains.wrap(points.length, steps, inputs, s);
    }
}
