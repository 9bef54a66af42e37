package io.retailseg.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.retailseg.clean.Cleaner;
import io.retailseg.cli.Main;
import io.retailseg.config.RunConfig;
import io.retailseg.domain.Segmentation;
import io.retailseg.domain.Transactions;
import io.retailseg.generate.SyntheticRetailGenerator;
import io.retailseg.io.IngestOptions;
import io.retailseg.pipeline.TransactionSource;
import io.retailseg.recommend.SegmentBestSellers;
import io.retailseg.runfolder.RunCsv;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A real Spark standalone cluster on this machine: a master and two workers (1 core, 1 GB each), each its own
 * JVM started from the {@code SPARK_HOME} the build fills ({@code target/spark-home/jars}), and the job jar
 * submitted to them through {@code org.apache.spark.deploy.SparkSubmit} as {@code spark-submit --master
 * spark://127.0.0.1:PORT --class io.retailseg.spark.SubmitMain retailseg-spark.jar run ...} does (client
 * deploy mode: the driver is the submitting process, and it writes the run folder; the executors, children
 * of the workers, write the Parquet parts into it, which works here as they share this machine's disk). The
 * run folder is checked against the local engine's on the same generated lines. Every process started is
 * stopped at the end, on failure too. Run by {@code verify} after {@code package} (the surefire execution
 * {@code standalone-cluster}).
 */
class StandaloneClusterIT {
    private static final long READY_SECONDS = 120;
    private static final long RUN_SECONDS = 420;

    @Test
    void theJobJarOnAMasterAndTwoWorkersWritesTheLocalEnginesAnswers(@TempDir Path dir) throws Exception {
        // set by the standalone-cluster execution only (a -Dtest= filter reaches the unit-test execution too,
        // which runs before the job jar exists)
        Assumptions.assumeTrue(System.getProperty("retailseg.jobJar") != null, "runs after package");
        Path sparkHome = Path.of(System.getProperty("retailseg.sparkHome"));
        Path jobJar = Path.of(System.getProperty("retailseg.jobJar"));
        assertThat(sparkHome.resolve("jars")).isDirectory();
        assertThat(jobJar).isRegularFile();
        List<String> flags = Arrays.asList(System.getProperty("retailseg.sparkJvmFlags").trim().split("\\s+"));
        Path input = dir.resolve("lines.csv.gz");
        SyntheticRetailGenerator.write(8_000, 13, input);

        List<Process> started = new ArrayList<>();
        try {
            int port = freePort();
            String master = "spark://127.0.0.1:" + port;
            Process m = start(started, sparkHome, flags, "-Xmx256m", dir.resolve("master.log"),
                    "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", Integer.toString(port),
                    "--webui-port", Integer.toString(freePort()));
            List<Path> workerLogs = new ArrayList<>();
            for (int w = 1; w <= 2; w++) {
                Path log = dir.resolve("worker" + w + ".log");
                workerLogs.add(log);
                Path work = Files.createDirectories(dir.resolve("work" + w));
                start(started, sparkHome, flags, "-Xmx256m", log, "org.apache.spark.deploy.worker.Worker",
                        "--host", "127.0.0.1", "--cores", "1", "--memory", "1g", "--webui-port",
                        Integer.toString(freePort()), "--work-dir", work.toString(), master);
            }
            for (Path log : workerLogs) {
                awaitLine(log, "Successfully registered with master", m);
            }

            Path out = dir.resolve("run");
            Path driverLog = dir.resolve("driver.log");
            List<String> driverFlags = new ArrayList<>(flags);
            driverFlags.add("-Dlog4j2.configurationFile=" + System.getProperty("retailseg.sparkLog4j"));
            Process driver = start(started, sparkHome, driverFlags, "-Xmx1g", driverLog,
                    "org.apache.spark.deploy.SparkSubmit", "--master", master, "--deploy-mode", "client",
                    "--class", "io.retailseg.spark.SubmitMain",
                    "--conf", "spark.executor.memory=512m",
                    "--conf", "spark.executor.cores=1",
                    "--conf", "spark.cores.max=2",
                    "--conf", "spark.driver.host=127.0.0.1",
                    "--conf", "spark.ui.enabled=false",
                    "--conf", "spark.sql.shuffle.partitions=2",
                    "--conf", "spark.executor.extraJavaOptions=" + String.join(" ", flags),
                    jobJar.toString(),
                    "run", "--input", input.toString(), "--out", out.toString(), "--k", "3", "--restarts", "2",
                    "--recommender", "segment-best-sellers", "--no-report", "--quiet");
            boolean ended = driver.waitFor(RUN_SECONDS, TimeUnit.SECONDS);
            String log = Files.readString(driverLog);
            assertThat(ended).as("the submission ended within %d s; its log:%n%s", RUN_SECONDS, log).isTrue();
            assertThat(driver.exitValue()).as("spark-submit's exit code; its log:%n%s", log).isEqualTo(Main.OK);
            // the executors ran on the two workers (each worker logs the executor it launched)
            for (Path w : workerLogs) {
                assertThat(Files.readString(w)).contains("Asked to launch executor");
            }

            Path local = dir.resolve("local");
            runLocally(input, local);
            compare(input, out, local);
        } finally {
            stopAll(started);
        }
    }

    /** The local engine through the command line, with the segment rule, as the cluster run, and the same k. */
    private static void runLocally(Path input, Path out) {
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute("run", "--input", input.toString(), "--out", out.toString(), "--k", "3",
                "--restarts", "2", "--recommender", "segment-best-sellers", "--no-report", "--quiet");
        assertThat(code).as(err.toString()).isEqualTo(Main.OK);
    }

    private static void compare(Path input, Path cluster, Path local) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode a = json.readTree(cluster.resolve("summary.json").toFile());
        JsonNode b = json.readTree(local.resolve("summary.json").toFile());
        assertThat(a.get("cleaning")).isEqualTo(b.get("cleaning"));

        RunCsv.Customers c = RunCsv.readCustomers(cluster.resolve("customers.csv"), "cluster customers.csv");
        RunCsv.Customers l = RunCsv.readCustomers(local.resolve("customers.csv"), "local customers.csv");
        assertThat(Arrays.equals(c.ids(), l.ids())).as("the same customers").isTrue();
        assertThat(c.ids().length).isGreaterThan(100);
        for (int i = 0; i < c.ids().length; i++) {
            for (int f = 0; f < c.features()[i].length; f++) {
                double x = c.features()[i][f];
                double y = l.features()[i][f];
                assertThat(Math.abs(x - y)).as("customer %d feature %d: %s against %s", c.ids()[i], f, x, y)
                        .isLessThanOrEqualTo(1e-9 * Math.max(1, Math.abs(y)));
            }
        }
        assertThat(Arrays.equals(c.outlier(), l.outlier())).as("the same outlier flags").isTrue();

        // the segment rule's best sellers and recommendations for the cluster's own labels, as the core computes them
        Segmentation labels = RunCsv.readSegmentation(cluster.resolve("customers.csv"), "customers.csv", 3);
        Transactions lines = Cleaner.clean(TransactionSource.file(input, IngestOptions.defaults()).load()).lines();
        RunConfig defaults = RunConfig.builder().build();
        SegmentBestSellers.Result expected = SegmentBestSellers.compute(lines, labels, defaults.topProducts(),
                defaults.recommendationsPerCustomer(), defaults.rankBy());
        Path expectedRecs = cluster.getParent().resolve("expected-recommendations.csv");
        Path expectedTop = cluster.getParent().resolve("expected-top_products.csv");
        RunCsv.writeRecommendations(expected.recommendations(), expectedRecs);
        RunCsv.writeTopProducts(expected.topProducts(), expectedTop);
        assertThat(expected.recommendations()).isNotEmpty();
        assertThat(Files.readString(cluster.resolve("recommendations.csv"))).isEqualTo(Files.readString(expectedRecs));
        assertThat(Files.readString(cluster.resolve("top_products.csv"))).isEqualTo(Files.readString(expectedTop));
        assertThat(cluster.resolve("customers.parquet")).isDirectory();
    }

    private static Process start(List<Process> started, Path sparkHome, List<String> flags, String heap, Path log,
                                 String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add(heap);
        cmd.addAll(flags);
        cmd.add("-cp");
        cmd.add(sparkHome.resolve("jars") + "/*");
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", sparkHome.toString());
        // the worker builds each executor's command from SPARK_HOME/jars; without a build tree it needs the Scala version
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.remove("SPARK_CONF_DIR");
        Process p = pb.start();
        started.add(p);
        return p;
    }

    /** Waits until {@code log} holds {@code text}; fails early when {@code mustLive} ends. */
    private static void awaitLine(Path log, String text, Process mustLive) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_SECONDS);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            assertThat(mustLive.isAlive()).as("the master is running").isTrue();
            Thread.sleep(250);
        }
        throw new AssertionError("no '" + text + "' in " + log + " within " + READY_SECONDS + " s:\n"
                + Files.readString(log));
    }

    /** Stops the driver, the workers (with their executors) and the master, last started first. */
    private static void stopAll(List<Process> started) throws InterruptedException {
        for (int i = started.size() - 1; i >= 0; i--) {
            Process p = started.get(i);
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
