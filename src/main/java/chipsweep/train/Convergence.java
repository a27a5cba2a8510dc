package chipsweep.train;

import java.util.Arrays;

/**
 * Convergence diagnostics of MCMC chains (Vehtari, Gelman, Simpson, Carpenter, Buerkner 2021, "Rank-normalization,
 * folding, and localization: an improved R-hat"): rank-normalised split-R-hat and bulk effective sample size.
 * <pre>
 *   split:      each chain of N draws becomes two chains of floor(N/2) (a middle draw of odd N is dropped)
 *   rank-norm:  z = Phi^-1((r - 3/8) / (S + 1/4)), r the average rank of a draw among all S pooled draws
 *   R-hat:      max(R(z), R(z of |x - median|)),  R = sqrt(((N-1)/N W + B/N) / W)
 *   bulk ESS:   ESS of z: S / (1 + 2 sum_t rho_t), rho_t from the multi-chain autocorrelation, summed in Geyer's
 *               pairs while positive and made monotone (Stan's estimator)
 * </pre>
 * Draws are {@code chains[c][i]}; every chain must have the same length. A constant set of draws has R-hat 1 and
 * ESS equal to the number of draws by convention; fewer than 4 draws a chain give NaN.
 *
 * <p>Example: {@code double r = Convergence.splitRhat(new double[][] {chain0, chain1});}
 *
 * <p>Thread-safety: stateless.
 */
public final class Convergence {
    private Convergence() {
    }

    /** Rank-normalised split-R-hat: the larger of the bulk and the folded (tail) version. */
    public static double splitRhat(double[][] chains) {
        double[][] split = split(chains);
        if (split == null) {
            return Double.NaN;
        }
        if (constant(split)) {
            return 1.0;
        }
        double bulk = rhat(rankNormalise(split));
        double med = median(split);
        double[][] folded = new double[split.length][];
        for (int c = 0; c < split.length; c++) {
            folded[c] = new double[split[c].length];
            for (int i = 0; i < split[c].length; i++) {
                folded[c][i] = Math.abs(split[c][i] - med);
            }
        }
        double tail = constant(folded) ? 1.0 : rhat(rankNormalise(folded));
        return Math.max(bulk, tail);
    }

    /** Bulk effective sample size: the ESS of the rank-normalised split chains. */
    public static double bulkEss(double[][] chains) {
        double[][] split = split(chains);
        if (split == null) {
            return Double.NaN;
        }
        if (constant(split)) {
            return split.length * split[0].length;
        }
        return ess(rankNormalise(split));
    }

    /** The classic (Gelman-Rubin) potential scale reduction of equal-length chains, no splitting. */
    static double rhat(double[][] chains) {
        int m = chains.length;
        int n = chains[0].length;
        double[] means = new double[m];
        double grand = 0;
        double w = 0;
        for (int c = 0; c < m; c++) {
            means[c] = mean(chains[c]);
            grand += means[c];
            w += variance(chains[c], means[c]);
        }
        grand /= m;
        w /= m;
        double b = 0;
        for (int c = 0; c < m; c++) {
            b += (means[c] - grand) * (means[c] - grand);
        }
        b = b * n / (m - 1);
        double varPlus = (n - 1.0) / n * w + b / n;
        return Math.sqrt(varPlus / w);
    }

    /**
     * Effective sample size of equal-length chains (Stan's estimator; Vehtari et al. 2021, eqs. 10-13):
     * autocorrelations from each chain's autocovariance and the between-chain variance, Geyer's initial
     * positive sequence of pair sums, made monotone.
     */
    static double ess(double[][] chains) {
        int m = chains.length;
        int n = chains[0].length;
        double[][] acov = new double[m][];
        double[] means = new double[m];
        double meanVar = 0;
        for (int c = 0; c < m; c++) {
            means[c] = mean(chains[c]);
            acov[c] = autocovariance(chains[c], means[c]);
            meanVar += acov[c][0] * n / (n - 1.0);
        }
        meanVar /= m;
        double varPlus = meanVar * (n - 1.0) / n;
        if (m > 1) {
            double grand = mean(means);
            double b = 0;
            for (double mu : means) {
                b += (mu - grand) * (mu - grand);
            }
            varPlus += b / (m - 1);
        }
        double[] rho = new double[n];
        for (int t = 0; t < n; t++) {
            double s = 0;
            for (int c = 0; c < m; c++) {
                s += acov[c][t];
            }
            rho[t] = 1.0 - (meanVar - s / m) / varPlus;
        }
        rho[0] = 1.0;
        // Geyer's initial positive sequence: pairs (rho_{2k} + rho_{2k+1}) summed while positive, monotone
        double tau = -1.0;
        double prevPair = Double.POSITIVE_INFINITY;
        for (int t = 0; t + 1 < n; t += 2) {
            double pair = rho[t] + rho[t + 1];
            if (!(pair > 0)) {
                break;
            }
            pair = Math.min(pair, prevPair);
            prevPair = pair;
            tau += 2 * pair;
        }
        tau = Math.max(tau, 1.0 / Math.log10(m * (double) n));
        return m * (double) n / tau;
    }

    /** Autocovariance at lags 0..n-1 (divided by n), by direct summation: the chains here are short. */
    private static double[] autocovariance(double[] x, double mean) {
        int n = x.length;
        double[] out = new double[n];
        for (int t = 0; t < n; t++) {
            double s = 0;
            for (int i = 0; i + t < n; i++) {
                s += (x[i] - mean) * (x[i + t] - mean);
            }
            out[t] = s / n;
        }
        return out;
    }

    /** Splits every chain in two halves; null if a chain has fewer than 4 draws or lengths differ. */
    static double[][] split(double[][] chains) {
        if (chains.length == 0) {
            return null;
        }
        int n = chains[0].length;
        for (double[] c : chains) {
            if (c.length != n) {
                throw new IllegalArgumentException("chains must have equal lengths, but were " + n + " and " + c.length);
            }
        }
        if (n < 4) {
            return null;
        }
        int half = n / 2;
        double[][] out = new double[2 * chains.length][];
        for (int c = 0; c < chains.length; c++) {
            out[2 * c] = Arrays.copyOfRange(chains[c], 0, half);
            out[2 * c + 1] = Arrays.copyOfRange(chains[c], n - half, n);
        }
        return out;
    }

    /** Replaces every draw by the normal quantile of its fractional average rank among all draws. */
    static double[][] rankNormalise(double[][] chains) {
        int m = chains.length;
        int n = chains[0].length;
        int s = m * n;
        double[] all = new double[s];
        Integer[] idx = new Integer[s];
        for (int c = 0; c < m; c++) {
            System.arraycopy(chains[c], 0, all, c * n, n);
        }
        for (int i = 0; i < s; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(all[a], all[b]));
        double[][] z = new double[m][n];
        int i = 0;
        while (i < s) {
            int j = i;
            while (j + 1 < s && all[idx[j + 1]] == all[idx[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1.0; // average rank of the ties, 1-based
            double q = inverseNormal((rank - 0.375) / (s + 0.25));
            for (int k = i; k <= j; k++) {
                z[idx[k] / n][idx[k] % n] = q;
            }
            i = j + 1;
        }
        return z;
    }

    /** The standard normal quantile: Acklam's rational approximation (relative error below 1.2e-9). */
    static double inverseNormal(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("p must be in (0, 1), but was " + p);
        }
        final double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
            1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
        final double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
            6.680131188771972e+01, -1.328068155288572e+01};
        final double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
            -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
        final double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
            3.754408661907416e+00};
        double lo = 0.02425;
        if (p < lo) {
            double q = Math.sqrt(-2 * Math.log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - lo) {
            return -inverseNormal(1 - p);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }

    private static boolean constant(double[][] chains) {
        double first = chains[0][0];
        for (double[] c : chains) {
            for (double v : c) {
                if (v != first) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double median(double[][] chains) {
        int n = 0;
        for (double[] c : chains) {
            n += c.length;
        }
        double[] all = new double[n];
        int k = 0;
        for (double[] c : chains) {
            System.arraycopy(c, 0, all, k, c.length);
            k += c.length;
        }
        Arrays.sort(all);
        return n % 2 == 1 ? all[n / 2] : (all[n / 2 - 1] + all[n / 2]) / 2;
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double variance(double[] x, double mean) {
        double s = 0;
        for (double v : x) {
            s += (v - mean) * (v - mean);
        }
        return s / (x.length - 1);
    }
}
