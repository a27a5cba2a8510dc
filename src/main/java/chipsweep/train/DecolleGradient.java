package chipsweep.train;

import chipsweep.chip.DecolleKernel;
import chipsweep.chip.DecolleNetwork;
import java.util.Arrays;

/**
 * DECOLLE's local gradients (BISNN.md section 2) for the step a {@link DecolleKernel} has just run. Each layer l
 * has its own loss on its fixed readout, cross-entropy of {@code softmax(y_l)} with {@code y_l = B_l^T s_l[t]},
 * averaged over the batch and over the {@code T - burn_in} learning steps:
 * <pre>
 * L_l[t] = (1 / (rows * (T - burn_in))) * sum_n -ln softmax(y_l[n])[label_n]
 * dL/dy_k      = (softmax(y)_k - [k == label]) / (rows * (T - burn_in))
 * dL/dU_j      = (sum_k B[j][k] dL/dy_k) * [|U_j| < 0.5]           (rectangular surrogate for ds/dU)
 * dL/dW[i][j]  = sum_n dL/dU_j * scale * P_i                        (scale = 1 / n_in; R is not differentiated)
 * </pre>
 * Gradients do not cross layers: layer l's input spikes are constants for its loss.
 *
 * <p>Allocation-free after construction. Thread-safety: mutable buffers, confined to one thread.
 */
public final class DecolleGradient {
    /** Half-width of the rectangular surrogate window. */
    public static final double WINDOW = 0.5;

    private final DecolleNetwork net;
    private final double[][] readouts;
    private final double norm;
    private final double[] prob;
    private final double[] dy;
    private final int[] active;
    private final double[] delta;

    public DecolleGradient(DecolleNetwork net) {
        this.net = net;
        this.readouts = new double[net.weightLayers()][];
        int widest = 0;
        for (int l = 0; l < readouts.length; l++) {
            readouts[l] = net.readout(l);
            widest = Math.max(widest, net.size(l + 1));
        }
        this.norm = 1.0 / (net.steps() - net.burnIn());
        this.prob = new double[net.classes()];
        this.dy = new double[net.classes()];
        this.active = new int[widest];
        this.delta = new double[widest];
    }

    /**
     * Overwrites {@code grads[l]} (flat {@code n_l x n_{l+1}}) with the local gradients of the kernel's last step
     * and returns the summed per-layer losses of that step. {@code labels[n]} is the class of batch row n.
     */
    public double compute(DecolleKernel kernel, int[] labels, double[][] grads) {
        int rows = kernel.rows();
        int classes = net.classes();
        double scaleN = norm / rows;
        double loss = 0.0;
        for (int l = 0; l < grads.length; l++) {
            int nIn = net.size(l);
            int nOut = net.size(l + 1);
            double scale = 1.0 / nIn;
            double[] g = grads[l];
            Arrays.fill(g, 0.0);
            double[] b = readouts[l];
            double[] p = kernel.trace(l);
            double[] u = kernel.membrane(l);
            double[] y = kernel.readout(l);
            for (int n = 0; n < rows; n++) {
                int label = labels[n];
                double max = y[n * classes];
                for (int k = 1; k < classes; k++) {
                    max = Math.max(max, y[n * classes + k]);
                }
                double z = 0.0;
                for (int k = 0; k < classes; k++) {
                    prob[k] = Math.exp(y[n * classes + k] - max);
                    z = z + prob[k];
                }
                for (int k = 0; k < classes; k++) {
                    prob[k] = prob[k] / z;
                    dy[k] = (prob[k] - (k == label ? 1.0 : 0.0)) * scaleN;
                }
                loss = loss - Math.log(prob[label]) * scaleN;
                int count = 0;
                for (int j = 0; j < nOut; j++) {
                    if (Math.abs(u[n * nOut + j]) < WINDOW) {
                        double ds = 0.0;
                        for (int k = 0; k < classes; k++) {
                            ds = ds + b[j * classes + k] * dy[k];
                        }
                        if (ds != 0.0) {
                            active[count] = j;
                            delta[count] = ds * scale;
                            count++;
                        }
                    }
                }
                if (count == 0) {
                    continue;
                }
                int pi = n * nIn;
                for (int i = 0; i < nIn; i++) {
                    double pv = p[pi + i];
                    if (pv != 0.0) {
                        int row = i * nOut;
                        for (int a = 0; a < count; a++) {
                            g[row + active[a]] = g[row + active[a]] + pv * delta[a];
                        }
                    }
                }
            }
        }
        return loss;
    }
}
