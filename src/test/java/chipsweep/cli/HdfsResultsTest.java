package chipsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chipsweep.SparkTestSession;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Results on HDFS: an in-process HDFS (MiniDFSCluster of {@code hadoop-client-minicluster}, at the Hadoop
 * version Spark ships) on 127.0.0.1, and {@link RemoteResultsScenario} against {@code hdfs://127.0.0.1:PORT/...}.
 */
class HdfsResultsTest {
    private static MiniDFSCluster hdfs;
    private static String root;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startHdfs(@TempDir Path base) throws Exception {
        SparkTestSession.get();
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.resolve("hdfs").toString());
        hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        hdfs.waitActive();
        root = "hdfs://127.0.0.1:" + hdfs.getNameNodePort();
    }

    @AfterAll
    static void stopHdfs() {
        if (hdfs != null) {
            hdfs.shutdown();
        }
    }

    @Test
    void aKilledDriverResumesOnHdfsToTheLocalRunsCells() throws Exception {
        new RemoteResultsScenario(root + "/results/faults", new Configuration(), List.of(), 4)
                .killResumeAndCompare(tmp.resolve("local"), tmp.resolve("driver.log"));
    }

    @Test
    void sqlAndReportReadAFolderOnHdfs() throws Exception {
        String out = root + "/results/tiny";
        StringWriter err = new StringWriter();
        Path job = tmp.resolve("tiny.json");
        java.nio.file.Files.writeString(job, """
                {"name": "tiny", "dataset": {"path": "%s"}, "mh": {"iterations": 200, "burn_in": 100},
                 "bp": {"epochs": 3},
                 "experiments": [{"name": "e", "distortion": ["mismatch"], "sigma": [0], "train_size": [32],
                                  "method": ["mh", "bp"], "seed": [0]}]}
                """.formatted(Path.of("datasets/wdbc.csv").toAbsolutePath()));
        assertEquals(ExitCodes.OK, RemoteResultsScenario.run(err, "run", job.toString(), "--out", out), err.toString());
        StringWriter sqlOut = new StringWriter();
        assertEquals(ExitCodes.OK, Main.execute(new java.io.PrintWriter(sqlOut), new java.io.PrintWriter(err), "sql", out,
                "SELECT count(*) AS n FROM cells", "--format", "csv"), err.toString());
        assertEquals("n\n2", sqlOut.toString().strip());
        org.apache.hadoop.fs.Path index = new org.apache.hadoop.fs.Path(out + "/report/index.html");
        assertTrue(index.getFileSystem(new Configuration()).exists(index), "the report is copied to HDFS");
    }
}
