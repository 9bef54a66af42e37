package io.retailseg.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.retailseg.SharedFiles;
import io.retailseg.clean.Cleaner;
import io.retailseg.domain.Transactions;
import io.retailseg.features.FeatureExtractor;
import io.retailseg.io.TransactionReader;
import java.time.LocalDate;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The run's fit of BG/NBD and Gamma-Gamma on the whole real UCI file against an independent fit: pandas'
 * summary of the cleaned lines and scipy's Nelder-Mead from three starts
 * ({@code core/src/test/python/clv_real.py}), whose results are pinned here. The two reach the same
 * maximum: log-likelihoods -61472.330008 (BG/NBD) and -18930.278851 (Gamma-Gamma), and the same
 * parameters where the likelihood is not flat. The drop-out parameters a and b are weakly identified on
 * this file (few customers are seen to stop: a / (a + b), the drop-out probability after a purchase, is
 * about 0.0004); the test pins their ratio, not each.
 */
class CustomerValueRealDataTest {
    @Test
    void theFitReachesScipysMaximumOnTheRealFile() {
        Assumptions.assumeTrue(java.nio.file.Files.exists(SharedFiles.realData()), "real data not present");
        Transactions lines = Cleaner.clean(TransactionReader.read(SharedFiles.realData())).lines();
        long end = FeatureExtractor.lastDay(lines);
        assertThat(LocalDate.ofEpochDay(end)).isEqualTo(LocalDate.of(2011, 12, 9));
        RepeatHistories.Result h = RepeatHistories.of(lines, end);
        assertThat(h.histories()).hasSize(4_334);
        assertThat(h.histories().stream().filter(r -> r.frequency() > 0).count()).isEqualTo(2_776);
        CustomerValueModel m = CustomerValueModel.fit(h.histories(), LocalDate.ofEpochDay(end), 90, 0.1).model()
                .orElseThrow();
        CustomerValue.Fit<BgNbd> purchases = m.bgNbd();
        assertThat(purchases.converged()).isTrue();
        assertThat(purchases.logLikelihood()).isCloseTo(-61472.330008, within(0.002));
        assertThat(purchases.model().r()).isCloseTo(0.8232, within(0.002));
        assertThat(purchases.model().alpha()).isCloseTo(69.14, within(0.2));
        BgNbd p = purchases.model();
        assertThat(p.a() / (p.a() + p.b())).isCloseTo(0.0030832 / (0.0030832 + 7.2472), within(0.0001));
        CustomerValue.Fit<GammaGamma> spend = m.gammaGamma().orElseThrow();
        assertThat(spend.logLikelihood()).isCloseTo(-18930.278851, within(0.0001));
        assertThat(spend.model().p()).isCloseTo(2.28156, within(0.0001));
        assertThat(spend.model().q()).isCloseTo(3.40318, within(0.0001));
        assertThat(spend.model().gamma()).isCloseTo(431.863, within(0.01));
    }
}
