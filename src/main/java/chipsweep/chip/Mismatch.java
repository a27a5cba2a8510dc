package chipsweep.chip;

/**
 * Per-synapse multiplicative gain error on every layer: {@code Weff = W * (1 + sigma * xi)}, {@code xi ~ N(0,1)}
 * i.i.d. (METHOD.md section 4, "mismatch"). Evaluated in the golden files' order: {@code gain = 1 + sigma*xi},
 * then {@code W * gain}.
 *
 * <p>Thread-safety: immutable ({@code xi} is copied in and never exposed).
 */
public record Mismatch(double sigma, double[][] xi) implements Distortion {
    public Mismatch {
        if (!(sigma >= 0 && Double.isFinite(sigma))) {
            throw new IllegalArgumentException("mismatch sigma must be >= 0 and finite, but was " + sigma);
        }
        xi = Distortions.deepCopy(xi);
    }

    @Override
    public double[][] xi() {
        return Distortions.deepCopy(xi);
    }

    @Override
    public String kind() {
        return "mismatch";
    }

    @Override
    public void applyTo(ChipPhysics.Builder b) {
        for (int l = 0; l < xi.length; l++) {
            double[] gain = new double[xi[l].length];
            for (int k = 0; k < gain.length; k++) {
                gain[k] = 1.0 + sigma * xi[l][k];
            }
            b.multiplyGain(l, gain);
        }
    }
}
