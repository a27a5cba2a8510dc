package chipsweep.chip;

/**
 * The programmable weights of a recurrent LIF network of Büchel et al. 2021 (spec/BUCHEL.md section 2), flat and
 * row-major: {@code win} (n x in: the input drive's projection, the spec's F), {@code omegaFast} and
 * {@code omegaSlow} (n x n, indexed {@code [pre * n + post]}, as a spike of neuron pre adds row pre to the
 * currents; {@code omegaFast} null for a network without fast weights), {@code wout} (n x out, indexed
 * {@code [pre * out + m]}: a spike adds row pre to the output traces, the decoded state), {@code readout}
 * (out: the task output is {@code readout . traces}) and {@code expand}: null when the drive has {@code in}
 * channels, else (in entries) the drive is one channel u(t) expanded to the {@code in} channels
 * {@code expand_c u(t)} before {@code win} (the mimicking network: u = c, expand = A F_teacher, win = F, so that
 * a chip's per-entry gains fall on F as the spec's elementwise input mismatch asks).
 *
 * <p>The arrays are held by reference, not copied: a trainer updates them in place between trials (the hot path);
 * {@link #copy} gives an independent network.
 *
 * <p>Thread-safety: mutable arrays, confined to one thread.
 */
public record BuchelWeights(int n, int in, int out, double[] win, double[] omegaFast, double[] omegaSlow,
                            double[] wout, double[] readout, double[] expand) {
    /** A network whose drive has {@code in} channels (no expansion). */
    public BuchelWeights(int n, int in, int out, double[] win, double[] omegaFast, double[] omegaSlow, double[] wout,
                         double[] readout) {
        this(n, in, out, win, omegaFast, omegaSlow, wout, readout, null);
    }

    public BuchelWeights {
        if (!(n >= 1 && in >= 1 && out >= 1)) {
            throw new IllegalArgumentException("neurons, inputs and outputs must be >= 1, but were " + n + ", " + in
                    + ", " + out);
        }
        check("win", win, n * in);
        if (omegaFast != null) {
            check("omega_fast", omegaFast, n * n);
        }
        check("omega_slow", omegaSlow, n * n);
        check("wout", wout, n * out);
        check("readout", readout, out);
        if (expand != null) {
            check("expand", expand, in);
        }
    }

    /** The channels of the drive a trial supplies: 1 with an expansion, else {@code in}. */
    public int channels() {
        return expand == null ? in : 1;
    }

    private static void check(String name, double[] a, int size) {
        if (a == null || a.length != size) {
            throw new IllegalArgumentException(name + " must have " + size + " entries, but had "
                    + (a == null ? "none" : a.length));
        }
    }

    /** Whether the network has fast balanced weights. */
    public boolean fast() {
        return omegaFast != null;
    }

    /**
     * The arrays, for storing a trained network (e.g. a shared training, {@code sweep.CellRunner.SourceTraining}):
     * {@code win}, {@code omegaFast} (empty without fast weights), {@code omegaSlow}, {@code wout}, {@code readout},
     * {@code expand} (empty without an expansion); held by reference, not copied. {@link #of} reads them back.
     */
    public double[][] arrays() {
        double[] none = new double[0];
        return new double[][] {win, omegaFast == null ? none : omegaFast, omegaSlow, wout, readout,
                expand == null ? none : expand};
    }

    /**
     * The network whose {@link #arrays} are {@code a} (held by reference): n from {@code omegaSlow}'s n x n entries,
     * out from the readout, in from {@code win}'s n x in.
     *
     * @throws IllegalArgumentException if {@code a} is not six arrays of consistent sizes
     */
    public static BuchelWeights of(double[][] a) {
        if (a == null || a.length != 6) {
            throw new IllegalArgumentException("a stored buchel network has 6 arrays, but had "
                    + (a == null ? "none" : a.length));
        }
        int n = (int) Math.round(Math.sqrt(a[2].length));
        int in = n == 0 ? 0 : a[0].length / n;
        return new BuchelWeights(n, in, a[4].length, a[0], a[1].length == 0 ? null : a[1], a[2], a[3], a[4],
                a[5].length == 0 ? null : a[5]);
    }

    /** An independent copy. */
    public BuchelWeights copy() {
        return new BuchelWeights(n, in, out, win.clone(), omegaFast == null ? null : omegaFast.clone(),
                omegaSlow.clone(), wout.clone(), readout.clone(), expand == null ? null : expand.clone());
    }
}
