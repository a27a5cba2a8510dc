package chipsweep.sweep;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The shared trainings ({@link Cell#source()}) a run keeps in its results folder ({@code _sources/ID.bin}, ID the
 * source cell's id under the run's science), so that a resumed or repeated run deploys them instead of training them
 * again: a Büchel job's BPTT networks take about 20 minutes each, and a run stopped after hours of them would
 * otherwise lose them all. A stored training is used only by a run of the same science and the same clean build
 * (its {@code code_version}, {@code git describe} of a checkout without local changes), whose training would give
 * the same weights bit for bit; a build with local changes ({@code -dirty}) or of unknown version neither writes nor
 * reads them. An unreadable file is trained again and replaced.
 *
 * <p>Thread-safety: stateless.
 */
final class StoredSources {
    /** Java serialization, limited to the classes a stored training holds. */
    private static final ObjectInputFilter FILTER = ObjectInputFilter.Config.createFilter(
            "maxdepth=20;chipsweep.sweep.*;java.lang.*;java.util.*;!*");

    private StoredSources() {
    }

    /** What one file holds: the training and what it was trained under. */
    private record Stored(String scienceSha256, String codeVersion, CellRunner.SourceTraining training)
            implements Serializable {
    }

    /** Whether a run of {@code codeVersion} may keep and reuse its shared trainings. */
    static boolean reusable(String codeVersion) {
        return codeVersion != null && !codeVersion.isBlank() && !codeVersion.contains("dirty")
                && !codeVersion.equals("unknown");
    }

    private static String name(RunInfo run, Cell source) {
        return CellIds.cellId(run.scienceSha256(), source) + ".bin";
    }

    /** The training of {@code source} an earlier run of this science and build stored, if any. */
    static Optional<CellRunner.SourceTraining> read(ResultsDir dir, RunInfo run, Cell source) {
        if (!reusable(run.codeVersion())) {
            return Optional.empty();
        }
        Optional<byte[]> bytes;
        try {
            bytes = dir.readSource(name(run, source));
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof org.apache.hadoop.fs.ChecksumException) {
                return Optional.empty(); // changed since written (a local disk's .crc): trained again, replaced
            }
            throw e;
        }
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.get()))) {
            in.setObjectInputFilter(FILTER);
            if (in.readObject() instanceof Stored s && s.scienceSha256().equals(run.scienceSha256())
                    && s.codeVersion().equals(run.codeVersion()) && s.training().cell().equals(source)) {
                return Optional.of(s.training());
            }
            return Optional.empty();
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            return Optional.empty(); // unreadable (cut short, another build's classes): trained again, replaced
        }
    }

    /** Stores {@code t} for later runs of this science and build (nothing for a build with local changes). */
    static void write(ResultsDir dir, RunInfo run, CellRunner.SourceTraining t) {
        if (!reusable(run.codeVersion())) {
            return;
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(b)) {
            out.writeObject(new Stored(run.scienceSha256(), run.codeVersion(), t));
        } catch (InvalidClassException e) {
            throw new IllegalStateException("a shared training is not serializable: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        dir.writeSource(name(run, t.cell()), b.toByteArray());
    }
}
