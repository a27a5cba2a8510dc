package chipsweep.train;

import java.util.random.RandomGenerator;

/**
 * The element-wise updates and samples of the BiSNN rules (BISNN.md section 2), on flat arrays:
 * <ul>
 * <li>{@link #sign}: {@code w_b = sign(w_r)}, with sign(0) = +1 (the authors' binarisation);</li>
 * <li>{@link #relaxedSample}: {@code eps ~ U(0,1)}, {@code delta = 0.5 ln(eps / (1 - eps))},
 *     {@code w_b = tanh((w_r + delta) / tau)};</li>
 * <li>{@link #hardSample}: {@code w = +1} with probability {@code sigmoid(2 w_r)}, else -1;</li>
 * <li>{@link #bayesStep}: {@code w_r <- (1 - lr*rho) w_r - lr (g (1 - w_b^2) / (tau (1 - mu^2)) - rho w0)},
 *     {@code mu = tanh(w_r)};</li>
 * <li>{@link #gradientStep}: {@code w <- w - lr g} (fp on the weights, st on the latent weights).</li>
 * </ul>
 * In {@link #bayesStep} the quotient {@code (1 - w_b^2) / (1 - mu^2)} is evaluated as
 * {@code cosh^2(w_r) / cosh^2(a)} with {@code w_b = tanh(a)}, the same number (1 - tanh^2 = 1/cosh^2) without
 * the 0/0 that {@code 1 - tanh^2} rounds to once |w_r| passes about 19 ({@code a = (w_r + delta)/tau} is kept
 * by {@link #relaxedSample} in a companion array; beyond |x| = 300, {@code ln cosh} is used).
 *
 * <p>Every random draw comes from the generator passed in, element by element in index order.
 *
 * <p>Thread-safety: stateless.
 */
public final class BinaryWeights {
    private BinaryWeights() {
    }

    /** {@code wb[k] = w_r[k] >= 0 ? +1 : -1}. */
    public static void sign(double[] wr, double[] wb) {
        for (int k = 0; k < wr.length; k++) {
            wb[k] = wr[k] >= 0 ? 1.0 : -1.0;
        }
    }

    /**
     * One relaxed (concrete) sample: {@code arg[k] = (w_r + delta) / tau}, {@code wb[k] = tanh(arg[k])}.
     * {@code arg} keeps the argument for {@link #bayesStep}.
     */
    public static void relaxedSample(double[] wr, double tau, RandomGenerator rng, double[] arg, double[] wb) {
        for (int k = 0; k < wr.length; k++) {
            double eps = rng.nextDouble();
            while (eps == 0.0) {
                eps = rng.nextDouble();
            }
            double delta = 0.5 * Math.log(eps / (1.0 - eps));
            double a = (wr[k] + delta) / tau;
            arg[k] = a;
            wb[k] = Math.tanh(a);
        }
    }

    /** One hard posterior sample: {@code w[k] = +1} if {@code u < sigmoid(2 w_r)}, u ~ U(0,1), else -1. */
    public static void hardSample(double[] wr, RandomGenerator rng, double[] w) {
        for (int k = 0; k < wr.length; k++) {
            double p = 1.0 / (1.0 + Math.exp(-2.0 * wr[k]));
            w[k] = rng.nextDouble() < p ? 1.0 : -1.0;
        }
    }

    /** {@code w[k] -= lr * g[k]}. */
    public static void gradientStep(double[] w, double[] g, double lr) {
        for (int k = 0; k < w.length; k++) {
            w[k] = w[k] - lr * g[k];
        }
    }

    /**
     * The Bayesian update of the natural parameters {@code wr} given the gradient {@code g} with respect to the
     * relaxed sample {@code tanh(arg)} that was used forward.
     */
    public static void bayesStep(double[] wr, double[] arg, double[] g, double lr, double rho, double tau, double w0) {
        double keep = 1.0 - lr * rho;
        for (int k = 0; k < wr.length; k++) {
            double w = wr[k];
            double gk = g[k];
            double term = 0.0;
            if (gk != 0.0) {
                double a = arg[k];
                double ratio; // (1 - w_b^2) / (1 - mu^2) = cosh^2(w_r) / cosh^2(a)
                if (Math.abs(w) < 300 && Math.abs(a) < 300) {
                    double c = Math.cosh(w) / Math.cosh(a);
                    ratio = c * c;
                } else {
                    ratio = Math.exp(2.0 * (logCosh(w) - logCosh(a)));
                }
                term = gk * ratio / tau;
            }
            wr[k] = keep * w - lr * (term - rho * w0);
        }
    }

    /** The natural parameter of a Bernoulli prior on +1 with probability p0: {@code w0 = 0.5 ln(p0 / (1 - p0))}. */
    static double priorNatural(double p0) {
        return 0.5 * Math.log(p0 / (1 - p0));
    }

    /** {@code ln cosh x}, without overflow. */
    static double logCosh(double x) {
        double a = Math.abs(x);
        return a + Math.log1p(Math.exp(-2.0 * a)) - Math.log(2.0);
    }
}
