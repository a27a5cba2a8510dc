package chipsweep.sweep;

import chipsweep.chip.Distortions;
import chipsweep.rng.Seeds;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every seed a cell uses, derived from the global seed and exactly the cell fields each stream depends on
 * (METHOD.md section 6): {@code split(seed)}, {@code subset(seed)}, {@code chip(seed, kind)} per distortion part,
 * {@code init(seed, layers)}, {@code train(seed, n, sigma, method)} (a warm cell's also on its budget) and {@code noise(seed, sigma)}. So MH and
 * every BP variant of one (sigma, n, seed) face the same chip, split and initial weights. The current-based
 * model's methods share one training stream {@code train(seed, n, cuba)} at every sigma; a buchel cell's stream
 * {@code train(seed, n, buchel, method)} does not depend on sigma either (it trains without mismatch). {@code bp-offline}
 * trains on the ideal chip with the stream of the sigma-0 {@code bp} cell, whose weights it therefore shares.
 *
 * <p>Thread-safety: immutable.
 */
public record CellSeeds(long global, long split, long subset, Map<String, Long> chip, long init, long train, long noise)
        implements Serializable {
    public CellSeeds {
        chip = Collections.unmodifiableMap(new TreeMap<>(chip));
    }

    public static CellSeeds of(long globalSeed, int[] layers, Cell c) {
        Map<String, Long> chip = new LinkedHashMap<>();
        for (String part : Distortions.parts(c.distortion())) {
            chip.put(part, Seeds.derive(globalSeed, "chip", c.seed(), part));
        }
        long train;
        if (c.method() == Method.BP_OFFLINE) {
            train = Seeds.derive(globalSeed, "train", c.seed(), c.trainSize(), 0.0, Method.BP.id());
        } else if (c.method().cubaGradient()) {
            // itl, software and transfer draw the same minibatch order at every sigma: paired comparisons, and
            // transfer deploys exactly software's weights
            train = Seeds.derive(globalSeed, "train", c.seed(), c.trainSize(), Model.CUBA.id());
        } else if (c.method().runsOn(Model.BUCHEL)) {
            // a buchel cell trains without mismatch: every sigma (and death share) of a method trains the same network
            train = Seeds.derive(globalSeed, "train", c.seed(), c.trainSize(), Model.BUCHEL.id(), c.method().id());
        } else if (c.method().warm()) {
            train = Seeds.derive(globalSeed, "train", c.seed(), c.trainSize(), c.sigma(), c.method().id(), c.budget());
        } else {
            train = Seeds.derive(globalSeed, "train", c.seed(), c.trainSize(), c.sigma(), c.method().id());
        }
        return new CellSeeds(
                globalSeed,
                Seeds.derive(globalSeed, "split", c.seed()),
                Seeds.derive(globalSeed, "subset", c.seed()),
                chip,
                Seeds.derive(globalSeed, "init", c.seed(), layers),
                train,
                Seeds.derive(globalSeed, "noise", c.seed(), c.sigma()));
    }

    /**
     * The seeds of chip {@code index} of the family (distortion kind, sigma): one per part of the distortion,
     * {@code fleet(distortion, sigma, index, part)}, the {@code noise} part's seeding its fresh evaluation noise.
     * They depend on neither the method nor the cell's seed, so every cell of a (distortion, sigma) meets the same
     * family chips (common random numbers: differences between methods are paired).
     */
    public static Map<String, Long> familyChip(long globalSeed, String distortion, double sigma, int index) {
        if (index < 0) {
            throw new IllegalArgumentException("family chip index must be >= 0, but was " + index);
        }
        Map<String, Long> seeds = new TreeMap<>();
        for (String part : Distortions.parts(distortion)) {
            seeds.put(part, Seeds.derive(globalSeed, "fleet", distortion, sigma, index, part));
        }
        return Collections.unmodifiableMap(seeds);
    }
}
