package chipsweep.sweep;

import chipsweep.chip.Distortions;
import java.io.Serializable;

/**
 * One point of a grid: distortion kind, sigma, train-set size, method and seed (METHOD.md section 6). Its
 * identity under a job is {@link CellIds#cellId}.
 *
 * <p>Example: {@code new Cell("mismatch", 2.0, 398, Method.MH, 0)}.
 *
 * <p>Thread-safety: immutable.
 */
public record Cell(String distortion, double sigma, int trainSize, Method method, int seed) implements Serializable {
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
    }

    /** A short human label, e.g. {@code mismatch s=2.0 n=398 mh seed=0}. */
    public String label() {
        return distortion + " s=" + sigma + " n=" + trainSize + " " + method.id() + " seed=" + seed;
    }
}
