package chipsweep.data;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chipsweep.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WdbcLoaderTest {
    private static final String HEAD = "3,2,malignant,benign\n";

    @TempDir
    Path dir;

    @Test
    void loadsTheScikitLearnFile() {
        Dataset d = Wdbc.dataset();
        assertAll(
                () -> assertEquals(569, d.size()),
                () -> assertEquals(30, d.features()),
                () -> assertEquals(212, d.count(1)),
                () -> assertEquals(357, d.count(0)),
                () -> assertEquals(1, d.label(0), "first row has target 0 = malignant -> label 1"),
                () -> assertEquals(0, d.label(568), "last row has target 1 = benign -> label 0"),
                () -> assertEquals(17.99, d.value(0, 0)),
                () -> assertEquals(0.1189, d.value(0, 29)),
                () -> assertEquals(0.07039, d.value(568, 29)),
                () -> assertEquals(Wdbc.SHA256, d.sha256()),
                () -> assertEquals(Wdbc.path().toString(), d.source()));
    }

    @Test
    void parseOfTheFileLinesHashesLikeTheFile() throws IOException {
        Dataset d = WdbcLoader.parse("lines", Files.readAllLines(Wdbc.path()));
        assertEquals(Wdbc.SHA256, d.sha256());
        assertEquals("lines", d.source());
    }

    @Test
    void uciLayoutParsesToTheSameData() throws IOException {
        List<String> lines = Files.readAllLines(Wdbc.path());
        List<String> uci = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            String diagnosis = f[30].equals("0") ? "M" : "B";
            uci.add((842302 + i) + "," + diagnosis + "," + String.join(",", Arrays.copyOf(f, 30)));
        }
        Path file = dir.resolve("wdbc.data");
        Files.write(file, uci);
        Dataset a = Wdbc.dataset();
        Dataset b = WdbcLoader.load(file);
        assertEquals(a.size(), b.size());
        assertEquals(a.features(), b.features());
        for (int r = 0; r < a.size(); r++) {
            assertEquals(a.label(r), b.label(r), "label of row " + r);
            for (int j = 0; j < a.features(); j++) {
                assertEquals(a.value(r, j), b.value(r, j), "row " + r + ", feature " + j);
            }
        }
        assertEquals(file.toString(), b.source());
        assertNotEquals(a.sha256(), b.sha256(), "the hash is of the file's bytes");
        assertEquals(Dataset.sha256Hex(Files.readAllBytes(file)), b.sha256());
    }

    static Stream<Arguments> goodFiles() {
        return Stream.of(
                Arguments.of("blank lines, no final newline", "\n" + HEAD + "\n1,2,0\n\n3,4,1\n  \n5,6e-1,1"),
                Arguments.of("CRLF and spaces", HEAD.replace("\n", "\r\n") + " 1 , 2 ,0\r\n3,4,1\r\n5,0.6,1\r\n"),
                Arguments.of("byte order mark", "\uFEFF" + HEAD + "1,2,0\n3,4,1\n5,.6,1\n"),
                Arguments.of("UCI layout", "9,M,1,2\n10,B,3,4\n11,B,+5,6E-1\n"),
                Arguments.of("UCI with blank lines", "\n9,M,1,2\n\n10,B,3,4\n11,B,5,0.6\n\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodFiles")
    void acceptsSmallValidFiles(String name, String content) throws IOException {
        Dataset d = WdbcLoader.load(write(content));
        assertEquals(3, d.size());
        assertEquals(2, d.features());
        assertArrayEquals2(new double[][] {{1, 2}, {3, 4}, {5, 0.6}}, d.rows(new int[] {0, 1, 2}));
        assertEquals(List.of(1, 0, 0), Arrays.stream(d.labels(new int[] {0, 1, 2})).boxed().toList());
    }

    /** One row per kind of bad data: the content, then fragments the message must contain. */
    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("too few columns", HEAD + "1,2,0\n1,2\n3,4,1\n",
                        List.of("line 3", "expected 3", "found 2")),
                Arguments.of("too many columns", HEAD + "1,2,0\n1,2,3,1\n3,4,1\n",
                        List.of("line 3", "expected 3", "found 4")),
                Arguments.of("non-numeric value", HEAD + "1,abc,0\n1,2,1\n3,4,1\n",
                        List.of("line 2, column 2", "not a number", "'abc'")),
                Arguments.of("empty value", HEAD + "1,2,0\n1,2,1\n,4,1\n",
                        List.of("line 4, column 1", "''")),
                Arguments.of("NaN", HEAD + "1,2,0\nNaN,2,1\n3,4,1\n",
                        List.of("line 3, column 1", "finite", "'NaN'")),
                Arguments.of("nan, lower case", HEAD + "1,2,0\n1,nan,1\n3,4,1\n",
                        List.of("line 3, column 2", "finite", "'nan'")),
                Arguments.of("Infinity", HEAD + "1,2,0\n1,2,1\n3,-Infinity,1\n",
                        List.of("line 4, column 2", "finite", "'-Infinity'")),
                Arguments.of("overflow", HEAD + "1e999,2,0\n1,2,1\n3,4,1\n",
                        List.of("line 2, column 1", "finite", "'1e999'")),
                Arguments.of("hex float", HEAD + "0x1p3,2,0\n1,2,1\n3,4,1\n",
                        List.of("line 2, column 1", "not a number", "'0x1p3'")),
                Arguments.of("target 2", HEAD + "1,2,0\n1,2,1\n3,4,2\n",
                        List.of("line 4, column 3", "unknown target", "'2'")),
                Arguments.of("target 0.0", HEAD + "1,2,0.0\n1,2,1\n3,4,1\n",
                        List.of("line 2, column 3", "unknown target", "'0.0'")),
                Arguments.of("header row count too large", "4,2,malignant,benign\n1,2,0\n1,2,1\n3,4,1\n",
                        List.of("line 1, column 1", "header says 4 rows", "has 3 data rows")),
                Arguments.of("header row count too small", "2,2,malignant,benign\n1,2,0\n1,2,1\n3,4,1\n",
                        List.of("line 1, column 1", "header says 2 rows", "has 3 data rows")),
                Arguments.of("header only", HEAD, List.of("line 1, column 1", "header says 3", "has 0")),
                Arguments.of("header row count zero", "0,2,malignant,benign\n",
                        List.of("line 1, column 1", "positive integer", "'0'")),
                Arguments.of("header class names swapped", "3,2,benign,malignant\n1,2,0\n1,2,1\n3,4,1\n",
                        List.of("line 1, column 3", "'benign'")),
                Arguments.of("duplicate header", HEAD + "1,2,0\n" + HEAD + "1,2,1\n3,4,1\n",
                        List.of("line 3", "duplicate header", "'3,2,malignant,benign'")),
                Arguments.of("duplicate header at the end", HEAD + "1,2,0\n1,2,1\n3,4,1\n" + HEAD,
                        List.of("line 5", "duplicate header", "'3,2,malignant,benign'")),
                Arguments.of("line numbers count blank lines", "\n" + HEAD + "\n1,2,0\n\n1,x,1\n3,4,1\n",
                        List.of("line 6, column 2", "'x'")),
                Arguments.of("single class", HEAD + "1,2,1\n1,2,1\n3,4,1\n",
                        List.of("all 3 rows are benign", "both classes")),
                Arguments.of("empty file", "", List.of("empty file")),
                Arguments.of("blank file", "\n  \n\n", List.of("empty file")),
                Arguments.of("UCI unknown diagnosis", "1,M,1,2\n2,X,3,4\n3,B,5,6\n",
                        List.of("line 2, column 2", "unknown diagnosis", "'X'")),
                Arguments.of("UCI lower-case diagnosis", "1,M,1,2\n2,b,3,4\n",
                        List.of("line 2, column 2", "unknown diagnosis", "'b'")),
                Arguments.of("UCI inconsistent features", "1,M,1,2\n2,B,3,4,5\n3,B,5,6\n",
                        List.of("line 2", "expected 4", "found 5", "as on line 1")),
                Arguments.of("UCI too few columns", "1,M\n2,B\n", List.of("line 1", "at least 3", "found 2")),
                Arguments.of("UCI non-numeric value", "1,M,1,2\n2,B,3,four\n",
                        List.of("line 2, column 4", "not a number", "'four'")),
                Arguments.of("UCI NaN", "1,M,1,2\n2,B,NaN,4\n", List.of("line 2, column 3", "finite", "'NaN'")),
                Arguments.of("UCI header in the middle", "1,M,1,2\n" + HEAD + "2,B,3,4\n",
                        List.of("line 2", "duplicate header", "'3,2,malignant,benign'")),
                Arguments.of("UCI single class", "1,M,1,2\n2,M,3,4\n",
                        List.of("all 2 rows are malignant", "both classes")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void rejectsBadData(String name, String content, List<String> fragments) throws IOException {
        Path file = write(content);
        InputException e = assertThrows(InputException.class, () -> WdbcLoader.load(file));
        assertMessage(e, file.toString(), fragments);
    }

    @Test
    void rejectsAMissingFile() {
        Path file = dir.resolve("nope.csv");
        InputException e = assertThrows(InputException.class, () -> WdbcLoader.load(file));
        assertMessage(e, file.toString(), List.of("not found"));
    }

    @Test
    void rejectsAnUnreadableFile() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("a-directory.csv"));
        InputException e = assertThrows(InputException.class, () -> WdbcLoader.load(sub));
        assertMessage(e, sub.toString(), List.of("cannot read"));
    }

    @Test
    void rejectsBytesThatAreNotUtf8() throws IOException {
        Path file = dir.resolve("binary.csv");
        Files.write(file, new byte[] {'1', ',', (byte) 0xff, (byte) 0xfe, '\n'});
        InputException e = assertThrows(InputException.class, () -> WdbcLoader.load(file));
        assertMessage(e, file.toString(), List.of("UTF-8"));
    }

    @Test
    void parseNamesTheSourceGiven() {
        InputException e = assertThrows(InputException.class,
                () -> WdbcLoader.parse("mem:x", List.of("3,2,malignant,benign", "1,2,0", "1,2,1", "3,4,7")));
        assertMessage(e, "mem:x", List.of("line 4, column 3", "'7'"));
    }

    private static void assertMessage(InputException e, String file, List<String> fragments) {
        String m = e.getMessage();
        assertTrue(m.startsWith(file + ": "), () -> "message names the file first: " + m);
        assertFalse(m.contains("\n") || m.contains("\r"), () -> "one line: " + m);
        for (String f : fragments) {
            assertTrue(m.contains(f), () -> "message lacks '" + f + "': " + m);
        }
    }

    private static void assertArrayEquals2(double[][] expected, double[][] actual) {
        assertTrue(Arrays.deepEquals(expected, actual),
                () -> Arrays.deepToString(expected) + " != " + Arrays.deepToString(actual));
    }

    private Path write(String content) throws IOException {
        Path file = dir.resolve("data.csv");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
