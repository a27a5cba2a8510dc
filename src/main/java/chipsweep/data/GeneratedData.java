package chipsweep.data;

/**
 * A task whose data each cell generates from its own seed (two moons, BISNN.md section 3), so the job carries only
 * its description: the name, the test points per cell and the side of the grid the uncertainty map covers. Its
 * content hash is the hash of that description.
 *
 * <p>Example: {@code new GeneratedData("two-moons", 200, 21)}.
 *
 * <p>Thread-safety: immutable.
 */
public record GeneratedData(String name, int testPoints, int gridSide) implements TaskData {
    /** The training points a cell may take at most (the spec's 200). */
    public static final int MAX_TRAIN_POINTS = 200;

    public GeneratedData {
        if (!"two-moons".equals(name)) {
            throw new IllegalArgumentException("name must be two-moons (the one generated task), but was '" + name + "'");
        }
        if (!(testPoints >= 2)) {
            throw new IllegalArgumentException("test_points must be >= 2, but was " + testPoints);
        }
        if (!(gridSide >= 2)) {
            throw new IllegalArgumentException("grid must be >= 2, but was " + gridSide);
        }
    }

    @Override
    public int size() {
        return MAX_TRAIN_POINTS + testPoints;
    }

    @Override
    public String contentSha256() {
        return Dataset.sha256Hex(("generated|" + name + "|" + testPoints + "|" + gridSide)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
