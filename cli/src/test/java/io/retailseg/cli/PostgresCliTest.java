package io.retailseg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.retailseg.generate.SyntheticRetailGenerator;
import io.retailseg.postgres.RunTables;
import io.retailseg.postgres.Migrations;
import io.retailseg.postgres.PublishedRuns;
import io.retailseg.postgres.SqlName;
import io.retailseg.postgres.TestDatabase;
import io.retailseg.runfolder.RunFolderLayout;
import io.retailseg.runfolder.RunFolderReader;
import io.retailseg.runfolder.RunSummary;
import io.retailseg.server.RetailSegServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line against a real PostgreSQL: run from a table, publish, score and serve from the database,
 * and every mistake a one-line error with its exit code that leaves the database as it was.
 */
class PostgresCliTest {
    static TestDatabase db;
    @TempDir
    static Path dir;
    static Path generated;
    static Path passwordFile;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.start();
        generated = dir.resolve("generated.csv");
        SyntheticRetailGenerator.write(20_000, 17, generated);
        db.loadCsv("public.lines", TestDatabase.TYPED_COLUMNS, generated);
        db.sql("CREATE TABLE public.empty_lines (LIKE public.lines)",
                "GRANT SELECT ON public.empty_lines TO " + TestDatabase.USER,
                "CREATE TABLE public.victim (x integer)", "INSERT INTO public.victim VALUES (1), (2)",
                "GRANT ALL ON public.victim TO " + TestDatabase.USER, "CREATE SEQUENCE public.counter",
                "GRANT ALL ON public.counter TO " + TestDatabase.USER);
        passwordFile = dir.resolve("password");
        Files.writeString(passwordFile, TestDatabase.PASSWORD + "\n");
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    /** {@code args} with the database's password file appended. */
    static CliTest.Outcome execute(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--password-file", passwordFile.toString()));
        return CliTest.execute(all.toArray(String[]::new));
    }

    @Test
    void runFromATablePublishesTheFilesRunAndScoreAndServeReadIt(@TempDir Path tmp) throws Exception {
        CliTest.Outcome fromFile = CliTest.execute("run", "--input", generated.toString(), "--out",
                tmp.resolve("file").toString(), "--quiet", "--no-report", "--seed", "9");
        assertThat(fromFile.exitCode()).as(fromFile.err()).isZero();
        CliTest.Outcome fromTable = execute("run", "--input", db.url(), "--table", "lines", "--out",
                tmp.resolve("db").toString(), "--publish", db.url(), "--schema", "shop", "--quiet", "--no-report",
                "--seed", "9");
        assertThat(fromTable.exitCode()).as(fromTable.err()).isZero();
        for (String name : List.of(RunFolderLayout.CUSTOMERS, RunFolderLayout.TOP_PRODUCTS,
                RunFolderLayout.RECOMMENDATIONS)) {
            assertThat(Files.readString(tmp.resolve("db").resolve(name))).as(name)
                    .isEqualTo(Files.readString(tmp.resolve("file").resolve(name)));
        }
        String runId = RunFolderReader.open(tmp.resolve("db")).runId();
        assertThat(fromTable.out()).contains("Published run " + runId + " to postgresql://localhost:" + db.port()
                + "/postgres schema \"shop\".");
        RunSummary summary = RunSummary.read(tmp.resolve("db").resolve(RunFolderLayout.SUMMARY), "summary");
        assertThat(summary.input().path()).isEqualTo("postgresql://localhost:" + db.port() + "/postgres table"
                + " \"lines\"");
        assertThat(summary.input().checksum()).get().asString().matches("crc32c:[0-9a-f]{8}");
        assertThat(db.column("SELECT input->>'checksum' FROM shop.runs")).containsExactly(summary.input().checksum()
                .orElseThrow());
        assertThat(db.column("SELECT run_id FROM shop.latest_run")).containsExactly(runId);
        assertThat(db.count("SELECT count(*) FROM shop.latest_recommendations"))
                .isEqualTo(Files.readAllLines(tmp.resolve("db").resolve(RunFolderLayout.RECOMMENDATIONS)).size() - 1);

        // score with the model from the database = score with the run folder's model.json
        CliTest.Outcome scoreFolder = CliTest.execute("score", "--model", tmp.resolve("db").toString(), "--input",
                generated.toString(), "--out", tmp.resolve("folder-scores.csv").toString());
        CliTest.Outcome scoreDb = execute("score", "--model", db.url(), "--schema", "shop", "--input",
                generated.toString(), "--out", tmp.resolve("db-scores.csv").toString());
        assertThat(scoreDb.exitCode()).as(scoreDb.err()).isZero();
        assertThat(scoreFolder.exitCode()).as(scoreFolder.err()).isZero();
        assertThat(Files.readString(tmp.resolve("db-scores.csv")))
                .isEqualTo(Files.readString(tmp.resolve("folder-scores.csv")));

        // publish-only, a second run: serve shows the newest and a reload picks up the next one
        PublishedRuns runs = new PublishedRuns(new RunTables(db.connections(), SqlName.parse("shop", 1, "s"),
                Migrations.current()));
        try (RetailSegServer server = RetailSegServer.start(RetailSegServer.Settings.of(Path.of(".")).withPort(0)
                .withAdminToken("token"), new DatabaseRuns(runs, Optional.empty()))) {
            assertThat(server.runId()).isEqualTo(runId);
            String customers = get(server.url() + "/api/customers/" + firstCustomer(tmp.resolve("db")));
            assertThat(customers).contains("\"run\":\"" + runId + "\"");
            CliTest.Outcome second = execute("run", "--input", db.url(), "--query", "SELECT * FROM lines WHERE"
                    + " \"Quantity\" < 50", "--publish", db.url(), "--schema", "shop", "--quiet", "--keep-runs", "5");
            assertThat(second.exitCode()).as(second.err()).isZero();
            String secondId = runs.runIds().get(0);
            assertThat(secondId).isNotEqualTo(runId);
            HttpResponse<String> reload = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(server.url() + "/api/admin/reload")).header("Authorization", "Bearer token")
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
            assertThat(reload.body()).contains("\"run\":\"" + secondId + "\"", "\"previous\":\"" + runId + "\"");
            assertThat(get(server.url() + "/api/health")).contains("\"run\":\"" + secondId + "\"");
            // a named run id: the first run again; an unknown one is refused and the current run stays
            assertThat(reload(server, "{\"run\": \"" + runId + "\"}").body()).contains("\"run\":\"" + runId + "\"");
            HttpResponse<String> unknown = reload(server, "{\"run\": \"x' OR '1'='1\"}");
            assertThat(unknown.statusCode()).isEqualTo(400);
            // the id was a bind parameter, so one id that is not there (the message stops before the quote, as
            // every reload error stops before quoted input)
            assertThat(unknown.body()).contains("schema \\\"shop\\\": no published run x; the current run stays");
            assertThat(get(server.url() + "/api/health")).contains("\"run\":\"" + runId + "\"");
        }
    }

    private static HttpResponse<String> reload(RetailSegServer server, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + "/api/admin/reload"))
                .header("Authorization", "Bearer token").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String firstCustomer(Path run) throws Exception {
        return Files.readAllLines(run.resolve(RunFolderLayout.CUSTOMERS)).get(1).split(",")[0];
    }

    private static String get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** A failed command: its exit code, one line on standard error, no password anywhere, nothing changed. */
    static void assertRefused(int exitCode, String message, String... args) {
        String before = db.dump("public.victim") + db.column("SELECT string_agg(nspname, ',' ORDER BY nspname) FROM"
                + " pg_namespace");
        List<String> all = new ArrayList<>(Arrays.asList(args));
        if (args[0].equals("run")) {
            all.add("--quiet"); // no progress lines: standard error holds the error alone
        }
        CliTest.Outcome o = execute(all.toArray(String[]::new));
        assertThat(o.exitCode()).as(o.err()).isEqualTo(exitCode);
        assertThat(o.err()).startsWith("retailseg: ").endsWith("\n").contains(message);
        assertThat(o.err().strip()).doesNotContain("\n").doesNotContain("\tat ");
        assertThat(o.err() + o.out()).doesNotContain(TestDatabase.PASSWORD);
        assertThat(db.dump("public.victim") + db.column("SELECT string_agg(nspname, ',' ORDER BY nspname) FROM"
                + " pg_namespace")).isEqualTo(before);
    }

    @Test
    void mistakesAreOneLineWithTheirExitCodeAndChangeNothing(@TempDir Path tmp) throws Exception {
        String out = tmp.resolve("out").toString();
        assertRefused(Main.BAD_INPUT, "relation \"nowhere\" does not exist",
                "run", "--input", db.url(), "--table", "nowhere", "--out", out);
        assertRefused(Main.BAD_INPUT, "missing column 'Client' (for CustomerID)",
                "run", "--input", db.url(), "--table", "lines", "--columns", "CustomerID=Client", "--out", out);
        assertRefused(Main.BAD_INPUT, "field 'UnitPrice': column \"UnitPrice\" is of type bool: expected a number",
                "run", "--input", db.url(), "--query", "SELECT \"InvoiceNo\", \"StockCode\", \"Description\","
                        + " \"Quantity\", \"InvoiceDate\", true AS \"UnitPrice\", \"CustomerID\", \"Country\" FROM lines",
                "--out", out);
        assertRefused(Main.BAD_INPUT, "no lines: the table returned no rows",
                "run", "--input", db.url(), "--table", "empty_lines", "--out", out);
        assertRefused(Main.BAD_INPUT, "READ ONLY",
                "run", "--input", db.url(), "--query", "SELECT *, nextval('public.counter') FROM lines", "--out",
                out);
        assertRefused(Main.BAD_INPUT, "", "run", "--input", db.url(), "--query",
                "DELETE FROM victim RETURNING *", "--out", out);
        // injection attempts: refused before any connection, or quoted into one (missing) name
        assertRefused(Main.USAGE, "--table: not a valid name \"lines; DROP TABLE victim\"",
                "run", "--input", db.url(), "--table", "lines; DROP TABLE victim", "--out", out);
        assertRefused(Main.USAGE, "--schema: not a valid name \"x; DROP TABLE public.victim\"",
                "run", "--input", generated.toString(), "--publish", db.url(), "--schema", "x; DROP TABLE public.victim");
        assertRefused(Main.BAD_INPUT, "missing column 'Country\" FROM lines; DROP TABLE victim; --'",
                "run", "--input", db.url(), "--table", "lines", "--columns",
                "Country=Country\" FROM lines; DROP TABLE victim; --", "--out", out);
        // credentials
        assertRefused(Main.USAGE, "the URL holds a password: leave it out and give it through PGPASSWORD,"
                + " ~/.pgpass or --password-file", "run", "--input", "postgresql://retail:" + TestDatabase.PASSWORD
                + "@localhost:" + db.port() + "/postgres", "--table", "lines", "--out", out);
        Path wrong = tmp.resolve("wrong");
        Files.writeString(wrong, "not-it\n");
        CliTest.Outcome badPassword = CliTest.execute("run", "--input", db.url(), "--table", "lines", "--out", out,
                "--password-file", wrong.toString(), "--quiet");
        assertThat(badPassword.exitCode()).isEqualTo(Main.ENVIRONMENT);
        assertThat(badPassword.err()).isEqualTo("retailseg: cannot connect to postgresql://localhost:" + db.port()
                + "/postgres: FATAL: password authentication failed for user \"retail\"\n");
        assertRefused(Main.ENVIRONMENT, "cannot connect to postgresql://localhost:1/postgres",
                "run", "--input", "postgresql://retail@localhost:1/postgres", "--table", "lines", "--out", out);
        assertRefused(Main.USAGE, "--table and --query go with a postgresql:// --input",
                "run", "--input", generated.toString(), "--table", "lines", "--out", out);
        assertRefused(Main.USAGE, "expected --out DIR, --publish URL or both", "run", "--input", generated.toString());
        assertThat(Files.exists(tmp.resolve("out"))).isFalse();
    }

    @Test
    void aSchemaNewerThanTheProgramIsRefused() {
        db.sql("CREATE SCHEMA future", "CREATE TABLE future.schema_version (version integer PRIMARY KEY,"
                + " description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
                "INSERT INTO future.schema_version VALUES (1, 'v1'), (99, 'from the future')",
                "GRANT ALL ON SCHEMA future TO " + TestDatabase.USER, "GRANT ALL ON ALL TABLES IN SCHEMA future TO "
                        + TestDatabase.USER);
        String message = "its retailseg schema is at version 99, newer than this program's "
                + io.retailseg.postgres.Migrations.current().latest() + ": use a newer retailseg";
        assertRefused(Main.ENVIRONMENT, message, "run", "--input", generated.toString(), "--publish", db.url(),
                "--schema", "future");
        assertRefused(Main.ENVIRONMENT, message, "score", "--model", db.url(), "--schema", "future", "--input",
                generated.toString(), "--out", dir.resolve("never.csv").toString());
    }
}
