package io.retailseg.parquet;

import io.retailseg.domain.Transactions;
import io.retailseg.io.IngestOptions;
import io.retailseg.io.TransactionReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real UCI file ({@code shared/data/online_retail.csv.gz}, ISO-8859-1, 541,909 lines) as Parquet
 * reads as the same lines as the CSV: written by this module, and written by DuckDB from the CSV with
 * its own CSV reader and date parser. Skipped when the file is not there.
 */
class RealDataParquetTest {
    @Test
    void theRealFileAsParquetReadsAsTheSameLines(@TempDir Path dir) throws Exception {
        Path real = Lines.realData();
        Assumptions.assumeTrue(Files.exists(real), "real data not found at " + real.toAbsolutePath());
        Transactions expected = TransactionReader.read(real);

        Path own = dir.resolve("own.parquet");
        ParquetFiles.writeLines(expected, own);
        Lines.assertSameLines(TransactionReader.read(own), expected);

        Path duck = dir.resolve("duck.parquet");
        try (DuckDb db = new DuckDb()) {
            db.copy("SELECT InvoiceNo, StockCode, Description, Quantity,"
                    + " strptime(InvoiceDate, '%m/%d/%Y %H:%M') AS InvoiceDate, UnitPrice, CustomerID, Country"
                    + " FROM read_csv('" + real + "', header = true, encoding = 'latin-1', columns = {"
                    + "'InvoiceNo': 'VARCHAR', 'StockCode': 'VARCHAR', 'Description': 'VARCHAR', 'Quantity': 'INTEGER',"
                    + " 'InvoiceDate': 'VARCHAR', 'UnitPrice': 'DOUBLE', 'CustomerID': 'BIGINT', 'Country': 'VARCHAR'})",
                    duck, "");
        }
        // the file is ISO-8859-1 throughout, but its first 38,000 lines are ASCII, so the detection takes it for
        // UTF-8 and reads its pound signs as U+FFFD: said explicitly here, so DuckDB's latin-1 reading compares
        Transactions latin1 = TransactionReader.read(real,
                IngestOptions.defaults().withEncoding(java.nio.charset.StandardCharsets.ISO_8859_1));
        Lines.assertSameLines(TransactionReader.read(duck), latin1);
    }
}
