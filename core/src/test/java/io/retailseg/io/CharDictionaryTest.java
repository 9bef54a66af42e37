package io.retailseg.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.retailseg.InputException;
import io.retailseg.domain.StringDictionary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Encoding from a character range gives the codes a {@link StringDictionary} gives the same values
 * as Strings, and the buffer handler keeps FastCSV's own limits and messages.
 */
class CharDictionaryTest {
    @TempDir
    Path dir;

    @Test
    void sameCodesAsEncodingStringsThroughGrowthAndCollisions() {
        SplittableRandom r = new SplittableRandom(7);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            // few distinct lengths and letters: many equal hashes of the low bits, "Aa"/"BB" collide fully
            values.add(r.nextInt(10) == 0 ? (r.nextBoolean() ? "Aa" : "BB") : Integer.toString(r.nextInt(5_000), 36));
        }
        values.add("");
        StringDictionary expected = new StringDictionary();
        StringDictionary actual = new StringDictionary();
        CharDictionary chars = new CharDictionary(actual);
        char[] buf = new char[64];
        for (String v : values) {
            int offset = v.length() % 5; // not at the start of the buffer
            v.getChars(0, v.length(), buf, offset);
            buf[offset + v.length()] = 'x'; // a character after the range must not count
            assertThat(chars.encode(buf, offset, v.length())).isEqualTo(expected.encode(v));
        }
        assertThat(actual.size()).isEqualTo(expected.size());
        for (int code = 0; code < expected.size(); code++) {
            assertThat(actual.decode(code)).isEqualTo(expected.decode(code));
        }
    }

    @Test
    void aHintChangesNoCodeWhetherRightWrongOrOfAnotherLength() {
        SplittableRandom r = new SplittableRandom(11);
        StringDictionary expected = new StringDictionary();
        CharDictionary chars = new CharDictionary(new StringDictionary());
        char[] buf = new char[64];
        int previous = -1;
        for (int i = 0; i < 20_000; i++) {
            // "Aa" and "BB" have equal hashes; prefixes of one another differ only in length
            String v = switch (r.nextInt(4)) {
                case 0 -> r.nextBoolean() ? "Aa" : "BB";
                case 1 -> "WHITE HEART".substring(0, 1 + r.nextInt(11));
                default -> Integer.toString(r.nextInt(3_000), 36);
            };
            v.getChars(0, v.length(), buf, 3);
            buf[3 + v.length()] = 'x';
            // the hint: none, the last code (often right), or any code given so far (usually wrong)
            int hint = switch (r.nextInt(3)) {
                case 0 -> -1;
                case 1 -> previous;
                default -> expected.size() == 0 ? -1 : r.nextInt(expected.size());
            };
            int code = chars.encode(buf, 3, v.length(), hint);
            assertThat(code).as("%s with hint %d", v, hint).isEqualTo(expected.encode(v));
            previous = code;
        }
    }

    @Test
    void tooManyFieldsAreNamedAsTheReadersLimit() throws IOException {
        String header = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";
        String wide = "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/2010 8:26,2.55,17850,United Kingdom"
                + ",".repeat(16_384);
        String text = header + "\n" + wide + "\n";
        Path file = dir.resolve("wide.csv");
        Files.writeString(file, text);
        String fastCsv;
        try (CsvReader<CsvRecord> csv = CsvReader.builder().allowExtraFields(true).ofCsvRecord(text)) {
            fastCsv = String.valueOf(catchCause(() -> csv.forEach(record -> { })));
        }
        assertThat(fastCsv).contains("surpassed the maximum limit of 16384 fields");
        assertThatThrownBy(() -> TransactionReader.read(file)).isInstanceOf(InputException.class)
                .hasMessage(file + ":2: more fields than the CSV reader's limit of 16,384 (FastCSV's maximum fields"
                        + " per record)");
    }

    private static String catchCause(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            return e.getCause().getMessage();
        }
        throw new AssertionError("expected FastCSV to refuse the record");
    }
}
