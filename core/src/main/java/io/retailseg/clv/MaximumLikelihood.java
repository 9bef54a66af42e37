package io.retailseg.clv;

import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Maximum likelihood for the customer-value models: Commons Math's BOBYQA (Powell's bounded trust-region
 * method with quadratic models, no derivatives) over the logarithms of the parameters (so they stay
 * positive), restarted from its own optimum until a restart no longer improves the log-likelihood by more
 * than 1e-10 of it (at most {@link #MAX_RESTARTS} restarts), then standard errors from the inverse of the
 * observed information, the Hessian of minus the log-likelihood in the natural parameters by central
 * differences. BOBYQA replaced the Nelder-Mead simplex: on the real file the simplex stopped, from each of
 * three starts, on BG/NBD's ridge where a and b grow together, 0.09 below the maximum BOBYQA reaches from
 * any of them (and scipy's optimiser confirms).
 */
final class MaximumLikelihood {
    static final int MAX_RESTARTS = 10;
    /** The search keeps each parameter's logarithm within +-30 (parameters from 1e-13 to 1e13). */
    static final double LOG_BOUND = 30;
    /**
     * Evaluations allowed over all restarts. A well-posed fit of BG/NBD takes a few hundred to two thousand;
     * a flat likelihood (e.g. data in which nobody seems to drop out, where a and b can grow together without
     * bound) would otherwise wander for ever. The best point seen is kept and reported as not converged.
     */
    static final int MAX_EVALUATIONS = 20_000;

    /**
     * @param parameters the maximising parameters
     * @param logLikelihood the log-likelihood there
     * @param standardErrors per parameter; NaN when the observed information is not positive definite
     * @param evaluations log-likelihood evaluations used
     * @param converged whether the last restart changed the log-likelihood by at most 1e-10 of it
     */
    record Result(double[] parameters, double logLikelihood, double[] standardErrors, int evaluations,
                  boolean converged) {
    }

    private MaximumLikelihood() {
    }

    /**
     * @param logLikelihood of the natural (positive) parameters
     * @param start a positive starting point
     */
    static Result maximise(ToDoubleFunction<double[]> logLikelihood, double[] start) {
        return maximise(logLikelihood, start, 0.5);
    }

    /**
     * @param initialRadius BOBYQA's first trust-region radius in log parameters: 0.5 from an arbitrary start,
     *     smaller from one near the maximum (a sample's fit)
     */
    static Result maximise(ToDoubleFunction<double[]> logLikelihood, double[] start, double initialRadius) {
        int d = start.length;
        double[] point = new double[d];
        for (int i = 0; i < d; i++) {
            point[i] = Math.log(start[i]);
        }
        double[] bestSeen = point.clone();
        double[] bestSeenValue = {Double.NEGATIVE_INFINITY};
        MultivariateFunction objective = logs -> {
            double[] natural = new double[d];
            for (int i = 0; i < d; i++) {
                natural[i] = Math.exp(logs[i]);
            }
            double ll;
            try {
                ll = logLikelihood.applyAsDouble(natural);
                ll = Double.isFinite(ll) ? ll : -Double.MAX_VALUE;
            } catch (IllegalArgumentException e) {
                // a parameter overflowed to infinity or underflowed to 0: outside the model
                ll = -Double.MAX_VALUE;
            }
            if (ll > bestSeenValue[0]) {
                bestSeenValue[0] = ll;
                System.arraycopy(logs, 0, bestSeen, 0, d);
            }
            return ll;
        };
        double best = objective.value(point);
        int evaluations = 1;
        boolean converged = false;
        for (int restart = 0; restart <= MAX_RESTARTS; restart++) {
            PointValuePair found;
            BOBYQAOptimizer optimizer = new BOBYQAOptimizer(2 * d + 1, initialRadius, 1e-10);
            double[] low = new double[d];
            double[] high = new double[d];
            java.util.Arrays.fill(low, -LOG_BOUND);
            java.util.Arrays.fill(high, LOG_BOUND);
            try {
                found = optimizer.optimize(new MaxEval(MAX_EVALUATIONS - evaluations), new ObjectiveFunction(objective),
                        GoalType.MAXIMIZE, new InitialGuess(point), new SimpleBounds(low, high));
                evaluations += optimizer.getEvaluations();
            } catch (TooManyEvaluationsException e) {
                evaluations = MAX_EVALUATIONS;
                point = bestSeen.clone();
                break;
            }
            double value = found.getValue();
            boolean still = value - best <= 1e-10 * Math.abs(best);
            if (value >= best) {
                best = value;
                point = found.getPoint();
            }
            if (still && restart > 0) {
                converged = true;
                break;
            }
            if (evaluations >= MAX_EVALUATIONS) {
                break;
            }
        }
        double[] natural = new double[d];
        for (int i = 0; i < d; i++) {
            natural[i] = Math.exp(point[i]);
        }
        return new Result(natural, logLikelihood.applyAsDouble(natural), standardErrors(logLikelihood, natural),
                evaluations, converged);
    }

    /** sqrt(diag(H^-1)), H the Hessian of minus the log-likelihood by central differences. */
    static double[] standardErrors(ToDoubleFunction<double[]> logLikelihood, double[] at) {
        int d = at.length;
        double[] h = new double[d];
        for (int i = 0; i < d; i++) {
            h[i] = 1e-4 * Math.abs(at[i]);
        }
        DMatrixRMaj hessian = new DMatrixRMaj(d, d);
        double f0 = logLikelihood.applyAsDouble(at);
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                double value;
                if (i == j) {
                    value = -(shifted(logLikelihood, at, i, h[i], j, 0) - 2 * f0 + shifted(logLikelihood, at, i, -h[i], j, 0))
                            / (h[i] * h[i]);
                } else {
                    value = -(shifted(logLikelihood, at, i, h[i], j, h[j]) - shifted(logLikelihood, at, i, h[i], j, -h[j])
                            - shifted(logLikelihood, at, i, -h[i], j, h[j]) + shifted(logLikelihood, at, i, -h[i], j, -h[j]))
                            / (4 * h[i] * h[j]);
                }
                hessian.set(i, j, value);
                hessian.set(j, i, value);
            }
        }
        double[] se = new double[d];
        DMatrixRMaj inverse = new DMatrixRMaj(d, d);
        if (!CommonOps_DDRM.invert(hessian, inverse)) {
            java.util.Arrays.fill(se, Double.NaN);
            return se;
        }
        for (int i = 0; i < d; i++) {
            double v = inverse.get(i, i);
            se[i] = v > 0 ? Math.sqrt(v) : Double.NaN;
        }
        return se;
    }

    private static double shifted(ToDoubleFunction<double[]> f, double[] at, int i, double di, int j, double dj) {
        double[] x = at.clone();
        x[i] += di;
        x[j] += dj;
        return f.applyAsDouble(x);
    }
}
