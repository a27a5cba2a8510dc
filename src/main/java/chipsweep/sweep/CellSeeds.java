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
 * {@code init(seed, layers)}, {@code train(seed, n, sigma, method)} and {@code noise(seed, sigma)}. So MH and
 * every BP variant of one (sigma, n, seed) face the same chip, split and initial weights. {@code bp-offline}
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
        long train = c.method() == Method.BP_OFFLINE
                ? Seeds.derive(globalSeed, "train", c.seed(), c.trainSize(), 0.0, Method.BP.id())
                : Seeds.derive(globalSeed, "train", c.seed(), c.trainSize(), c.sigma(), c.method().id());
        return new CellSeeds(
                globalSeed,
                Seeds.derive(globalSeed, "split", c.seed()),
                Seeds.derive(globalSeed, "subset", c.seed()),
                chip,
                Seeds.derive(globalSeed, "init", c.seed(), layers),
                train,
                Seeds.derive(globalSeed, "noise", c.seed(), c.sigma()));
    }
}
