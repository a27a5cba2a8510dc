package chipsweep.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/**
 * The code version recorded in provenance: {@code git describe --always --dirty} of the checkout the jar was
 * built in when git can tell, else the jar manifest's version, else "unknown".
 */
final class CodeVersion {
    private static String cached;

    private CodeVersion() {
    }

    static synchronized String get() {
        if (cached == null) {
            cached = detect();
        }
        return cached;
    }

    private static String detect() {
        String manifest = CodeVersion.class.getPackage().getImplementationVersion();
        try {
            Path jar = Path.of(CodeVersion.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path repo = jar.getParent().getParent();
            if (repo != null && Files.exists(repo.resolve(".git"))) {
                Process p = new ProcessBuilder("git", "-C", repo.toString(), "describe", "--always", "--dirty")
                        .redirectErrorStream(true).start();
                try (InputStream in = p.getInputStream()) {
                    String out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
                    if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 && !out.isEmpty()) {
                        return "git:" + out + (manifest == null ? "" : " (" + manifest + ")");
                    }
                }
            }
        } catch (IOException | InterruptedException | java.net.URISyntaxException | RuntimeException e) {
            // fall through to the manifest
        }
        return manifest == null ? "unknown" : manifest;
    }

    /** picocli's --version. */
    static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"chipsweep " + get(), "Java " + System.getProperty("java.version")};
        }
    }
}
