package io.retailseg.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * BG/NBD and Gamma-Gamma: the formulas against scipy on a committed fixture
 * (core/src/test/python/make_clv_fixtures.py), numerical edge cases, and parameter recovery from data
 * simulated from both generative processes with the CDNOW estimates of the papers.
 */
class CustomerValueTest {
    private static JsonNode fixture() throws IOException {
        try (InputStream in = CustomerValueTest.class.getResourceAsStream("/fixtures/clv/clv.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void theFormulasEqualScipy() throws IOException {
        JsonNode f = fixture();
        JsonNode m = f.get("bgnbd");
        BgNbd model = new BgNbd(m.get("r").asDouble(), m.get("alpha").asDouble(), m.get("a").asDouble(),
                m.get("b").asDouble());
        JsonNode g = f.get("gamma_gamma");
        GammaGamma spend = new GammaGamma(g.get("p").asDouble(), g.get("q").asDouble(), g.get("gamma").asDouble());
        double horizon = f.get("horizon").asDouble();
        for (JsonNode c : f.get("customers")) {
            RepeatHistory h = new RepeatHistory(c.get("x").asInt(), c.get("t_x").asDouble(), c.get("T").asDouble(),
                    c.get("m").asDouble());
            String at = h.toString();
            assertThat(model.logLikelihood(h)).as(at).isCloseTo(c.get("log_likelihood").asDouble(),
                    within(1e-9 * Math.max(1, Math.abs(c.get("log_likelihood").asDouble()))));
            assertThat(model.probabilityAlive(h)).as(at).isCloseTo(c.get("p_alive").asDouble(),
                    within(1e-12 + 1e-9 * c.get("p_alive").asDouble()));
            double ours = model.expectedPurchases(h, horizon);
            if (c.get("expected_purchases").isNull()) {
                // scipy overflows (0 x inf) at 5,000 repeat purchases; the limit is 0 (P(alive) is 1.6e-24)
                assertThat(ours).as(at).isFinite().isBetween(0.0, 1e-20);
            } else {
                double expected = c.get("expected_purchases").asDouble();
                assertThat(ours).as(at).isCloseTo(expected, within(1e-9 * Math.max(1, expected)));
            }
            if (c.has("gg_log_likelihood")) {
                assertThat(spend.logLikelihood(h)).as(at).isCloseTo(c.get("gg_log_likelihood").asDouble(),
                        within(1e-9 * Math.abs(c.get("gg_log_likelihood").asDouble())));
            }
            assertThat(spend.expectedSpend(h)).as(at).isCloseTo(c.get("expected_spend").asDouble(), within(1e-9));
        }
        assertThat(model.expectedPurchasesOfANewCustomer(horizon))
                .isCloseTo(f.get("new_customer_expected_purchases").asDouble(), within(1e-12));
    }

    @Test
    void edgeCasesNeverGiveNaN() {
        BgNbd model = new BgNbd(0.243, 30.9, 0.793, 2.426);
        for (RepeatHistory h : List.of(new RepeatHistory(0, 0, 0, 0), new RepeatHistory(1, 0, 0, 3),
                new RepeatHistory(100_000, 365, 365, 1), new RepeatHistory(100_000, 1, 365, 1),
                new RepeatHistory(1, 1e-9, 1e6, 5))) {
            assertThat(model.logLikelihood(h)).as(h.toString()).isFinite();
            assertThat(model.probabilityAlive(h)).as(h.toString()).isBetween(0.0, 1.0);
            assertThat(model.expectedPurchases(h, 90)).as(h.toString()).isFinite().isGreaterThanOrEqualTo(0.0);
            assertThat(new GammaGamma(6.25, 3.74, 15.44).logLikelihood(h)).as(h.toString()).isFinite();
        }
        assertThatThrownBy(() -> new RepeatHistory(2, 10, 5, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BgNbd(0, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CustomerValue.fitGammaGamma(List.of(new RepeatHistory(0, 0, 10, 0))))
                .hasMessageContaining("repeat purchase");
    }

    /** The packed sums the fits maximise equal the per-customer sums, repeated triples and edge cases included. */
    @Test
    void thePackedLogLikelihoodsEqualThePerCustomerSums() {
        List<RepeatHistory> customers = new ArrayList<>(List.of(new RepeatHistory(0, 0, 0, 0),
                new RepeatHistory(1, 0, 0, 3), new RepeatHistory(100_000, 365, 365, 1),
                new RepeatHistory(3, 40, 300, 12.5), new RepeatHistory(3, 40, 300, 20), new RepeatHistory(0, 0, 300, 0),
                new RepeatHistory(0, 0, 300, 0), new RepeatHistory(2, 10, 12, 0)));
        HistoryTable table = HistoryTable.of(customers);
        assertThat(table.rows()).isEqualTo(6);
        assertThat(table.spendMean).hasSize(4);
        for (BgNbd m : List.of(new BgNbd(0.243, 30.9, 0.793, 2.426), new BgNbd(2, 0.5, 3, 0.1))) {
            double expected = m.logLikelihood(customers);
            assertThat(m.logLikelihood(table)).as(m.toString()).isCloseTo(expected, within(1e-12 * Math.abs(expected)));
        }
        for (GammaGamma m : List.of(new GammaGamma(6.25, 3.74, 15.44), new GammaGamma(0.5, 1.2, 300))) {
            double expected = m.logLikelihood(customers);
            assertThat(m.logLikelihood(table)).as(m.toString()).isCloseTo(expected, within(1e-12 * Math.abs(expected)));
        }
        // many blocks, summed in parallel: the same sum, and the same double on every call
        List<RepeatHistory> many = SimulatedHistories.of(new BgNbd(0.82, 69, 0.5, 5), new GammaGamma(2.28, 3.4, 432),
                60_000, 730, 730, false, 7);
        HistoryTable big = HistoryTable.of(many);
        assertThat(big.rows()).isGreaterThan(3 * HistoryTable.BLOCK);
        BgNbd m = new BgNbd(0.8, 70, 0.4, 6);
        double once = m.logLikelihood(big);
        assertThat(once).isCloseTo(m.logLikelihood(many), within(1e-10 * Math.abs(once)));
        for (int i = 0; i < 5; i++) {
            assertThat(m.logLikelihood(big)).isEqualTo(once);
        }
    }

    /**
     * 20,000 customers observed for 273 days (39 weeks, as CDNOW) from the BG/NBD process with the 2005
     * paper's CDNOW estimates (alpha in days: 4.414 weeks x 7), and spends from the Gamma-Gamma process with
     * the 2013 note's estimates; the fits recover every parameter within three standard errors.
     */
    @Test
    void theFitsRecoverTheParametersOfSimulatedCustomers() {
        double r = 0.243;
        double alpha = 4.414 * 7;
        double a = 0.793;
        double b = 2.426;
        double p = 6.25;
        double q = 3.74;
        double gamma = 15.44;
        List<RepeatHistory> customers = SimulatedHistories.of(new BgNbd(r, alpha, a, b), new GammaGamma(p, q, gamma),
                20_000, 273, 0, false, 2005);
        CustomerValue.Fit<BgNbd> fit = CustomerValue.fitBgNbd(customers);
        assertThat(fit.converged()).isTrue();
        double[] truth = {r, alpha, a, b};
        double[] got = fit.model().toArray();
        for (int i = 0; i < 4; i++) {
            assertThat(fit.standardErrors()[i]).as("se %d", i).isPositive();
            assertThat(got[i]).as("BG/NBD parameter %d: %s, se %s", i, got[i], fit.standardErrors()[i])
                    .isCloseTo(truth[i], within(3 * fit.standardErrors()[i]));
        }
        CustomerValue.Fit<GammaGamma> spend = CustomerValue.fitGammaGamma(customers);
        double[] spendTruth = {p, q, gamma};
        double[] spendGot = spend.model().toArray();
        for (int i = 0; i < 3; i++) {
            assertThat(spendGot[i]).as("Gamma-Gamma parameter %d: %s, se %s", i, spendGot[i],
                    spend.standardErrors()[i]).isCloseTo(spendTruth[i], within(3 * spend.standardErrors()[i]));
        }
        // the maximum is a maximum: any nudge lowers the log-likelihood
        for (int i = 0; i < 4; i++) {
            double[] v = got.clone();
            v[i] *= 1.01;
            assertThat(new BgNbd(v[0], v[1], v[2], v[3]).logLikelihood(customers)).isLessThan(fit.logLikelihood());
        }
    }
}
