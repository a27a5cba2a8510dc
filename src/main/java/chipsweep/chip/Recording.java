package chipsweep.chip;

/**
 * A forward pass written down in full, for training through the chip (METHOD.md section 5.2): per LIF layer
 * the input currents before the neuron's transfer function, the membrane potentials and the spikes at every
 * step, plus the {@link Readout} of the same pass. Values are what the chip produced, distortion included.
 *
 * <p>Layout: layer {@code l} (0 = first LIF layer) with {@code n} neurons stores step {@code t} of sample
 * {@code b} at {@code (b * T + t) * n + j}; the first layer's current is constant in time and stored once per
 * sample at {@code b * n + j}. A buffer: each recording overwrites it.
 *
 * <p>Thread-safety: mutable, confined to one thread.
 */
public final class Recording {
    final Network net;
    final int samples;
    final double[][] current;
    final double[][] membrane;
    final double[][] spikes;
    final Readout readout;

    public Recording(Network net, int samples) {
        this.net = net;
        this.samples = samples;
        int layers = net.weightLayers();
        int steps = net.steps();
        current = new double[layers][];
        membrane = new double[layers][];
        spikes = new double[layers][];
        for (int l = 0; l < layers; l++) {
            int n = net.size(l + 1);
            current[l] = new double[l == 0 ? samples * n : samples * steps * n];
            membrane[l] = new double[samples * steps * n];
            spikes[l] = new double[samples * steps * n];
        }
        readout = new Readout(net, samples, false);
    }

    public Network network() {
        return net;
    }

    public int samples() {
        return samples;
    }

    /** Input currents of LIF layer {@code l} (see the class comment for the layout). Do not modify. */
    public double[] current(int l) {
        return current[l];
    }

    /** Membrane potentials u[t] of LIF layer {@code l}, after the update and before the next reset. Do not modify. */
    public double[] membrane(int l) {
        return membrane[l];
    }

    /** Spikes (0.0 or 1.0) of LIF layer {@code l}. Do not modify. */
    public double[] spikes(int l) {
        return spikes[l];
    }

    /** Spike counts, membrane sums and predictions of the same pass. */
    public Readout readout() {
        return readout;
    }
}
