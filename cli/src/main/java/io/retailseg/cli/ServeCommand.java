package io.retailseg.cli;

import io.retailseg.config.RecommenderKind;
import io.retailseg.model.ModelCodec;
import io.retailseg.server.RetailSegServer;
import io.retailseg.server.StartException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code retailseg serve}: the HTTP API and dashboard over a run folder, until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve a run's segments, customers and scoring as a JSON API, with a dashboard at / and API docs"
                + " at /docs. Binds to loopback unless --host says otherwise. Stop with Ctrl-C.")
final class ServeCommand implements Callable<Integer> {
    /** Environment variable holding the admin token when --admin-token is not given. */
    static final String TOKEN_VARIABLE = "RETAILSEG_ADMIN_TOKEN";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "DIR|URL",
            description = "Output folder of 'retailseg run', or a database postgresql://HOST:PORT/DB that runs were"
                    + " published to (the newest run; a reload loads the newest again).")
    String run;

    @CommandLine.Mixin
    PublishedRunOptions published;

    @Option(names = "--port", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--host", defaultValue = RetailSegServer.DEFAULT_HOST,
            description = "Address to bind (default: ${DEFAULT-VALUE}, this machine only).")
    String host;

    @Option(names = "--admin-token", paramLabel = "TOKEN",
            description = "Token of POST /api/admin/reload (default: env " + TOKEN_VARIABLE + "; none = reload disabled).")
    String adminToken;

    @Option(names = "--max-body-bytes", defaultValue = "10485760", paramLabel = "BYTES",
            description = "Largest request body accepted, as sent and as decoded from gzip or deflate"
                    + " (default: ${DEFAULT-VALUE} = 10 MiB; 413 beyond).")
    long maxBodyBytes;

    @Option(names = "--max-lines", defaultValue = "" + RetailSegServer.DEFAULT_MAX_LINES, paramLabel = "N",
            description = "Most transaction lines in one POST /api/score (default: ${DEFAULT-VALUE}; 413 beyond).")
    int maxLines;

    @Option(names = "--runs-root", paramLabel = "DIR",
            description = "Folder that POST /api/admin/reload may load runs from; relative paths are resolved"
                    + " against it (default: the folder that holds --run).")
    Path runsRoot;

    @Option(names = "--recommender", paramLabel = "NAME",
            description = "Refuse to start unless the run's model recommends with NAME (its stored recommendations and"
                    + " the scoring endpoint both come from that model).")
    String recommender;

    @Option(names = "--verbose", description = "Stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65_535) {
            throw new UsageException("--port: expected 0..65535, found " + port);
        }
        if (maxBodyBytes < 1) {
            throw new UsageException("--max-body-bytes: expected a positive number, found " + maxBodyBytes);
        }
        if (maxLines < 1) {
            throw new UsageException("--max-lines: expected a positive number, found " + maxLines);
        }
        String token = adminToken != null ? adminToken : System.getenv(TOKEN_VARIABLE);
        boolean database = Database.isUrl(run);
        if (!database) {
            published.refuseWithout("--run");
        }
        if (database && runsRoot != null) {
            throw new UsageException("--runs-root goes with a run folder, not a postgresql:// --run");
        }
        if (recommender != null) {
            RecommenderKind wanted = RunOptions.recommenderKind(recommender);
            RecommenderKind served = (database
                    ? published.runs("--run", run, spec.commandLine().getErr()).model(published.runId())
                    : ModelCodec.read(Path.of(run))).recommender().kind();
            if (wanted != served) {
                throw new UsageException("--recommender: the run in " + run + " recommends with " + served.id()
                        + ", not " + wanted.id() + "; run 'retailseg run --recommender " + wanted.id()
                        + "' and serve that run");
            }
        }
        RetailSegServer server;
        try {
            if (database) {
                RetailSegServer.Settings settings = new RetailSegServer.Settings(Path.of("."), host, port, token,
                        maxBodyBytes, maxLines, null);
                server = RetailSegServer.start(settings, new DatabaseRuns(published.runs("--run", run,
                        spec.commandLine().getErr()), published.runId()));
            } else {
                server = RetailSegServer.start(new RetailSegServer.Settings(Path.of(run), host, port, token,
                        maxBodyBytes, maxLines, runsRoot));
            }
        } catch (StartException e) {
            if (e.kind() == StartException.Kind.SETTINGS) {
                throw new UsageException(e.getMessage());
            }
            // the machine refused (port in use): the environment, exit 4
            spec.commandLine().getErr().println("retailseg: " + e.getMessage());
            if (verbose) {
                e.printStackTrace(spec.commandLine().getErr());
            }
            spec.commandLine().getErr().flush();
            return Main.ENVIRONMENT;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "retailseg-serve-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("serving run %s (%s) at %s/ (API docs at %s/docs); reload %s; Ctrl-C stops%n", server.runId(), run,
                server.url(), server.url(), token == null || token.isEmpty() ? "disabled" : "enabled");
        out.flush();
        stopped.await();
        return Main.OK;
    }
}
