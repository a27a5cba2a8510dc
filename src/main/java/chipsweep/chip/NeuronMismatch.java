package chipsweep.chip;

/**
 * Per-neuron parameter mismatch on every LIF layer, as on BrainScaleS-2 and DYNAP-SE (METHOD.md section 4):
 * {@code threshold}: {@code theta_j = theta * |1 + sigma * n_j|}; {@code leak}:
 * {@code beta_j = clip(beta * (1 + sigma * m_j), 0, 1)}, with {@code n, m ~ N(0, 1)} per neuron.
 *
 * <p>Thread-safety: immutable.
 */
public record NeuronMismatch(Parameter parameter, double sigma, double[][] deviations) implements Distortion {
    /** Which neuron parameter is mismatched. */
    public enum Parameter { THRESHOLD, LEAK }

    public NeuronMismatch {
        if (parameter == null) {
            throw new IllegalArgumentException("parameter must be given");
        }
        if (!(sigma >= 0 && Double.isFinite(sigma))) {
            throw new IllegalArgumentException(parameter.name().toLowerCase() + " sigma must be >= 0 and finite, but was " + sigma);
        }
        deviations = Distortions.deepCopy(deviations);
    }

    @Override
    public double[][] deviations() {
        return Distortions.deepCopy(deviations);
    }

    @Override
    public String kind() {
        return parameter == Parameter.THRESHOLD ? "threshold" : "leak";
    }

    @Override
    public void applyTo(ChipPhysics.Builder b) {
        for (int l = 0; l < deviations.length; l++) {
            double[] d = deviations[l];
            for (int j = 0; j < d.length; j++) {
                if (parameter == Parameter.THRESHOLD) {
                    b.setTheta(l, j, b.nominalTheta() * Math.abs(1.0 + sigma * d[j]));
                } else {
                    b.setBeta(l, j, Math.min(1.0, Math.max(0.0, b.nominalBeta() * (1.0 + sigma * d[j]))));
                }
            }
        }
    }
}
