package chipsweep.chip;

/**
 * A simulated chip instance: the nominal {@link Network} under a frozen {@link Distortion}. Programming it
 * computes the effective weights once; evaluating runs the LIF kernel. With {@code sigma = 0} it is exactly
 * the ideal chip.
 *
 * <p>Example:
 * <pre>{@code
 * Chip chip = SimulatedChip.of(net, Distortions.draw("mismatch", 2.0, net, DistortionSettings.DEFAULTS, 0, 3));
 * }</pre>
 * Trainers take it as a {@link Chip}; only the oracle baseline uses {@link #internalsForOracle()}.
 *
 * <p>Thread-safety: mutable (programmed weights, evaluation counter), confined to one thread.
 */
public final class SimulatedChip implements Chip {
    private final Network net;
    private final Distortion distortion;
    private final ChipPhysics physics;
    private final LifKernel kernel;
    private final double[][] weff;
    /** The largest |effective weight| per layer, for the kernel's exactness check. */
    private final double[] maxAbsWeff;
    private boolean programmed;
    private long evaluations;

    private SimulatedChip(Network net, Distortion distortion) {
        this.net = net;
        this.distortion = distortion;
        this.physics = ChipPhysics.of(net, distortion);
        this.kernel = new LifKernel(net);
        this.weff = net.newWeights();
        this.maxAbsWeff = new double[weff.length];
    }

    public static SimulatedChip of(Network net, Distortion distortion) {
        return new SimulatedChip(net, distortion);
    }

    public static SimulatedChip ideal(Network net) {
        return new SimulatedChip(net, Distortion.Ideal.INSTANCE);
    }

    @Override
    public Network network() {
        return net;
    }

    /** The distortion's kind and sigma, for logs and provenance (not its parameters). */
    public String describe() {
        return distortion.kind() + " sigma=" + distortion.sigma();
    }

    @Override
    public void program(double[][] w) {
        if (w.length != weff.length) {
            throw new IllegalArgumentException("expected " + weff.length + " weight matrices, got " + w.length);
        }
        for (int l = 0; l < w.length; l++) {
            double[] src = w[l];
            double[] dst = weff[l];
            if (src.length != dst.length) {
                throw new IllegalArgumentException("weight matrix " + l + " has " + src.length + " entries, expected "
                        + dst.length);
            }
            for (int k = 0; k < src.length; k++) {
                double v = src[k];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("weight " + k + " of layer " + l + " must be finite, but was " + v);
                }
                dst[k] = physics.effective(l, k, v);
            }
        }
        LifKernel.maxAbs(weff, maxAbsWeff);
        programmed = true;
    }

    @Override
    public void evaluate(Batch inputs, Readout out) {
        checkProgrammed();
        kernel.run(physics, weff, maxAbsWeff, inputs, out, null, evaluations++);
    }

    @Override
    public void evaluate(Batch inputs, int[] order, int from, int to, Readout out) {
        checkProgrammed();
        if (from < 0 || from > to || to > order.length) {
            throw new IllegalArgumentException("sample range [" + from + ", " + to + ") is not within the order's "
                    + order.length + " entries");
        }
        for (int i = from; i < to; i++) {
            if (order[i] < 0 || order[i] >= inputs.rows()) {
                throw new IllegalArgumentException("order[" + i + "] = " + order[i] + " is not a row of the batch's "
                        + inputs.rows());
            }
        }
        kernel.run(physics, weff, maxAbsWeff, inputs, order, from, to, out, null, evaluations++);
    }

    @Override
    public boolean deterministic() {
        return !(physics.noiseSigma > 0);
    }

    @Override
    public void record(Batch inputs, Recording out) {
        checkProgrammed();
        kernel.run(physics, weff, maxAbsWeff, inputs, out.readout, out, evaluations++);
    }

    private void checkProgrammed() {
        if (!programmed) {
            throw new IllegalStateException("program the chip before evaluating it");
        }
    }

    /** The chip's insides, for the oracle baseline only (METHOD.md section 5.4). */
    public ChipInternals internalsForOracle() {
        return new ChipInternals() {
            @Override
            public double[] effectiveWeights(int l) {
                return weff[l];
            }

            @Override
            public double gain(int l, int k) {
                return physics.gain[l] == null ? 1.0 : physics.gain[l][k];
            }

            @Override
            public double transferSlope(int l, int j, double current) {
                return physics.transferSlope(l, j, current);
            }

            @Override
            public double beta(int l, int j) {
                return physics.beta[l][j];
            }

            @Override
            public double theta(int l, int j) {
                return physics.theta[l][j];
            }
        };
    }
}
