package io.retailseg.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of a publishing process before, during and after the COPY: PostgreSQL rolls its open
 * transaction back, so the previous run stays the latest and no row of the killed run is left.
 */
class KillDuringPublishTest {
    static TestDatabase db;

    @BeforeAll
    static void start() {
        db = TestDatabase.start();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void aKilledPublisherLeavesThePreviousRunLatestAndNoPartialRows() throws Exception {
        // killed while migrating an empty database: not even the schema is left
        killAt("fresh", "migrated", 0);
        assertThat(db.count("SELECT count(*) FROM pg_namespace WHERE nspname = 'fresh'")).isZero();

        PostgresSink sink = new PostgresSink(new RunTables(db.connections(), SqlName.parse("killed", 1, "s"),
                Migrations.current()));
        sink.publish(PublishFixture.published("previous", 1, PublishFixture.run(5_000, 4)), Optional.empty(),
                PostgresSink.Listener.NONE);
        String before = PostgresSinkTest.dumpAllOf(db, "killed");
        // before the COPY (the runs row inserted), during two COPYs (rows sent), after them (before COMMIT)
        for (String[] point : List.of(new String[] {"runs", "1"}, new String[] {"customers", "1"},
                new String[] {"recommendations", "1"}, new String[] {"committing", "0"})) {
            killAt("killed", point[0], Long.parseLong(point[1]));
            assertThat(PostgresSinkTest.dumpAllOf(db, "killed")).as(point[0]).isEqualTo(before);
            assertThat(db.column("SELECT DISTINCT run_id FROM killed.latest_customers")).containsExactly("previous");
        }
        // nothing is left locked: the next publisher gets through
        sink.publish(PublishFixture.published("next", 2, PublishFixture.run(5_000, 5)), Optional.empty(),
                PostgresSink.Listener.NONE);
        assertThat(db.column("SELECT run_id FROM killed.latest_run")).containsExactly("next");
    }

    /** Starts {@link PublishUntil}, waits until it reports {@code step}, and kills it with SIGKILL. */
    private static void killAt(String schema, String step, long rows) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-cp");
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.add(PublishUntil.class.getName());
        command.addAll(List.of(db.url(), schema, "killed-run", step, Long.toString(rows)));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", TestDatabase.PASSWORD);
        Process p = pb.start();
        List<String> output = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                output.add(line);
                if (line.startsWith("AT " + step)) {
                    p.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no rollback by the client
                    break;
                }
            }
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).as("the publisher's output").anyMatch(l -> l.startsWith("AT " + step));
        // the server notices the closed connection and rolls back; wait until the backend is gone
        for (int i = 0; i < 100 && db.count("SELECT count(*) FROM pg_stat_activity WHERE usename = '"
                + TestDatabase.USER + "'") > 0; i++) {
            Thread.sleep(50);
        }
    }
}
