package chipsweep.data;

import java.io.Serializable;

/**
 * The data a job's cells learn from: a tabular data set ({@link Dataset}, WDBC) or an image data set
 * ({@link ImageDataset}, MNIST and Fashion-MNIST in IDX files). Loaded once on the driver and shared with the
 * executors (one copy per executor JVM).
 *
 * <p>Thread-safety: immutable.
 */
public sealed interface TaskData extends Serializable permits Dataset, ImageDataset, GeneratedData {
    /** Number of samples (train and test together). */
    int size();

    /** Content hash: the same data gives the same hash whatever its file layout. */
    String contentSha256();
}
