package io.retailseg.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import io.retailseg.config.RunConfig;
import io.retailseg.domain.Feature;
import io.retailseg.generate.SyntheticRetailGenerator;
import io.retailseg.io.IngestOptions;
import io.retailseg.model.ModelCodec;
import io.retailseg.model.SegmentationModel;
import io.retailseg.publish.RunWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library as the README shows it: a configuration and a source in, typed results out. */
class LibraryUsageTest {
    @TempDir
    Path dir;

    @Test
    void theReadmeExampleRunsAndReturnsTypedResults() throws IOException {
        Path csv = dir.resolve("lines.csv");
        SyntheticRetailGenerator.write(15_000, 11, csv);

        RunResult r = RetailSeg.run(RunConfig.builder().k(3).seed(42).build(),
                TransactionSource.file(csv, IngestOptions.defaults()));

        assertThat(r.cleaning().rowsIn()).isEqualTo(15_000);
        assertThat(r.cleaning().steps()).hasSize(5);
        assertThat(r.profiles()).hasSize(3);
        assertThat(r.profiles()).extracting(SegmentProfile::size).isSortedAccordingTo((a, b) -> b - a);
        assertThat(r.profiles().stream().mapToInt(SegmentProfile::size).sum() + r.outlierCount())
                .isEqualTo(r.customers().size());
        assertThat(r.profiles()).extracting(SegmentProfile::name).doesNotHaveDuplicates();
        assertThat(r.recommendations()).isNotEmpty();
        assertThat(r.topProducts()).hasSize(30);

        RunWriter.write(r, dir.resolve("results"));
        SegmentationModel model = ModelCodec.read(dir.resolve("results").resolve("model.json"));
        assertThat(model.provenance()).isEqualTo(r.model().provenance());
        assertThat(ModelCodec.toJson(model)).isEqualTo(ModelCodec.toJson(r.model()));
    }

    @Test
    void anXlsxWorkbookGivesTheSameCustomersAsTheSameLinesInCsv() throws IOException {
        Path csv = dir.resolve("lines.csv");
        SyntheticRetailGenerator.write(6_000, 5, csv);
        Path xlsx = toWorkbook(csv, dir.resolve("lines.xlsx"));
        RunConfig config = RunConfig.builder().k(2).build();

        RunResult fromCsv = RetailSeg.run(config, TransactionSource.file(csv, IngestOptions.defaults()));
        RunResult fromXlsx = RetailSeg.run(config, TransactionSource.file(xlsx, IngestOptions.defaults()));

        assertThat(fromXlsx.cleaning()).isEqualTo(fromCsv.cleaning());
        assertThat(fromXlsx.customers().customerIds()).isEqualTo(fromCsv.customers().customerIds());
        for (int i = 0; i < fromCsv.customers().size(); i++) {
            for (Feature f : Feature.values()) {
                assertThat(fromXlsx.customers().value(i, f)).isEqualTo(fromCsv.customers().value(i, f));
            }
        }
        assertThat(fromXlsx.recommendations()).isEqualTo(fromCsv.recommendations());
    }

    /** Writes the CSV's lines as the UCI workbook does: numbers as numeric cells, dates as date cells. */
    private static Path toWorkbook(Path csv, Path xlsx) throws IOException {
        DateTimeFormatter csvDate = DateTimeFormatter.ofPattern("M/d/yyyy H:mm");
        try (OutputStream out = Files.newOutputStream(xlsx);
             Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CsvReader<NamedCsvRecord> lines = CsvReader.builder().ofNamedCsvRecord(in)) {
            Workbook wb = new Workbook(out, "retailseg-test", "1.0");
            Worksheet ws = wb.newWorksheet("Online Retail");
            String[] header = {"InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice",
                "CustomerID", "Country"};
            for (int c = 0; c < header.length; c++) {
                ws.value(0, c, header[c]);
            }
            int row = 1;
            for (NamedCsvRecord line : lines) {
                String invoice = line.getField("InvoiceNo");
                if (invoice.chars().allMatch(Character::isDigit)) {
                    ws.value(row, 0, Long.parseLong(invoice));
                } else {
                    ws.value(row, 0, invoice);
                }
                ws.value(row, 1, line.getField("StockCode"));
                if (!line.getField("Description").isEmpty()) {
                    ws.value(row, 2, line.getField("Description"));
                }
                ws.value(row, 3, Integer.parseInt(line.getField("Quantity")));
                ws.value(row, 4, LocalDateTime.parse(line.getField("InvoiceDate"), csvDate));
                ws.style(row, 4).format("m/d/yyyy h:mm").set();
                ws.value(row, 5, Double.parseDouble(line.getField("UnitPrice")));
                if (!line.getField("CustomerID").isEmpty()) {
                    ws.value(row, 6, Double.parseDouble(line.getField("CustomerID")));
                }
                ws.value(row, 7, line.getField("Country"));
                row++;
            }
            wb.finish();
        }
        return xlsx;
    }
}
