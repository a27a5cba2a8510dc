package chipsweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README is the five-minute introduction (under 200 lines) and the rest lives in {@code docs/}: every relative
 * link of README.md and docs/*.md resolves to a file (and, with a {@code #fragment}, to a heading of that file, by
 * GitHub's anchor rule), and every page of {@code docs/} is listed in the index {@code docs/README.md}. Links inside
 * code (fenced blocks and inline spans) are not links and are skipped.
 */
class DocsTest {
    static final int README_MAX_LINES = 200;
    private static final Path ROOT = Path.of(System.getProperty("basedir", "."));
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");

    @Test
    void readmeIsUnderTheLimit() throws IOException {
        long lines = Files.readAllLines(ROOT.resolve("README.md")).size();
        assertTrue(lines < README_MAX_LINES, "README.md has " + lines + " lines; the limit is " + README_MAX_LINES
                + ": move detail into docs/");
    }

    @Test
    void everyRelativeLinkResolves() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            for (String target : links(page)) {
                String why = check(page, target);
                if (why != null) {
                    broken.add(ROOT.relativize(page) + ": (" + target + ") " + why);
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void everyDocsPageIsInTheIndex() throws IOException {
        Set<String> indexed = new LinkedHashSet<>(links(ROOT.resolve("docs/README.md")));
        List<String> missing = new ArrayList<>();
        try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md") && !n.equals("README.md")).sorted()
                    .filter(n -> !indexed.contains(n)).forEach(missing::add);
        }
        assertEquals(List.of(), missing, "docs pages missing from docs/README.md");
    }

    @Test
    void theCheckerFindsABrokenLinkAndAnchor() throws IOException {
        Path dir = Files.createTempDirectory("docs-test");
        Path page = dir.resolve("a.md");
        Files.writeString(page, "# Top\n## The `run` command\n```\n[not](a link.md)\n```\n[ok](a.md#the-run-command) "
                + "[gone](b.md) [bad](#nowhere) `[code](x.md)` [web](https://example.org/x)\n");
        assertEquals(List.of("a.md#the-run-command", "b.md", "#nowhere", "https://example.org/x"), links(page));
        assertEquals(null, check(page, "a.md#the-run-command"));
        assertEquals("no such file", check(page, "b.md"));
        assertEquals("no heading with anchor #nowhere", check(page, "#nowhere"));
        assertEquals(null, check(page, "https://example.org/x"));
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(ROOT.resolve("README.md"));
        try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** The link targets of a Markdown page, outside code. */
    static List<String> links(Path page) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : prose(page)) {
            Matcher m = LINK.matcher(INLINE_CODE.matcher(line).replaceAll(""));
            while (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /** A page's lines outside fenced code blocks. */
    private static List<String> prose(Path page) throws IOException {
        List<String> out = new ArrayList<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(page)) {
            if (line.stripLeading().startsWith("```")) {
                fenced = !fenced;
            } else if (!fenced) {
                out.add(line);
            }
        }
        return out;
    }

    /** Null if {@code target}, linked from {@code page}, resolves; otherwise why not. External links pass. */
    static String check(Path page, String target) throws IOException {
        if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
            return null;
        }
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        if (!Files.exists(resolved)) {
            return "no such file";
        }
        if (hash < 0) {
            return null;
        }
        String anchor = target.substring(hash + 1);
        if (Files.isDirectory(resolved) || !anchors(resolved).contains(anchor)) {
            return "no heading with anchor #" + anchor;
        }
        return null;
    }

    /** GitHub's heading anchors: lower case, punctuation other than - and _ dropped, spaces as hyphens. */
    static Set<String> anchors(Path page) throws IOException {
        Set<String> out = new LinkedHashSet<>();
        for (String line : prose(page)) {
            if (line.startsWith("#")) {
                String text = line.replaceFirst("^#+\\s*", "").strip().toLowerCase(Locale.ROOT);
                out.add(text.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
            }
        }
        return out;
    }
}
