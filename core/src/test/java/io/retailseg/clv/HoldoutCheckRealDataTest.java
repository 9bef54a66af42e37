package io.retailseg.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.retailseg.SharedFiles;
import io.retailseg.clean.Cleaner;
import io.retailseg.domain.Transactions;
import io.retailseg.io.TransactionReader;
import java.time.LocalDate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * BG/NBD and Gamma-Gamma on the real UCI file, fitted before 2011-09-01 and checked on what followed (the
 * 100 days to 2011-12-09). Issue 16's targets are not met there, and this test pins what is true instead,
 * so a change that moves the numbers is seen: the model beats the population's mean rate but not each
 * customer's own past rate (MAE 0.992 against 0.960 purchase days), and it predicts 3,608 purchase days
 * for 4,776 (-24%): the hold-out is the shop's autumn and Christmas season, when customers buy more often
 * than over the year before, and BG/NBD assumes a stationary purchase rate. Each customer's past rate
 * under-predicts the total even more (3,337) but wins on mean absolute error, which rewards predicting
 * the typical customer's small count over the mean. The fit puts the drop-out probability a / (a + b)
 * near 0 (about 2e-9: almost no customer is seen to drop out before the split).
 */
class HoldoutCheckRealDataTest {
    @Test
    void theModelBeatsThePopulationRateAndUnderPredictsTheChristmasSeason() {
        Assumptions.assumeTrue(java.nio.file.Files.exists(SharedFiles.realData()), "real data not present");
        Transactions lines = Cleaner.clean(TransactionReader.read(SharedFiles.realData())).lines();
        long split = LocalDate.of(2011, 9, 1).toEpochDay();
        long last = IntStream.range(0, lines.size()).mapToLong(lines::epochDay).max().orElseThrow();
        Transactions before = lines.select(IntStream.range(0, lines.size()).filter(r -> lines.epochDay(r) < split).toArray());
        Transactions after = lines.select(IntStream.range(0, lines.size()).filter(r -> lines.epochDay(r) >= split).toArray());
        HoldoutCheck.Result r = HoldoutCheck.run(before, after, split, last);
        HoldoutCheck.Errors model = r.purchases().get(0);
        assertThat(r.bgNbd().converged()).isTrue();
        assertThat(r.customers()).isEqualTo(3_314);
        assertThat(model.totalActual()).isEqualTo(4_776);
        assertThat(model.mae()).isLessThan(r.purchases().get(2).mae());
        assertThat(model.mae()).isCloseTo(0.9918, within(0.001));
        assertThat(r.purchases().get(1).mae()).isCloseTo(0.9602, within(0.001));
        assertThat(model.totalPredicted() / model.totalActual()).isCloseTo(0.755, within(0.005));
        // calibration: under-predicted at every training frequency, by a similar share
        assertThat(r.calibration()).allSatisfy(c -> assertThat(c.meanPredicted()).isLessThan(c.meanActual()));
    }
}
