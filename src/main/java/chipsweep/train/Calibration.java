package chipsweep.train;

/**
 * Classification metrics of predictive distributions (BISNN.md section 4): accuracy, expected calibration
 * error, negative log-likelihood, predictive entropy, and the reliability diagram's bins. {@code probs[n]} is
 * sample n's class distribution, {@code labels[n]} its true class.
 *
 * <p>Prediction = the most probable class, the lower index on ties; confidence = its probability. Bins are
 * equal-width: bin m of M holds confidences in {@code [m/M, (m+1)/M)}, the last one also 1.0
 * ({@code m = min(M - 1, floor(conf * M))}). ECE = {@code sum_m |B_m|/n * |acc(B_m) - conf(B_m)|} (Guo et al.
 * 2017). Entropies are in nats.
 *
 * <p>Example: {@code double ece = Calibration.expectedCalibrationError(probs, labels, 10);}
 *
 * <p>Thread-safety: stateless.
 */
public final class Calibration {
    /** The bin count of the spec. */
    public static final int BINS = 10;

    private Calibration() {
    }

    /** The most probable class of {@code p}, the lower index on ties. */
    public static int predict(double[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }

    /** Fraction of samples whose most probable class is the label. */
    public static double accuracy(double[][] probs, int[] labels) {
        check(probs, labels);
        int correct = 0;
        for (int n = 0; n < probs.length; n++) {
            if (predict(probs[n]) == labels[n]) {
                correct++;
            }
        }
        return (double) correct / probs.length;
    }

    /** Mean of {@code -ln p[label]} (infinite if a label has probability 0). */
    public static double negativeLogLikelihood(double[][] probs, int[] labels) {
        check(probs, labels);
        double s = 0.0;
        for (int n = 0; n < probs.length; n++) {
            s = s - Math.log(probs[n][labels[n]]);
        }
        return s / probs.length;
    }

    /** Entropy {@code -sum_k p_k ln p_k} in nats (0 ln 0 = 0). */
    public static double entropy(double[] p) {
        double h = 0.0;
        for (double v : p) {
            if (v > 0) {
                h = h - v * Math.log(v);
            }
        }
        return h;
    }

    /** The entropy of every distribution, in order (e.g. the uncertainty map over a grid). */
    public static double[] entropies(double[][] probs) {
        double[] h = new double[probs.length];
        for (int n = 0; n < probs.length; n++) {
            h[n] = entropy(probs[n]);
        }
        return h;
    }

    /** Mean predictive entropy. */
    public static double meanEntropy(double[][] probs) {
        double s = 0.0;
        for (double h : entropies(probs)) {
            s = s + h;
        }
        return s / probs.length;
    }

    /** The reliability diagram's bins. */
    public static Reliability reliability(double[][] probs, int[] labels, int bins) {
        check(probs, labels);
        if (!(bins >= 1)) {
            throw new IllegalArgumentException("bins must be >= 1, but was " + bins);
        }
        int[] count = new int[bins];
        double[] conf = new double[bins];
        double[] correct = new double[bins];
        for (int n = 0; n < probs.length; n++) {
            int k = predict(probs[n]);
            double c = probs[n][k];
            int m = Math.min(bins - 1, Math.max(0, (int) Math.floor(c * bins)));
            count[m]++;
            conf[m] = conf[m] + c;
            if (k == labels[n]) {
                correct[m] = correct[m] + 1.0;
            }
        }
        for (int m = 0; m < bins; m++) {
            if (count[m] > 0) {
                conf[m] = conf[m] / count[m];
                correct[m] = correct[m] / count[m];
            }
        }
        return new Reliability(count, conf, correct);
    }

    /** ECE over {@code bins} equal-width bins. */
    public static double expectedCalibrationError(double[][] probs, int[] labels, int bins) {
        Reliability r = reliability(probs, labels, bins);
        double e = 0.0;
        for (int m = 0; m < bins; m++) {
            e = e + (double) r.count(m) / probs.length * Math.abs(r.accuracy(m) - r.confidence(m));
        }
        return e;
    }

    private static void check(double[][] probs, int[] labels) {
        if (probs.length == 0 || probs.length != labels.length) {
            throw new IllegalArgumentException("need one label per distribution and at least one, but had "
                    + probs.length + " distributions and " + labels.length + " labels");
        }
    }

    /**
     * Bins of a reliability diagram: per bin the number of samples, their mean confidence and their accuracy
     * (both 0 for an empty bin). Thread-safety: immutable; accessors of whole arrays return copies.
     */
    public static final class Reliability {
        private final int[] count;
        private final double[] confidence;
        private final double[] accuracy;

        Reliability(int[] count, double[] confidence, double[] accuracy) {
            this.count = count;
            this.confidence = confidence;
            this.accuracy = accuracy;
        }

        /** Number of bins. */
        public int bins() {
            return count.length;
        }

        /** Samples in bin m. */
        public int count(int m) {
            return count[m];
        }

        /** Mean confidence of bin m. */
        public double confidence(int m) {
            return confidence[m];
        }

        /** Accuracy of bin m. */
        public double accuracy(int m) {
            return accuracy[m];
        }

        /** All counts. */
        public int[] counts() {
            return count.clone();
        }

        /** All mean confidences. */
        public double[] confidences() {
            return confidence.clone();
        }

        /** All accuracies. */
        public double[] accuracies() {
            return accuracy.clone();
        }
    }
}
