package chipsweep.rng;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * The random generators of chipsweep: one algorithm, {@value #ALGORITHM} (a JDK 17 LXM generator,
 * recorded in every result's provenance), seeded from {@link Seeds}. No code draws from ambient randomness.
 *
 * <p>Thread-safety: stateless; the generators it returns are not thread-safe and belong to one cell.
 */
public final class Streams {
    /** The JDK algorithm name of every generator. */
    public static final String ALGORITHM = "L64X256MixRandom";

    private static final RandomGeneratorFactory<RandomGenerator> FACTORY = RandomGeneratorFactory.of(ALGORITHM);

    private Streams() {
    }

    /** A fresh generator for the given derived seed. */
    public static RandomGenerator generator(long seed) {
        return FACTORY.create(seed);
    }

    /** A uniformly random permutation of {@code 0..n-1} (Fisher-Yates, drawn from {@code rng}). */
    public static int[] permutation(int n, RandomGenerator rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        shuffle(p, rng);
        return p;
    }

    /** Shuffles {@code a} in place (Fisher-Yates from the end, drawn from {@code rng}). */
    public static void shuffle(int[] a, RandomGenerator rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
