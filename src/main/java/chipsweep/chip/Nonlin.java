package chipsweep.chip;

/**
 * Per-neuron static distortion of the input current on every LIF layer (METHOD.md section 4, "nonlin"):
 * {@code g_j(I) = I + sigma * a_j * (sin(omega_j I + phi_j) - sin(phi_j))}, with {@code a ~ U(0.5, 1)},
 * {@code omega ~ U(2, 6)}, {@code phi ~ U(0, 2 pi)}; arrays are per layer, per neuron of that layer.
 *
 * <p>Thread-safety: immutable (arrays copied in and out).
 */
public record Nonlin(double sigma, double[][] a, double[][] omega, double[][] phi) implements Distortion {
    public Nonlin {
        if (!(sigma >= 0 && Double.isFinite(sigma))) {
            throw new IllegalArgumentException("nonlin sigma must be >= 0 and finite, but was " + sigma);
        }
        a = Distortions.deepCopy(a);
        omega = Distortions.deepCopy(omega);
        phi = Distortions.deepCopy(phi);
    }

    @Override
    public double[][] a() {
        return Distortions.deepCopy(a);
    }

    @Override
    public double[][] omega() {
        return Distortions.deepCopy(omega);
    }

    @Override
    public double[][] phi() {
        return Distortions.deepCopy(phi);
    }

    @Override
    public String kind() {
        return "nonlin";
    }

    @Override
    public void applyTo(ChipPhysics.Builder b) {
        for (int l = 0; l < a.length; l++) {
            int n = a[l].length;
            double[] sa = new double[n];
            double[] sinPhi = new double[n];
            for (int j = 0; j < n; j++) {
                sa[j] = sigma * a[l][j];
                sinPhi[j] = Math.sin(phi[l][j]);
            }
            b.transfer(l, sa, omega[l].clone(), phi[l].clone(), sinPhi);
        }
    }
}
