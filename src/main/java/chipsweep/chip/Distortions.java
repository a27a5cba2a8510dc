package chipsweep.chip;

import chipsweep.rng.Seeds;
import chipsweep.rng.Streams;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Draws chip instances: parses a distortion name ({@code mismatch}, {@code nonlin}, {@code threshold},
 * {@code leak}, {@code quantize}, {@code noise}, {@code none}, or a composition such as {@code mismatch+nonlin})
 * and draws each part's parameters from its own chip stream {@code chip(seed, part)} (METHOD.md section 6),
 * so the same seed gives the same xi at every sigma and in every composition.
 *
 * <p>Example: {@code Distortion d = Distortions.draw("mismatch", 2.0, net, DistortionSettings.DEFAULTS, 0, 7);}
 *
 * <p>Thread-safety: stateless.
 */
public final class Distortions {
    /** The single kinds of the LIF chip, in canonical order. */
    public static final List<String> KINDS = List.of("mismatch", "nonlin", "threshold", "leak", "quantize", "noise");
    /**
     * The kinds of the current-based chip (spec/CRAMER.md section 3): {@code decalibration}, per-neuron tau_m,
     * tau_s and theta scaled by {@code |1 + sigma z|} (its 7-bit weights, noise and clipping are settings).
     */
    public static final List<String> CUBA_KINDS = List.of("decalibration");

    private Distortions() {
    }

    /**
     * The parts of a distortion name, validated: known kinds, no repeats; {@code none} alone.
     *
     * @throws IllegalArgumentException naming the unknown or repeated part
     */
    public static List<String> parts(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("distortion must be one of none, " + String.join(", ", KINDS)
                    + " or a composition like mismatch+nonlin, but was '" + name + "'");
        }
        if (name.equals("none")) {
            return List.of();
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String p : name.split("\\+", -1)) {
            if (!KINDS.contains(p) && !CUBA_KINDS.contains(p)) {
                throw new IllegalArgumentException("distortion must be one of none, " + String.join(", ", KINDS)
                        + " or a composition like mismatch+nonlin, but was '" + name + "'");
            }
            if (!seen.add(p)) {
                throw new IllegalArgumentException("distortion '" + name + "' names '" + p + "' twice");
            }
        }
        return List.copyOf(seen);
    }

    /**
     * The chip instance of cell {@code seed} for distortion {@code name} at {@code sigma}: each part drawn from
     * the stream {@code chip(seed, part)}, the noise part seeded by {@code noise(seed, sigma)}. Sigma 0 (or
     * {@code none}) is the ideal chip.
     */
    public static Distortion draw(String name, double sigma, Network net, DistortionSettings settings,
                                  long globalSeed, long seed) {
        Map<String, Long> seeds = new LinkedHashMap<>();
        for (String p : parts(name)) {
            seeds.put(p, p.equals("noise") ? Seeds.derive(globalSeed, "noise", seed, sigma)
                    : Seeds.derive(globalSeed, "chip", seed, p));
        }
        return draw(name, sigma, net, settings, seeds);
    }

    /**
     * The chip instance whose parts are drawn from the given seeds, one per part of {@code name} (the
     * {@code noise} part's seed seeds its fresh per-evaluation noise). Sigma 0 (or {@code none}) is the ideal
     * chip. Used for the cell's own chip and for the other chips of its family (fleet evaluation, warm-start
     * sources).
     *
     * @throws IllegalArgumentException if a part has no seed
     */
    public static Distortion draw(String name, double sigma, Network net, DistortionSettings settings,
                                  Map<String, Long> partSeeds) {
        List<String> parts = parts(name);
        if (!(sigma >= 0 && Double.isFinite(sigma))) {
            throw new IllegalArgumentException("sigma must be >= 0 and finite, but was " + sigma);
        }
        if (parts.isEmpty() || sigma == 0.0) {
            return Distortion.Ideal.INSTANCE;
        }
        List<Distortion> ds = new ArrayList<>();
        for (String p : parts) {
            Long seed = partSeeds.get(p);
            if (seed == null) {
                throw new IllegalArgumentException("no chip seed for distortion part '" + p + "' of '" + name + "'");
            }
            ds.add(drawOne(p, sigma, net, settings, seed));
        }
        return ds.size() == 1 ? ds.get(0) : new Composite(ds);
    }

    private static Distortion drawOne(String kind, double sigma, Network net, DistortionSettings settings, long seed) {
        if (kind.equals("noise")) {
            return new Noise(sigma, seed);
        }
        if (kind.equals("quantize")) {
            return new Quantize(sigma, settings.quantizeBits(), settings.quantizeMax());
        }
        RandomGenerator rng = Streams.generator(seed);
        int layers = net.weightLayers();
        switch (kind) {
            case "mismatch": {
                double[][] xi = new double[layers][];
                for (int l = 0; l < layers; l++) {
                    xi[l] = gaussians(rng, net.weightCount(l));
                }
                return new Mismatch(sigma, xi);
            }
            case "nonlin": {
                double[][] a = new double[layers][];
                double[][] om = new double[layers][];
                double[][] ph = new double[layers][];
                for (int l = 0; l < layers; l++) {
                    int n = net.size(l + 1);
                    a[l] = uniforms(rng, n, 0.5, 1.0);
                    om[l] = uniforms(rng, n, 2.0, 6.0);
                    ph[l] = uniforms(rng, n, 0.0, 2 * Math.PI);
                }
                return new Nonlin(sigma, a, om, ph);
            }
            case "threshold":
            case "leak": {
                double[][] dev = new double[layers][];
                for (int l = 0; l < layers; l++) {
                    dev[l] = gaussians(rng, net.size(l + 1));
                }
                return new NeuronMismatch(kind.equals("threshold") ? NeuronMismatch.Parameter.THRESHOLD
                        : NeuronMismatch.Parameter.LEAK, sigma, dev);
            }
            default:
                throw new IllegalArgumentException("distortion kind '" + kind + "' does not apply to the LIF chip");
        }
    }

    private static double[] gaussians(RandomGenerator rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }

    private static double[] uniforms(RandomGenerator rng, int n, double lo, double hi) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + (hi - lo) * rng.nextDouble();
        }
        return v;
    }

    static double[][] deepCopy(double[][] a) {
        if (a == null) {
            throw new IllegalArgumentException("distortion parameters must be given");
        }
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
