package io.retailseg.clv;

import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Maximum likelihood for the customer-value models: Commons Math's Nelder-Mead simplex over the logarithms
 * of the parameters (so they stay positive without constraints), restarted from its own optimum until a
 * restart no longer improves the log-likelihood by more than 1e-10 of it (at most {@link #MAX_RESTARTS}
 * restarts: the simplex can stall on a ridge), then standard errors from the inverse of the observed
 * information, the Hessian of minus the log-likelihood in the natural parameters by central differences.
 */
final class MaximumLikelihood {
    static final int MAX_RESTARTS = 10;
    static final int MAX_EVALUATIONS = 100_000;

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
        int d = start.length;
        double[] point = new double[d];
        for (int i = 0; i < d; i++) {
            point[i] = Math.log(start[i]);
        }
        MultivariateFunction objective = logs -> {
            double[] natural = new double[d];
            for (int i = 0; i < d; i++) {
                natural[i] = Math.exp(logs[i]);
            }
            try {
                double ll = logLikelihood.applyAsDouble(natural);
                return Double.isFinite(ll) ? ll : -Double.MAX_VALUE;
            } catch (IllegalArgumentException e) {
                // a parameter overflowed to infinity or underflowed to 0: outside the model
                return -Double.MAX_VALUE;
            }
        };
        SimplexOptimizer optimizer = new SimplexOptimizer(1e-12, 1e-12);
        double best = objective.value(point);
        int evaluations = 1;
        boolean converged = false;
        for (int restart = 0; restart <= MAX_RESTARTS; restart++) {
            PointValuePair found = optimizer.optimize(new MaxEval(MAX_EVALUATIONS), new ObjectiveFunction(objective),
                    GoalType.MAXIMIZE, new InitialGuess(point), new NelderMeadSimplex(d, 0.5));
            evaluations += optimizer.getEvaluations();
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
