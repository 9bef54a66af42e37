package io.retailseg.postgres;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;

/**
 * A process that publishes a generated run and, at the step named by its arguments, says so on standard output
 * and waits to be killed: {@code URL SCHEMA RUN_ID STEP ROWS} (the password in {@code PGPASSWORD}).
 */
public final class PublishUntil {
    private PublishUntil() {
    }

    public static void main(String[] args) throws InterruptedException {
        String step = args[3];
        long rows = Long.parseLong(args[4]);
        PgConnections connections = PgConnections.of(PgTarget.parse(args[0], PgEnvironment.system()),
                Optional.empty(), PgEnvironment.system(), new PrintWriter(new StringWriter()));
        PostgresSink sink = new PostgresSink(new RunTables(connections, SqlName.parse(args[1], 1, "--schema"),
                Migrations.current()));
        sink.publish(PublishFixture.published(args[2], 60, PublishFixture.run(6_000, 21)), Optional.of(1),
                (s, n) -> {
                    if (s.equals(step) && n >= rows) {
                        System.out.println("AT " + s + " " + n);
                        System.out.flush();
                        try {
                            Thread.sleep(600_000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                });
        System.out.println("PUBLISHED");
    }
}
