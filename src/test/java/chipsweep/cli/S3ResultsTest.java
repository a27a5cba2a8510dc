package chipsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chipsweep.SparkTestSession;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Results on S3 through s3a: S3Proxy (filesystem backend) on 127.0.0.1 as the S3 server, hadoop-aws at the
 * Hadoop version Spark ships as the client, and {@link RemoteResultsScenario} against {@code s3a://results/...},
 * whose second writer meets a lock object instead of an OS lock. The s3a settings reach the in-process runs as
 * {@code spark.hadoop.*} system properties and the session's Hadoop configuration, and the killed driver as
 * {@code -D} options, as {@code --conf} would under spark-submit.
 */
class S3ResultsTest {
    private static final String BUCKET = "results";
    private static S3Proxy proxy;
    private static BlobStoreContext store;
    private static final Map<String, String> S3A = new LinkedHashMap<>();

    @TempDir
    Path tmp;

    @BeforeAll
    static void startS3(@TempDir Path base) throws Exception {
        Properties p = new Properties();
        p.setProperty("jclouds.filesystem.basedir", base.toString());
        store = ContextBuilder.newBuilder("filesystem").overrides(p).build(BlobStoreContext.class);
        store.getBlobStore().createContainerInLocation(null, BUCKET);
        proxy = S3Proxy.builder().blobStore(store.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "chipsweep", "chipsweep-secret").build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(10);
        }
        S3A.put("fs.s3a.endpoint", "http://127.0.0.1:" + proxy.getPort());
        S3A.put("fs.s3a.endpoint.region", "us-east-1");
        S3A.put("fs.s3a.path.style.access", "true");
        S3A.put("fs.s3a.connection.ssl.enabled", "false");
        S3A.put("fs.s3a.access.key", "chipsweep");
        S3A.put("fs.s3a.secret.key", "chipsweep-secret");
        S3A.put("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        S3A.put("fs.s3a.attempts.maximum", "2");
        S3A.put("fs.s3a.retry.limit", "2");
        Configuration session = SparkTestSession.get().sparkContext().hadoopConfiguration();
        S3A.forEach((k, v) -> {
            System.setProperty("spark.hadoop." + k, v);
            session.set(k, v);
        });
    }

    @AfterAll
    static void stopS3() throws Exception {
        S3A.keySet().forEach(k -> System.clearProperty("spark.hadoop." + k));
        if (proxy != null) {
            proxy.stop();
        }
        if (store != null) {
            store.close();
        }
    }

    private static Configuration conf() {
        Configuration c = new Configuration();
        S3A.forEach(c::set);
        return c;
    }

    @Test
    void aKilledDriverResumesOnS3ToTheLocalRunsCellsAndASecondWriterIsRefused() throws Exception {
        List<String> props = new ArrayList<>();
        S3A.forEach((k, v) -> props.add("-Dspark.hadoop." + k + "=" + v));
        new RemoteResultsScenario("s3a://" + BUCKET + "/runs/storage", conf(), props, 8)
                .killResumeAndCompare(tmp.resolve("local"), tmp.resolve("driver.log"));
    }

    @Test
    void aDamagedFileOnS3IsNamedWithTheWayOut() throws Exception {
        String out = "s3a://" + BUCKET + "/runs/damaged";
        Path job = tmp.resolve("tiny.json");
        java.nio.file.Files.writeString(job, String.format(RemoteResultsScenario.JOB_TEXT.replace("[0, 1, 2, 3]", "[0]"),
                Path.of("datasets/wdbc.csv").toAbsolutePath()));
        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.OK, RemoteResultsScenario.run(err, "run", job.toString(), "--out", out, "--no-report"),
                err.toString());
        org.apache.hadoop.fs.Path cells = new org.apache.hadoop.fs.Path(out + "/cells");
        org.apache.hadoop.fs.FileSystem fs = cells.getFileSystem(conf());
        org.apache.hadoop.fs.Path victim = null;
        var it = fs.listFiles(cells, true);
        while (it.hasNext() && victim == null) {
            org.apache.hadoop.fs.Path f = it.next().getPath();
            victim = f.getName().endsWith(".parquet") ? f : null;
        }
        assertTrue(victim != null, "a committed Parquet file");
        try (var o = fs.create(victim, true)) {
            o.write("PAR1 truncated".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        StringWriter sqlErr = new StringWriter();
        assertEquals(ExitCodes.USAGE, Main.execute(new java.io.PrintWriter(new StringWriter()),
                new java.io.PrintWriter(sqlErr), "sql", out, "SELECT count(*) FROM cells"));
        String msg = sqlErr.toString();
        assertTrue(msg.contains(victim.getName() + " is damaged") && msg.contains("--resume"), msg);
    }
}
