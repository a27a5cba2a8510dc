package chipsweep.rng;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seed derivation (METHOD.md section 6) is pure and pinned: a change of the scheme changes every stream of
 * every stored result, so it must fail here first. The pinned values were computed with the numpy reference's
 * {@code stream_seed} (../bench/numpy_reference.py), keeping 8 of its 16 bytes.
 */
class SeedsTest {
    static Stream<Arguments> pinned() {
        return Stream.of(
                Arguments.of(2720267764870360543L, "0|chip|3|mismatch", 0L, "chip", new Object[] {3, "mismatch"}),
                Arguments.of(6246141079081556625L, "0|split|0", 0L, "split", new Object[] {0}),
                Arguments.of(-8567024177667784321L, "42|train|7|398|2.0|mh", 42L, "train", new Object[] {7, 398, 2.0, "mh"}),
                Arguments.of(-1935428845842262355L, "0|init|0|30-20-2", 0L, "init", new Object[] {0, new int[] {30, 20, 2}}));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("pinned")
    void derivationIsPinned(long expected, String key, long global, String name, Object[] fields) throws Exception {
        assertEquals(expected, Seeds.derive(global, name, fields));
        assertEquals(expected, Seeds.derive(global, name, fields), "pure: the same call gives the same seed");
        // The documented scheme, recomputed: SHA-256 of the key, first eight bytes little-endian.
        byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        long le = 0;
        for (int i = 7; i >= 0; i--) {
            le = (le << 8) | (h[i] & 0xff);
        }
        assertEquals(expected, le);
    }

    @Test
    void mixIsSplitMix64() {
        // The first two outputs of SplitMix64 seeded with 0 (Steele, Lea, Flood 2014; Vigna's splitmix64.c).
        assertEquals(0xE220A8397B1DCDAFL, Seeds.mix64(0x9E3779B97F4A7C15L));
        assertEquals(0x6E789E6AA1B965F4L, Seeds.mix64(2 * 0x9E3779B97F4A7C15L));
        assertEquals(0xE220A8397B1DCDAFL, Seeds.child(0, 0));
        assertEquals(0x6E789E6AA1B965F4L, Seeds.child(0, 1));
        assertEquals(0L, Seeds.mix64(0));
    }

    @Test
    void childrenOfOneSeedAreDistinct() {
        Set<Long> seen = new HashSet<>();
        for (long k = 0; k < 10_000; k++) {
            assertTrue(seen.add(Seeds.child(12345, k)), "child " + k);
        }
        assertNotEquals(Seeds.child(1, 0), Seeds.child(2, 0));
    }

    @Test
    void eachStreamNameGivesItsOwnSeed() {
        List<String> names = List.of("split", "subset", "chip", "init", "train", "noise");
        Set<Long> seeds = new HashSet<>();
        for (String n : names) {
            seeds.add(Seeds.derive(0, n, 3));
        }
        assertEquals(names.size(), seeds.size());
    }

    @Test
    void eachFieldChangesTheSeed() {
        long base = Seeds.derive(0, "train", 3, 398, 2.0, "mh");
        Map<String, Long> changed = new HashMap<>();
        changed.put("global seed", Seeds.derive(1, "train", 3, 398, 2.0, "mh"));
        changed.put("seed", Seeds.derive(0, "train", 4, 398, 2.0, "mh"));
        changed.put("train size", Seeds.derive(0, "train", 3, 399, 2.0, "mh"));
        changed.put("sigma", Seeds.derive(0, "train", 3, 398, 2.5, "mh"));
        changed.put("sigma by one ulp", Seeds.derive(0, "train", 3, 398, Math.nextUp(2.0), "mh"));
        changed.put("method", Seeds.derive(0, "train", 3, 398, 2.0, "bp"));
        changed.put("field order", Seeds.derive(0, "train", 398, 3, 2.0, "mh"));
        changed.put("one field fewer", Seeds.derive(0, "train", 3, 398, 2.0));
        for (Map.Entry<String, Long> e : changed.entrySet()) {
            assertNotEquals(base, e.getValue(), e.getKey());
        }
        assertEquals(changed.size(), new HashSet<>(changed.values()).size(), "all different from each other too");
        assertNotEquals(Seeds.derive(0, "init", 0, new int[] {30, 20, 2}), Seeds.derive(0, "init", 0, new int[] {30, 2, 20}));
    }

    @Test
    void negativeZeroIsZero() {
        assertEquals(Seeds.derive(0, "noise", 1, 0.0), Seeds.derive(0, "noise", 1, -0.0));
        assertEquals(Seeds.derive(0, "noise", 1, 0.0), Seeds.derive(0, "noise", 1, (Object) Double.valueOf(-0.0)));
        assertEquals(Seeds.derive(0, "noise", 1, 0.0), Seeds.derive(0, "noise", 1, -0.0f));
        assertEquals(Seeds.derive(0, "noise", 1, 0.5), Seeds.derive(0, "noise", 1, 0.5f), "floats as their double");
    }

    @Test
    void generatorIsPinned() {
        // L64X256MixRandom seeded with 0: a change of algorithm or seeding changes every stream.
        assertEquals("L64X256MixRandom", Streams.ALGORITHM);
        RandomGenerator g = Streams.generator(0);
        assertEquals(5462611082047578805L, g.nextLong());
        assertEquals(-1350793186380631688L, g.nextLong());
        assertEquals(Streams.generator(99).nextLong(), Streams.generator(99).nextLong());
        assertNotEquals(Streams.generator(99).nextLong(), Streams.generator(100).nextLong());
    }

    @Test
    void permutationIsAPermutationAndPinned() {
        for (int n : new int[] {0, 1, 2, 7, 398}) {
            int[] p = Streams.permutation(n, Streams.generator(n));
            assertArrayEquals(IntStream.range(0, n).toArray(), Arrays.stream(p).sorted().toArray(), "n = " + n);
        }
        assertArrayEquals(new int[] {9, 5, 8, 2, 1, 0, 6, 7, 3, 4},
                Streams.permutation(10, Streams.generator(Seeds.derive(0, "subset", 0))));
    }

    @Test
    void permutationIsDeterministicPerSeed() {
        int[] a = Streams.permutation(398, Streams.generator(5));
        assertArrayEquals(a, Streams.permutation(398, Streams.generator(5)));
        assertFalse(Arrays.equals(a, Streams.permutation(398, Streams.generator(6))));
        int[] s = IntStream.range(0, 398).toArray();
        Streams.shuffle(s, Streams.generator(5));
        assertArrayEquals(a, s, "permutation = shuffle of the identity");
    }

    @Test
    void permutationsAreUniform() {
        // All 24 orders of 4 elements, 24 000 draws from one fixed seed: chi-square with 23 degrees of freedom
        // stays below 49.73 (p = 0.001) for a uniform shuffle; a biased one (e.g. j drawn from [0, n)) fails.
        RandomGenerator rng = Streams.generator(2024);
        Map<String, Integer> counts = new HashMap<>();
        int draws = 24_000;
        for (int i = 0; i < draws; i++) {
            counts.merge(Arrays.toString(Streams.permutation(4, rng)), 1, Integer::sum);
        }
        assertEquals(24, counts.size());
        double expected = draws / 24.0;
        double chi2 = 0;
        for (int c : counts.values()) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        assertTrue(chi2 < 49.73, "chi-square " + chi2);
        List<Integer> sorted = new ArrayList<>(counts.values());
        assertTrue(sorted.stream().allMatch(c -> c > 800 && c < 1200), "counts " + sorted);
    }
}
