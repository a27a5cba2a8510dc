package chipsweep.rng;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Pure derivation of stream seeds (METHOD.md section 6): a seed is a function of the job's global seed,
 * the stream's name and exactly the cell fields that stream depends on, never of scheduling.
 *
 * <p>The fields are written in a canonical text form ({@code global|name|f1|f2|...}; integers in decimal,
 * doubles by {@link Double#toString} with {@code -0.0} folded to {@code 0.0}, strings as they are, int arrays
 * joined with {@code -}) and hashed with SHA-256; the first eight bytes, little-endian, are the seed. This is
 * the scheme of the numpy reference (which keeps 16 bytes for numpy's SeedSequence), so the inputs of every
 * stream are the same in both; the generators differ, so the two agree as distributions, not draw by draw.
 *
 * <p>Example: {@code Seeds.derive(0, "chip", 3, "mismatch")}.
 *
 * <p>Thread-safety: stateless.
 */
public final class Seeds {
    private Seeds() {
    }

    /** The seed of stream {@code name} for the given fields under {@code globalSeed}. */
    public static long derive(long globalSeed, String name, Object... fields) {
        StringBuilder key = new StringBuilder().append(globalSeed).append('|').append(name);
        for (Object f : fields) {
            key.append('|').append(canonical(f));
        }
        byte[] h = sha256(key.toString().getBytes(StandardCharsets.UTF_8));
        long seed = 0;
        for (int i = 7; i >= 0; i--) {
            seed = (seed << 8) | (h[i] & 0xffL);
        }
        return seed;
    }

    /** A sub-seed for the k-th member of a family of streams (e.g. the k-th noisy evaluation). */
    public static long child(long seed, long k) {
        return mix64(seed + 0x9E3779B97F4A7C15L * (k + 1));
    }

    /** SplitMix64's finaliser (Steele, Lea, Flood 2014): a bijective 64-bit mix. */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static String canonical(Object f) {
        if (f instanceof Double d) {
            double v = d == 0.0 ? 0.0 : d;
            return Double.toString(v);
        }
        if (f instanceof Float x) {
            return canonical((double) x);
        }
        if (f instanceof int[] a) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < a.length; i++) {
                b.append(i == 0 ? "" : "-").append(a[i]);
            }
            return b.toString();
        }
        if (f instanceof Object[] a) {
            return Arrays.toString(a);
        }
        return String.valueOf(f);
    }

    private static byte[] sha256(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
