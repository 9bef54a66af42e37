package io.retailseg.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.retailseg.OutputException;
import io.retailseg.domain.Feature;
import io.retailseg.model.ModelCodec;
import io.retailseg.pipeline.RunResult;
import io.retailseg.publish.RunWriter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Publishing runs into a real PostgreSQL and reading them back. */
class PostgresSinkTest {
    static TestDatabase db;
    static RunResult small;
    static RunResult other;

    @BeforeAll
    static void start() {
        db = TestDatabase.start();
        small = PublishFixture.run(8_000, 11);
        other = PublishFixture.run(6_000, 12);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    static PostgresSink sink(String schema, Migrations migrations) {
        return new PostgresSink(new RunTables(db.connections(), SqlName.parse(schema, 1, "--schema"), migrations));
    }

    static PublishedRuns runs(String schema) {
        return new PublishedRuns(new RunTables(db.connections(), SqlName.parse(schema, 1, "--schema"),
                Migrations.current()));
    }

    @Test
    void aPublishedRunReadsBackAsItWasWritten() {
        sink("readback", Migrations.current()).publish(PublishFixture.published("r1", 1, small), Optional.empty(),
                PostgresSink.Listener.NONE);
        PublishedRuns.Run back = runs("readback").run(Optional.empty());
        assertThat(back.runId()).isEqualTo("r1");
        // the model through JSONB and back is the same model, byte for byte in model.json
        assertThat(new String(ModelCodec.toJson(back.model()))).isEqualTo(new String(ModelCodec.toJson(small.model())));
        assertThat(back.summary()).isEqualTo(RunWriter.summary(small, Optional.of("r1")));
        assertThat(back.customers()).hasSize(small.customers().size());
        for (int i = 0; i < small.customers().size(); i++) {
            PublishedRuns.Customer c = back.customers().get(i);
            assertThat(c.id()).isEqualTo(small.customers().customerId(i));
            for (Feature f : Feature.values()) {
                assertThat(c.features()[f.ordinal()]).isEqualTo(small.customers().value(i, f));
            }
            assertThat(c.outlier()).isEqualTo(small.outlier()[i]);
            assertThat(c.outlierScore()).isEqualTo(small.outlierScore()[i]);
            assertThat(c.segment()).isEqualTo(small.segmentation().segmentAt(i).orElse(-1));
            // the customer's value, NULL (NaN) where the run has none
            assertThat(c.value()).isEqualTo(small.customerValues().at(i));
        }
        assertThat(back.customers()).anyMatch(c -> c.value().probabilityAlive() > 0 && c.value().expectedValue() > 0);
        assertThat(back.recommendations()).isEqualTo(small.recommendations());
        // PCs as arrays, null for outliers; segments, top products and the run's row
        int i = firstSegmented(small);
        assertThat(db.column("SELECT array_to_string(pcs, ' ') FROM readback.customers WHERE customer_id = "
                + small.customers().customerId(i)).get(0))
                .isEqualTo(String.join(" ", java.util.Arrays.stream(small.pcaScores()[i]).mapToObj(Double::toString)
                        .toList()));
        assertThat(db.count("SELECT count(*) FROM readback.customers WHERE is_outlier AND pcs IS NULL"
                + " AND segment IS NULL")).isEqualTo(small.outlierCount());
        assertThat(db.column("SELECT name || ':' || size FROM readback.latest_segments ORDER BY segment"))
                .isEqualTo(small.profiles().stream().map(p -> p.name() + ":" + p.size()).toList());
        assertThat(db.count("SELECT count(*) FROM readback.latest_top_products")).isEqualTo(small.topProducts().size());
        assertThat(db.column("SELECT chosen_k || ' ' || (input->>'lines_read') || ' ' || (input->>'checksum')"
                + " FROM readback.runs")).containsExactly(small.k() + " " + small.rowsRead() + " "
                + small.model().provenance().input().checksum());
    }

    private static int firstSegmented(RunResult r) {
        for (int i = 0; ; i++) {
            if (!r.outlier()[i]) {
                return i;
            }
        }
    }

    @Test
    void theLatestViewsShowTheNewestRunAndRepublishingIsIdempotent() {
        PostgresSink sink = sink("latest", Migrations.current());
        sink.publish(PublishFixture.published("a", 1, small), Optional.empty(), PostgresSink.Listener.NONE);
        sink.publish(PublishFixture.published("b", 2, other), Optional.empty(), PostgresSink.Listener.NONE);
        assertThat(db.column("SELECT DISTINCT run_id FROM latest.latest_customers")).containsExactly("b");
        assertThat(db.count("SELECT count(*) FROM latest.latest_recommendations"))
                .isEqualTo(other.recommendations().size());
        String before = dumpAll("latest");
        sink.publish(PublishFixture.published("b", 2, other), Optional.empty(), PostgresSink.Listener.NONE);
        assertThat(dumpAll("latest")).isEqualTo(before);
        assertThat(runs("latest").runIds()).containsExactly("b", "a");
    }

    @Test
    void keepRunsPrunesTheOldestInTheSameTransaction() {
        PostgresSink sink = sink("pruned", Migrations.current());
        sink.publish(PublishFixture.published("r1", 1, other), Optional.empty(), PostgresSink.Listener.NONE);
        sink.publish(PublishFixture.published("r2", 2, other), Optional.empty(), PostgresSink.Listener.NONE);
        sink.publish(PublishFixture.published("r3", 3, small), Optional.of(2), PostgresSink.Listener.NONE);
        assertThat(runs("pruned").runIds()).containsExactly("r3", "r2");
        for (String table : List.of("customers", "segments", "top_products", "recommendations")) {
            assertThat(db.count("SELECT count(*) FROM pruned." + table + " WHERE run_id = 'r1'")).as(table).isZero();
        }
    }

    @Test
    void aFailureWhileCopyingLeavesTheEarlierRunsAndNoRowOfTheNewOne() {
        PostgresSink sink = sink("failing", Migrations.current());
        sink.publish(PublishFixture.published("good", 1, other), Optional.empty(), PostgresSink.Listener.NONE);
        String before = dumpAll("failing");
        for (String step : List.of("migrated", "runs", "customers", "recommendations", "committing")) {
            assertThatThrownBy(() -> sink.publish(PublishFixture.published("bad", 2, small), Optional.of(1),
                    (s, rows) -> {
                        if (s.equals(step) && (rows > 0 || !step.equals("customers"))) {
                            throw new IllegalStateException("stopped at " + step);
                        }
                    })).hasMessage("stopped at " + step);
            assertThat(dumpAll("failing")).as(step).isEqualTo(before);
        }
    }

    @Test
    void migrationsRunFromAnEmptyDatabaseAndFromTheVersionBefore() {
        sink("migrating", v1Only()).publish(PublishFixture.published("v1run", 1, small), Optional.empty(),
                PostgresSink.Listener.NONE);
        assertThat(db.column("SELECT version || ' ' || description FROM migrating.schema_version"))
                .containsExactly("1 runs, customers, segments, top_products, recommendations, latest views");
        sink("migrating", Migrations.current()).publish(PublishFixture.published("v2run", 2, other), Optional.empty(),
                PostgresSink.Listener.NONE);
        assertThat(db.column("SELECT version FROM migrating.schema_version ORDER BY version"))
                .containsExactly("1", "2", "3");
        // the version 1 run kept its rows, without score and reason, and its customers without their value;
        // the new run has all of them
        assertThat(db.count("SELECT count(*) FROM migrating.customers WHERE run_id = 'v1run' AND p_alive IS NULL"
                + " AND expected_value IS NULL")).isEqualTo(small.customers().size());
        assertThat(db.count("SELECT count(*) FROM migrating.latest_customers WHERE p_alive IS NOT NULL"))
                .isPositive();
        assertThat(db.count("SELECT count(*) FROM migrating.recommendations WHERE run_id = 'v1run' AND score IS NULL"
                + " AND reason IS NULL")).isEqualTo(small.recommendations().size());
        assertThat(db.count("SELECT count(*) FROM migrating.latest_recommendations WHERE score IS NOT NULL"
                + " AND reason <> ''")).isEqualTo(other.recommendations().size());
        // a program that knows version 1 only refuses the newer schema, changing nothing
        String before = dumpAll("migrating");
        assertThatThrownBy(() -> sink("migrating", v1Only()).publish(PublishFixture.published("old", 3,
                small), Optional.empty(), PostgresSink.Listener.NONE))
                .isInstanceOf(OutputException.class)
                .hasMessage("cannot use postgresql://localhost:" + db.port() + "/postgres schema \"migrating\": its"
                        + " retailseg schema is at version 3, newer than this program's 1: use a newer retailseg");
        assertThatThrownBy(() -> new PublishedRuns(new RunTables(db.connections(), SqlName.parse("migrating", 1,
                "--schema"), v1Only())).run(Optional.empty())).isInstanceOf(OutputException.class)
                .hasMessageContaining("newer than this program's 1");
        // and this program reads both runs: the old one without scores, the new one with them
        assertThat(runs("migrating").run(Optional.of("v1run")).recommendations())
                .allSatisfy(x -> assertThat(x.reason()).isEmpty());
        assertThat(runs("migrating").run(Optional.of("v2run")).recommendations())
                .allSatisfy(x -> assertThat(x.reason()).isNotEmpty());
        assertThat(dumpAll("migrating")).isEqualTo(before);
    }

    /** The program before issue 11: schema version 1 only (recommendations without score and reason). */
    static Migrations v1Only() {
        return new Migrations(List.of(new Migrations.Script(1,
                "runs, customers, segments, top_products, recommendations, latest views",
                Migrations.resource("V1__runs.sql"))));
    }

    @Test
    void readingASchemaWithoutRunsSaysSo() {
        assertThatThrownBy(() -> runs("nothing_here").run(Optional.empty()))
                .isInstanceOf(io.retailseg.InputException.class)
                .hasMessageEndingWith("schema \"nothing_here\": no published runs: the schema has no retailseg tables"
                        + " (publish a run with --publish first)");
        assertThat(db.count("SELECT count(*) FROM pg_namespace WHERE nspname = 'nothing_here'")).isZero();
    }

    /** Every row of every table of the schema, as text. */
    static String dumpAll(String schema) {
        return dumpAllOf(db, schema);
    }

    static String dumpAllOf(TestDatabase db, String schema) {
        StringBuilder sb = new StringBuilder();
        for (String table : List.of("runs", "customers", "segments", "top_products", "recommendations",
                "schema_version")) {
            sb.append(table).append('\n').append(db.dump(schema + "." + table)).append('\n');
        }
        return sb.toString();
    }
}
