package chipsweep.sweep;

import java.io.Serializable;

/**
 * What every row of one run shares in its provenance: the job, its file and hashes, the data set, the code
 * and Spark versions, and the job's network model ({@link Model#id()}, the {@code model} column: a method such as
 * {@code mh} runs on more than one). Built once on the driver.
 *
 * <p>Thread-safety: immutable.
 */
public record RunInfo(String jobName, String datasetName, String jobFile, String jobFileSha256, String scienceSha256,
                      String datasetPath, String datasetSha256, String codeVersion, String sparkVersion, String model)
        implements Serializable {
}
