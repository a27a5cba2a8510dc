package chipsweep.sweep;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * A bounded memo of a pure, costly function: {@link #get} computes each key once while it stays among the
 * {@code capacity} most recently used; a second caller of a key being computed waits for that result rather than
 * computing it again. A computation that throws is not kept: every caller waiting on it gets its exception and the
 * next call computes anew. For values that are a pure function of the key only (results stay bit-identical with or
 * without the memo).
 *
 * <p>Example: {@code new Memo<Key, RateTeacher>(16).get(key, k -> train(k))}.
 *
 * <p>Thread-safety: thread-safe; the function runs outside the memo's lock.
 */
final class Memo<K, V> {
    private final Map<K, CompletableFuture<V>> map;

    Memo(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a memo needs capacity >= 1, but had " + capacity);
        }
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, CompletableFuture<V>> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The value of {@code key}: computed by {@code f} here, or by the caller that computes or computed it. */
    V get(K key, Function<K, V> f) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> theirs;
        synchronized (map) {
            theirs = map.putIfAbsent(key, mine);
        }
        if (theirs != null) {
            try {
                return theirs.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw e;
            }
        }
        try {
            V v = f.apply(key);
            mine.complete(v);
            return v;
        } catch (RuntimeException | Error e) {
            synchronized (map) {
                map.remove(key, mine);
            }
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /** Keys held now (tests). */
    int size() {
        synchronized (map) {
            return map.size();
        }
    }
}
