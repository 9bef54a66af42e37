package io.retailseg.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.retailseg.domain.Transactions;
import java.time.LocalDateTime;

/**
 * The first line of the UCI Online Retail data set, which several reader tests use:
 * {@code 536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/2010 8:26,2.55,17850,United Kingdom}.
 */
final class UciFirstLine {
    private UciFirstLine() {
    }

    /** Asserts that line {@code row} of {@code t} holds exactly the UCI file's first line. */
    static void assertAt(Transactions t, int row) {
        assertThat(t.invoiceText(row)).isEqualTo("536365");
        assertThat(t.stockCodeText(row)).isEqualTo("85123A");
        assertThat(t.descriptionText(row)).isEqualTo("WHITE HANGING HEART T-LIGHT HOLDER");
        assertThat(t.quantity(row)).isEqualTo(6);
        assertThat(t.invoiceDate(row)).isEqualTo(LocalDateTime.of(2010, 12, 1, 8, 26));
        assertThat(t.unitPrice(row)).isEqualTo(2.55);
        assertThat(t.customerId(row)).isEqualTo(17850L);
        assertThat(t.countryText(row)).isEqualTo("United Kingdom");
    }
}
