package io.retailseg.runfolder;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.retailseg.clv.BgNbd;
import io.retailseg.clv.CustomerValue;
import io.retailseg.clv.CustomerValueModel;
import io.retailseg.clv.GammaGamma;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The customer-value models as {@code model.json} and {@code summary.json} write them
 * ({@code customer_value}): the horizon, the discount rate and its step, the day the observation ended,
 * and each model's parameters by name with their standard errors, log-likelihood, evaluations,
 * convergence and the customers it was fitted on.
 *
 * @param gammaGammaMissing why there is no spend model, when there is none
 */
public record CustomerValueBlock(String observationEnd, int horizonDays, double annualDiscountRate,
                                 int discountStepDays, FitBlock bgNbd,
                                 @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<FitBlock> gammaGamma,
                                 @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<String> gammaGammaMissing) {

    private static final List<String> BG_NBD = List.of("r", "alpha", "a", "b");
    private static final List<String> GAMMA_GAMMA = List.of("p", "q", "gamma");

    /**
     * One fitted model.
     *
     * @param standardErrors by parameter; null where the observed information gave none
     */
    public record FitBlock(Map<String, Double> parameters, Map<String, Double> standardErrors, double logLikelihood,
                           int evaluations, boolean converged, int customers) {
    }

    public static CustomerValueBlock of(CustomerValueModel m) {
        return new CustomerValueBlock(m.observationEnd().toString(), m.horizonDays(), m.annualDiscountRate(),
                CustomerValueModel.STEP_DAYS, fit(m.bgNbd(), BG_NBD, m.bgNbd().model().toArray()),
                m.gammaGamma().map(g -> fit(g, GAMMA_GAMMA, g.model().toArray())), m.why());
    }

    /** One BG/NBD fit as a block. */
    public static FitBlock of(CustomerValue.Fit<BgNbd> f) {
        return fit(f, BG_NBD, f.model().toArray());
    }

    /** One Gamma-Gamma fit as a block. */
    public static FitBlock ofSpend(CustomerValue.Fit<GammaGamma> f) {
        return fit(f, GAMMA_GAMMA, f.model().toArray());
    }

    private static FitBlock fit(CustomerValue.Fit<?> f, List<String> names, double[] values) {
        Map<String, Double> parameters = new LinkedHashMap<>();
        Map<String, Double> errors = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            parameters.put(names.get(i), values[i]);
            double se = f.standardErrors()[i];
            errors.put(names.get(i), Double.isFinite(se) ? se : null);
        }
        return new FitBlock(parameters, errors, f.logLikelihood(), f.evaluations(), f.converged(), f.customers());
    }

    /**
     * The model this block describes.
     *
     * @throws IllegalArgumentException naming the field ({@code customer_value.bg_nbd.parameters.r: ...})
     */
    public CustomerValueModel toModel() {
        LocalDate end;
        try {
            end = LocalDate.parse(observationEnd);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("customer_value.observation_end: expected an ISO date (yyyy-mm-dd), found \""
                    + observationEnd + "\"");
        }
        double[] p = values(bgNbd, BG_NBD, "customer_value.bg_nbd");
        Optional<CustomerValue.Fit<GammaGamma>> spend = gammaGamma.map(g -> {
            double[] v = values(g, GAMMA_GAMMA, "customer_value.gamma_gamma");
            return fit(new GammaGamma(v[0], v[1], v[2]), g, GAMMA_GAMMA);
        });
        try {
            return new CustomerValueModel(end, horizonDays, annualDiscountRate,
                    fit(new BgNbd(p[0], p[1], p[2], p[3]), bgNbd, BG_NBD), spend, gammaGammaMissing);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("customer_value." + e.getMessage(), e);
        }
    }

    private static double[] values(FitBlock f, List<String> names, String at) {
        if (f == null || f.parameters() == null) {
            throw new IllegalArgumentException(at + ".parameters: expected " + names + ", found none");
        }
        double[] out = new double[names.size()];
        for (int i = 0; i < names.size(); i++) {
            Double v = f.parameters().get(names.get(i));
            if (v == null || !(v > 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException(at + ".parameters." + names.get(i)
                        + ": expected a positive finite number, found " + v);
            }
            out[i] = v;
        }
        return out;
    }

    private static <M> CustomerValue.Fit<M> fit(M model, FitBlock f, List<String> names) {
        double[] se = new double[names.size()];
        for (int i = 0; i < names.size(); i++) {
            Double v = f.standardErrors() == null ? null : f.standardErrors().get(names.get(i));
            se[i] = v == null ? Double.NaN : v;
        }
        return new CustomerValue.Fit<>(model, f.logLikelihood(), se, f.evaluations(), f.converged(), f.customers());
    }
}
