package chipsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MemoTest {
    @Test
    void aKeyIsComputedOnceAndItsValueReturnedToEveryCaller() {
        Memo<Integer, StringBuilder> memo = new Memo<>(4);
        AtomicInteger calls = new AtomicInteger();
        StringBuilder a = memo.get(1, k -> {
            calls.incrementAndGet();
            return new StringBuilder("v" + k);
        });
        StringBuilder b = memo.get(1, k -> {
            calls.incrementAndGet();
            return new StringBuilder("other");
        });
        assertSame(a, b);
        assertEquals(1, calls.get());
        assertEquals("v2", memo.get(2, k -> new StringBuilder("v" + k)).toString());
    }

    @Test
    void aSecondCallerOfAKeyBeingComputedWaitsForItRatherThanComputingAgain() throws Exception {
        Memo<String, Integer> memo = new Memo<>(4);
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> first = pool.submit(() -> memo.get("k", k -> {
                calls.incrementAndGet();
                started.countDown();
                await(release);
                return 7;
            }));
            started.await(10, TimeUnit.SECONDS);
            Future<Integer> second = pool.submit(() -> memo.get("k", k -> {
                calls.incrementAndGet();
                return 8;
            }));
            Thread.sleep(50);
            release.countDown();
            assertEquals(7, first.get(10, TimeUnit.SECONDS));
            assertEquals(7, second.get(10, TimeUnit.SECONDS));
            assertEquals(1, calls.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aComputationThatThrowsIsNotKept() {
        Memo<String, Integer> memo = new Memo<>(4);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> memo.get("k", k -> {
            throw new IllegalStateException("diverged");
        }));
        assertEquals("diverged", e.getMessage());
        assertEquals(0, memo.size());
        assertEquals(3, memo.get("k", k -> 3));
    }

    @Test
    void theLeastRecentlyUsedKeyGoesBeyondCapacity() {
        Memo<Integer, Integer> memo = new Memo<>(2);
        AtomicInteger calls = new AtomicInteger();
        java.util.function.Function<Integer, Integer> f = k -> {
            calls.incrementAndGet();
            return k * 10;
        };
        memo.get(1, f);
        memo.get(2, f);
        memo.get(1, f); // 1 is now the most recent
        memo.get(3, f); // evicts 2
        assertEquals(3, calls.get());
        assertEquals(2, memo.size());
        memo.get(1, f);
        assertEquals(3, calls.get(), "1 was kept");
        memo.get(2, f);
        assertEquals(4, calls.get(), "2 was evicted and computed again");
        assertThrows(IllegalArgumentException.class, () -> new Memo<Integer, Integer>(0));
    }

    private static void await(CountDownLatch l) {
        try {
            l.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
