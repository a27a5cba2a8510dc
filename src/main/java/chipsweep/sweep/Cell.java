package chipsweep.sweep;

import chipsweep.chip.Distortions;
import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One point of a grid: distortion kind, sigma, train-set size, method, seed, for the warm-start methods the
 * budget fraction, and the values of a model's own axes ({@code params}, e.g. the current-based model's
 * {@code hidden} and {@code rho_b}; empty for the LIF model) (METHOD.md section 6). Its identity under a job is {@link CellIds#cellId}.
 *
 * <p>Example: {@code new Cell("mismatch", 2.0, 398, Method.MH, 0)};
 * {@code new Cell("mismatch", 2.0, 398, Method.MH_WARM, 0, 0.1)}.
 *
 * <p>Thread-safety: immutable.
 */
public record Cell(String distortion, double sigma, int trainSize, Method method, int seed, double budget,
                   SortedMap<String, Double> params) implements Serializable {
    /** A budget for cold methods: none (NaN). */
    public static final double NO_BUDGET = Double.NaN;

    public Cell {
        Distortions.parts(distortion);
        if (!(sigma >= 0 && Double.isFinite(sigma))) {
            throw new IllegalArgumentException("sigma must be >= 0 and finite, but was " + sigma);
        }
        if (sigma == 0.0) {
            sigma = 0.0; // fold -0.0
        }
        if (trainSize < 2) {
            throw new IllegalArgumentException("train_size must be >= 2, but was " + trainSize);
        }
        if (method == null) {
            throw new IllegalArgumentException("method must be given");
        }
        if (seed < 0) {
            throw new IllegalArgumentException("seed must be >= 0, but was " + seed);
        }
        if (method.warm()) {
            if (!(budget >= 0 && budget <= 1)) {
                throw new IllegalArgumentException("budget must be in [0, 1] for " + method.id() + ", but was " + budget);
            }
            if (budget == 0.0) {
                budget = 0.0;
            }
        } else if (!Double.isNaN(budget)) {
            throw new IllegalArgumentException("budget applies only to mh-warm and bp-warm, not to " + method.id()
                    + " (was " + budget + ")");
        }
        SortedMap<String, Double> p = new TreeMap<>();
        if (params != null) {
            for (Map.Entry<String, Double> e : params.entrySet()) {
                double v = e.getValue();
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(e.getKey() + " must be finite, but was " + v);
                }
                p.put(e.getKey(), v == 0.0 ? 0.0 : v);
            }
        }
        params = Collections.unmodifiableSortedMap(p);
    }

    /** A cell without model-specific axes. */
    public Cell(String distortion, double sigma, int trainSize, Method method, int seed, double budget) {
        this(distortion, sigma, trainSize, method, seed, budget, null);
    }

    /** A cold cell (no budget). */
    public Cell(String distortion, double sigma, int trainSize, Method method, int seed) {
        this(distortion, sigma, trainSize, method, seed, NO_BUDGET);
    }

    /** The value of model-specific axis {@code name} (e.g. {@code hidden}, {@code rho_b}), or {@code otherwise}. */
    public double param(String name, double otherwise) {
        Double v = params.get(name);
        return v == null ? otherwise : v;
    }

    /**
     * The cell whose training this cell takes instead of training itself ({@link Method#sourced()}), which the
     * sweep runs once and shares: for a warm cell, the cold method's training on the job's source chip; for a
     * current-based {@code software} or {@code transfer} cell, the offline training of its seed, train size and
     * model axes, which never sees a chip (so the same at every distortion and sigma); for a BiSNN {@code bayes-map}
     * or {@code bayes-ens} cell, the Bayesian training of its seed (named by {@code bayes-map}), which both deploy;
     * for a Büchel cell, its method's training at its seed, train size and {@code bits}, which runs without mismatch
     * and so serves every sigma and {@code death} share (named at sigma 0, without {@code death}).
     */
    public Cell source() {
        if (method.runsOn(Model.BUCHEL)) {
            SortedMap<String, Double> p = new TreeMap<>(params);
            p.remove("death");
            return new Cell(distortion, 0.0, trainSize, method, seed, NO_BUDGET, p);
        }
        if (method == Method.SOFTWARE || method == Method.TRANSFER) {
            return new Cell("none", 0.0, trainSize, Method.SOFTWARE, seed, NO_BUDGET, params);
        }
        if (method == Method.BAYES_MAP || method == Method.BAYES_ENS) {
            return new Cell(distortion, sigma, trainSize, Method.BAYES_MAP, seed, NO_BUDGET, params);
        }
        if (!method.warm()) {
            throw new IllegalStateException(method.id() + " takes no source training");
        }
        return new Cell(distortion, sigma, trainSize, method.cold(), seed);
    }

    /** A short human label, e.g. {@code mismatch s=2.0 n=398 mh seed=0} or {@code ... mh-warm seed=0 budget=0.1}. */
    public String label() {
        StringBuilder b = new StringBuilder(distortion + " s=" + sigma + " n=" + trainSize + " " + method.id() + " seed="
                + seed + (method.warm() ? " budget=" + budget : ""));
        params.forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
        return b.toString();
    }
}
