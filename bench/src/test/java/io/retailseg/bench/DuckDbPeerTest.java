package io.retailseg.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.retailseg.domain.CustomerTable;
import io.retailseg.domain.Feature;
import io.retailseg.generate.SyntheticRetailGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DuckDB's SQL features (the benchmark peer) equal retailseg's, so the two are timed like for like. */
class DuckDbPeerTest {
    @TempDir
    Path dir;

    @Test
    void generatedGzipFileGivesTheSameFeaturesInBothEngines() throws Exception {
        Path csv = dir.resolve("gen.csv");
        SyntheticRetailGenerator.write(40_000, 42, csv);
        Path gz = dir.resolve("gen.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(csv, out);
        }
        CustomerTable ours = DuckDbPeer.retailSeg(gz);
        CustomerTable peer;
        try (Connection c = DuckDbPeer.connect()) {
            peer = DuckDbPeer.duckDb(c, gz);
        }
        assertThat(ours.size()).isGreaterThan(100);
        assertThat(DuckDbPeer.difference(ours, peer)).isEmpty();
    }

    /** Each cleaning step and each tie rule of SPEC sections 1 and 2 on lines written by hand. */
    @Test
    void cleaningStepsAndTiesAgree() throws Exception {
        Path file = dir.resolve("edge.csv");
        Files.writeString(file, String.join("\n",
                "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country",
                "536365,85123A,WHITE HEART,6,12/1/2010 8:26,2.55,17850,United Kingdom",
                "536365,85123A,WHITE HEART,6,12/1/2010 8:26,2.550,17850.0,United Kingdom", // duplicate as values
                "536366,71053,LANTERN,2,12/6/2010 9:01,3.39,17850,France",                 // tie UK/France/Germany: France
                "536367,POST,POSTAGE,1,12/7/2010 9:01,18,17850,France",                     // anomalous code
                "536368,C2,CARRIAGE,1,12/7/2010 9:01,50,17850,France",                      // one digit
                "536369,21730,Next Day Carriage,1,12/7/2010 9:01,15,17850,France",          // service line
                "536370,21730,GLASS STAR,1,12/7/2010 9:01,0,17850,France",                  // price 0
                "536371,21730,,1,12/7/2010 9:01,4.25,17850,France",                         // no description
                "536372,21730,GLASS STAR,1,12/7/2010 9:01,4.25,,France",                    // no customer
                "C536373,85123A,WHITE HEART,-2,1/4/2011 10:00,2.55,17850,Germany",          // cancellation
                "536374,22633,HAND WARMER,12,2/14/2011 17:59,1.85,12346,Norway",
                "536375,22633,HAND WARMER,-1,2/15/2011 18:00,1.85,12346,Norway",
                "\"536376\",\"84029G\",\"KNITTED, UNION FLAG\",3,3/1/2011 8:00,3.39,13047,United Kingdom",
                ""), StandardCharsets.ISO_8859_1);
        CustomerTable ours = DuckDbPeer.retailSeg(file);
        CustomerTable peer;
        try (Connection c = DuckDbPeer.connect()) {
            peer = DuckDbPeer.duckDb(c, file);
        }
        assertThat(ours.size()).isEqualTo(3);
        assertThat(DuckDbPeer.difference(ours, peer)).isEmpty();
        int customer = peer.rowOf(17850);
        assertThat(peer.value(customer, Feature.IS_UK)).isEqualTo(0);          // France first of the tie
        assertThat(peer.value(customer, Feature.TOTAL_TRANSACTIONS)).isEqualTo(3);
        assertThat(peer.value(customer, Feature.CANCELLATION_FREQUENCY)).isEqualTo(1);
    }

    @Test
    void aDifferenceBeyondTheToleranceIsReported() {
        double[] row = new double[Feature.COUNT];
        row[Feature.TOTAL_SPEND.ordinal()] = 1000;
        double[] off = row.clone();
        off[Feature.TOTAL_SPEND.ordinal()] = 1000 * (1 + 1e-8);
        double[] within = row.clone();
        within[Feature.TOTAL_SPEND.ordinal()] = 1000 * (1 + 1e-10);
        CustomerTable ours = new CustomerTable(new long[] {7}, new double[][] {row});
        assertThat(DuckDbPeer.difference(ours, new CustomerTable(new long[] {7}, new double[][] {off})))
                .contains("CustomerID 7").contains("TOTAL_SPEND");
        assertThat(DuckDbPeer.difference(ours, new CustomerTable(new long[] {7}, new double[][] {within}))).isEmpty();
        assertThat(DuckDbPeer.difference(ours, new CustomerTable(new long[] {8}, new double[][] {row})))
                .contains("CustomerID 7").contains("8");
        assertThat(DuckDbPeer.difference(ours, new CustomerTable(new long[0], new double[0][]))).contains("DuckDB 0");
    }

    @Test
    void realFileGivesTheSameFeaturesWhenPresent() throws Exception {
        Path real = Path.of("../../shared/data/online_retail.csv.gz");
        if (!Files.exists(real)) {
            real = Path.of("../shared/data/online_retail.csv.gz");
        }
        assumeTrue(Files.exists(real), "real data not present");
        CustomerTable ours = DuckDbPeer.retailSeg(real);
        CustomerTable peer;
        try (Connection c = DuckDbPeer.connect()) {
            peer = DuckDbPeer.duckDb(c, real);
        }
        assertThat(ours.size()).isEqualTo(4362);
        assertThat(DuckDbPeer.difference(ours, peer)).isEmpty();
    }
}
