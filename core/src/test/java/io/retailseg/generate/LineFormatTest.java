package io.retailseg.generate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LineFormatTest {

    @ParameterizedTest
    @CsvSource({
        "2550, 2.55", "2500, 2.5", "15000, 15", "0, 0", "1, 0.001", "10, 0.01", "100, 0.1",
        "184940, 184.94", "1005, 1.005", "-11062060, -11062.06"
    })
    void pricesAreWrittenAsExcelWritesThem(int mils, String expected) {
        StringBuilder sb = new StringBuilder();
        LineFormat.appendPrice(sb, mils);
        assertThat(sb).hasToString(expected);
    }

    @ParameterizedTest
    @CsvSource({"506, 8:26", "0, 0:00", "1439, 23:59", "1025, 17:05", "600, 10:00"})
    void timesAreHourColonTwoDigitMinutes(int minuteOfDay, String expected) {
        StringBuilder sb = new StringBuilder();
        LineFormat.appendTime(sb, minuteOfDay);
        assertThat(sb).hasToString(expected);
    }
}
