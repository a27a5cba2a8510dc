package chipsweep.train;

import chipsweep.chip.Chip;
import chipsweep.chip.Network;
import chipsweep.chip.Readout;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Chip-in-the-loop Metropolis-Hastings over all weights (Safa et al., NICE 2024; METHOD.md section 5.1).
 * <pre>
 *   log L(W)  = -lambda * sum_n CE(y_n, softmax(gamma * c_n(W) / T)),  lambda = max(1, N0 / N)
 *   log p(W)  = -||W||^2 / (2 s_p^2)
 *   W'        = W + s * eps,  eps ~ N(0, I)   (symmetric random walk)
 *   accept iff log U < logpost(W') - logpost(W)
 * </pre>
 * The step adapts during burn-in only; the deployed weights are the mean of the chain state over the
 * post-burn-in iterations (repeats included). Per iteration the generator gives the proposal's Gaussians
 * (layer by layer, row-major), then the uniform. One chip evaluation per iteration: the current state's
 * log-posterior is cached. The loop allocates nothing.
 *
 * <p>Thread-safety: immutable; {@link #train} is confined to the calling thread.
 */
public final class MetropolisHastings implements Trainer {
    private final MhSettings settings;

    public MetropolisHastings(MhSettings settings) {
        this.settings = settings;
    }

    @Override
    public TrainResult train(Chip chip, TrainingData data, double[][] initial, RandomGenerator rng) {
        MhSettings s = settings;
        Network net = chip.network();
        SpikeLoss loss = new SpikeLoss(s.gamma(), net.steps(), net.outputs());
        int[] labels = data.labels();
        Readout readout = new Readout(net, data.size(), false);
        double lambda = Math.max(1.0, s.likelihoodN0() / data.size());
        double inv2s2 = 1.0 / (2.0 * s.priorSd() * s.priorSd());

        double[][] cur = Weights.copy(initial);
        double[][] prop = Weights.copy(initial);
        double[][] best = Weights.copy(initial);
        double[][] total = net.newWeights();

        chip.program(cur);
        chip.evaluate(data.inputs(), readout);
        double ll = -lambda * loss.sum(readout, labels);
        double lpr = -Weights.squaredNorm(cur) * inv2s2;
        double lp = ll + lpr;
        double bestLp = lp;
        double step = s.initialStep();
        int accWindow = 0;
        int accBurn = 0;
        int accPost = 0;
        int accTrace = 0;
        int kept = 0;
        List<Diagnostics.ChainPoint> chain = new ArrayList<>(s.iterations() / s.traceEvery() + 1);

        for (int it = 0; it < s.iterations(); it++) {
            for (int l = 0; l < cur.length; l++) {
                double[] c = cur[l];
                double[] p = prop[l];
                for (int k = 0; k < c.length; k++) {
                    p[k] = c[k] + step * rng.nextGaussian();
                }
            }
            chip.program(prop);
            chip.evaluate(data.inputs(), readout);
            double llP = -lambda * loss.sum(readout, labels);
            double lprP = -Weights.squaredNorm(prop) * inv2s2;
            double lpP = llP + lprP;
            boolean accepted = Math.log(rng.nextDouble()) < lpP - lp;
            if (accepted) {
                double[][] t = cur;
                cur = prop;
                prop = t;
                ll = llP;
                lpr = lprP;
                lp = lpP;
                if (lp > bestLp) {
                    bestLp = lp;
                    Weights.copyInto(cur, best);
                }
            }
            int a = accepted ? 1 : 0;
            accTrace += a;
            if (it < s.burnIn()) {
                accWindow += a;
                accBurn += a;
                if ((it + 1) % s.adaptEvery() == 0) {
                    step *= Math.exp((double) accWindow / s.adaptEvery() - s.targetAcceptance());
                    accWindow = 0;
                }
            } else {
                for (int l = 0; l < cur.length; l++) {
                    double[] c = cur[l];
                    double[] tl = total[l];
                    for (int k = 0; k < c.length; k++) {
                        tl[k] = tl[k] + c[k];
                    }
                }
                kept++;
                accPost += a;
            }
            if ((it + 1) % s.traceEvery() == 0) {
                chain.add(new Diagnostics.ChainPoint(it + 1, ll, lpr, (double) accTrace / s.traceEvery(), step));
                accTrace = 0;
            }
        }
        for (double[] tl : total) {
            for (int k = 0; k < tl.length; k++) {
                tl[k] = tl[k] / kept;
            }
        }
        double burnRate = s.burnIn() == 0 ? Double.NaN : (double) accBurn / s.burnIn();
        return new TrainResult(total, new Diagnostics.Mh((double) accPost / kept, burnRate, step, lambda,
                best, cur, chain));
    }
}
