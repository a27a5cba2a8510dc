package chipsweep.sweep;

import chipsweep.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The one-writer lock of a results folder, {@code .lock} in the folder.
 * <ul>
 *   <li>On a local disk ({@code file:}): an operating-system file lock, as in release 0.1.0; the OS releases it
 *       when the process dies.</li>
 *   <li>On any other Hadoop filesystem (HDFS, S3 through s3a, ...), which has no such lock: a lock object created
 *       with {@code create(path, overwrite=false)} (atomic on HDFS; on S3 an existence check, then the write), then
 *       read back to check that it is this run's. The holder rewrites it every {@link #HEARTBEAT_SECONDS} seconds
 *       and checks before each commit that it still holds it ({@link #verifyHeld}). A lock whose holder has died
 *       is taken over: at once if it names a process of this host that no longer exists, else when it has not
 *       been rewritten for {@code chipsweep.lock.stale-seconds} (Hadoop configuration, default 60).</li>
 * </ul>
 * Thread-safety: one instance per run; the heartbeat runs on its own daemon thread.
 */
final class WriterLock implements AutoCloseable {
    static final int HEARTBEAT_SECONDS = 10;
    static final String STALE_KEY = "chipsweep.lock.stale-seconds";
    /** Reads of the lock object before an error is believed (one object store read can race its rewrite). */
    private static final int READ_ATTEMPTS = 3;
    private static final String OWNER = "lock-owner ";
    private static final String HOST = "lock-host ";
    private static final String PID = "lock-pid ";

    private final FileSystem fs;
    private final Path file;
    private final String display;
    private final String owner = UUID.randomUUID().toString();
    private FileChannel channel;
    private FileLock osLock;
    private ScheduledExecutorService heartbeat;
    private volatile boolean held;

    private WriterLock(FileSystem fs, Path file, String display) {
        this.fs = fs;
        this.file = file;
        this.display = display;
    }

    /** Takes the lock of the folder {@code dir} (shown as {@code display} in messages), or throws. */
    static WriterLock take(FileSystem fs, Path dir, String display) {
        WriterLock l = new WriterLock(fs, new Path(dir, ".lock"), display);
        if ("file".equals(fs.getUri().getScheme())) {
            l.takeOsLock();
        } else {
            l.takeLockObject();
        }
        return l;
    }

    private static String holderLine() {
        return "pid " + ProcessHandle.current().pid() + " on " + ManagementFactory.getRuntimeMXBean().getName()
                + " since " + Instant.now();
    }

    private ResultsDir.LockedException locked(String holder) {
        return new ResultsDir.LockedException(display + ": another chipsweep run is writing here"
                + (holder.isBlank() ? "" : " (" + holder.strip().lines().findFirst().orElse("") + ")")
                + "; wait for it to finish or choose another --out");
    }

    private void takeOsLock() {
        java.nio.file.Path f = java.nio.file.Path.of(file.toUri());
        try {
            channel = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
            try {
                osLock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                osLock = null;
            }
            if (osLock == null) {
                String holder = Files.readString(f, StandardCharsets.UTF_8);
                channel.close();
                throw locked(holder);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(holderLine().getBytes(StandardCharsets.UTF_8)));
            held = true;
        } catch (IOException e) {
            throw new InputException(display + ": cannot lock the results folder: " + e.getMessage());
        }
    }

    /** The lock object's text: the holder line, then the owner token and the host/pid used for takeover. */
    private String content() {
        return holderLine() + "\n" + OWNER + owner + "\n" + HOST + SparkSweep.localHost() + "\n" + PID
                + ProcessHandle.current().pid() + "\n";
    }

    private void takeLockObject() {
        try {
            if (fs.exists(file)) {
                FileStatus st = fs.getFileStatus(file);
                String text = read();
                if (!stale(text, st.getModificationTime())) {
                    throw locked(text);
                }
                fs.delete(file, false); // its holder is gone
            }
            try (FSDataOutputStream out = fs.create(file, false)) {
                out.write(content().getBytes(StandardCharsets.UTF_8));
            } catch (FileAlreadyExistsException e) {
                throw locked(read());
            }
            String back = read();
            if (!mine(back)) { // an object store without put-if-absent: the last writer wins
                throw locked(back);
            }
            held = true;
        } catch (IOException e) {
            throw new InputException(display + ": cannot lock the results folder: " + e.getMessage());
        }
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "chipsweep-lock-heartbeat");
            t.setDaemon(true);
            return t;
        });
        heartbeat.scheduleAtFixedRate(this::beat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
    }

    private boolean stale(String text, long modified) {
        String host = field(text, HOST);
        String pid = field(text, PID);
        if (host != null && pid != null && host.equals(SparkSweep.localHost())) {
            try {
                if (ProcessHandle.of(Long.parseLong(pid)).isEmpty()) {
                    return true; // its process on this host is gone
                }
            } catch (NumberFormatException e) {
                // not written by this code: judge by age
            }
        }
        long staleMs = 1000L * fs.getConf().getInt(STALE_KEY, 60);
        return System.currentTimeMillis() - modified > staleMs;
    }

    private static String field(String text, String key) {
        return text.lines().filter(l -> l.startsWith(key)).map(l -> l.substring(key.length()).strip())
                .findFirst().orElse(null);
    }

    private boolean mine(String text) {
        return text.contains(OWNER + owner);
    }

    private String read() throws IOException {
        for (int attempt = 1; ; attempt++) {
            try (FSDataInputStream in = fs.open(file)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.FileNotFoundException e) {
                return "";
            } catch (IOException e) {
                // an object store refuses a read whose object was replaced after it was opened (s3a: HTTP 412, when
                // the holder's heartbeat rewrites the lock meanwhile): a new open reads the new version
                if (attempt == READ_ATTEMPTS) {
                    throw e;
                }
                try {
                    Thread.sleep(100L * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private void beat() {
        if (!held) {
            return;
        }
        try {
            if (!mine(read())) {
                held = false; // taken over: the next commit refuses
                return;
            }
            if ("hdfs".equals(fs.getScheme())) {
                // HDFS: only the modification time moves. Rewriting would leave a file under construction, empty to
                // readers, if the holder were killed mid-beat, and an unreadable lock is not judged stale for
                // chipsweep.lock.stale-seconds (seen: a resume refused right after a kill, under load)
                fs.setTimes(file, System.currentTimeMillis(), -1);
            } else {
                // object stores: a PUT appears whole or not at all, and setTimes is not supported
                try (FSDataOutputStream out = fs.create(file, true)) {
                    out.write(content().getBytes(StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            // a missed beat; the next one or the commit's check will tell
        }
    }

    /**
     * Before a commit: checks that this run still holds the lock (on a filesystem without OS locks another run
     * may have taken over a lock it judged stale, or won a race for it).
     *
     * @throws ResultsDir.LockedException if it does not
     */
    void verifyHeld() {
        if (osLock != null) {
            return;
        }
        String text;
        try {
            text = read();
        } catch (IOException e) {
            throw new UncheckedIOException(display + ": cannot read the lock: " + e.getMessage(), e);
        }
        if (!held || !mine(text)) {
            held = false;
            throw locked(text);
        }
    }

    @Override
    public void close() {
        try {
            if (heartbeat != null) {
                heartbeat.shutdownNow();
            }
            if (osLock != null) {
                osLock.release();
            }
            if (channel != null) {
                channel.close();
            }
            if (osLock == null && held && mine(read())) {
                fs.delete(file, false);
            }
            held = false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
