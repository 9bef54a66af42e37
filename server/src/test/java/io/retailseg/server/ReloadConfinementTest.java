package io.retailseg.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.retailseg.runfolder.RunFolderReader;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: {@code POST /api/admin/reload} loads folders under the runs root only (links resolved
 * first), answers the same 404 whether or not a path outside the root exists, resolves relative paths
 * against the root, refuses invalid paths with 400, and never quotes a file's bytes in its errors.
 */
class ReloadConfinementTest {
    private static final String TOKEN = "t0ken";
    private static final String SECRET = "SECRET-ROOT-HASH-$6$abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TwoRuns RUNS = TwoRuns.INSTANCE;
    private static Path root;
    private static Path outside;
    private static RetailSegServer server;
    private static Http http;

    @BeforeAll
    static void start() throws IOException {
        root = Files.createTempDirectory("retailseg-runs-root");
        outside = Files.createTempDirectory("retailseg-outside");
        Files.writeString(outside.resolve("shadow"), SECRET + "\n");
        // the two runs as `run --out` writes them: a link NAME -> NAME.<run-id> in the root
        for (Path run : new Path[] {RUNS.folderA, RUNS.folderB}) {
            Path real = run.toRealPath();
            Path copy = root.resolve(real.getFileName());
            copyFolder(real, copy);
            Files.createSymbolicLink(root.resolve(run.getFileName()), copy.getFileName());
        }
        Files.createSymbolicLink(root.resolve("escape"), outside);
        Files.createSymbolicLink(root.resolve("etc"), Path.of("/etc"));
        server = RetailSegServer.start(RetailSegServer.Settings.of(root.resolve("run-a")).withPort(0)
                .withAdminToken(TOKEN));
        http = new Http(server.url());
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
        for (Path p : new Path[] {root, outside}) {
            try (var files = Files.walk(p)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static void copyFolder(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    private static Http.Reply reload(String run) {
        return http.post("/api/admin/reload?run=" + URLEncoder.encode(run, StandardCharsets.UTF_8), null,
                HttpRequest.BodyPublishers.noBody(), TOKEN);
    }

    private static Http.Reply reloadBody(String json) {
        return http.post("/api/admin/reload", "application/json", HttpRequest.BodyPublishers.ofString(json), TOKEN);
    }

    private static JsonNode error(Http.Reply r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/json");
        JsonNode e = r.json();
        assertThat(e.get("status").asInt()).isEqualTo(status);
        assertThat(e.size()).isEqualTo(3);
        assertThat(e.get("message").asText()).doesNotContain(SECRET).doesNotContain("SECRET").doesNotContain("Exception");
        return e;
    }

    @Test
    void relativePathsResolveAgainstTheRootAndLinksInsideItAreFine() {
        JsonNode b = reload("run-b").json();
        assertThat(b.get("segments").asInt()).isEqualTo(4);
        JsonNode a = reloadBody("{\"run\": \"run-a\"}").json();
        assertThat(a.get("segments").asInt()).isEqualTo(3);
        assertThat(reload(root.resolve("run-b").toString()).json().get("segments").asInt()).isEqualTo(4);
        assertThat(reload("").json().get("segments").asInt()).isEqualTo(4);
        assertThat(reload("./run-a").json().get("segments").asInt()).isEqualTo(3);
    }

    @Test
    void pathsOutsideTheRootAre404WithTheSameMessageWhetherOrNotTheyExist() {
        String before = server.runId();
        String exists = error(reload("/etc"), 404).get("message").asText();
        String missing = error(reload("/etc-no-such-folder"), 404).get("message").asText();
        assertThat(exists.replace("/etc", "X")).isEqualTo(missing.replace("/etc-no-such-folder", "X"));
        for (String p : new String[] {"/", "..", "../..", "run-a/../../", "escape", "escape/shadow", "etc", "etc/shadow",
                outside.toString(), outside.resolve("shadow").toString(), "no-such-run", "/proc/self/cwd"}) {
            assertThat(error(reload(p), 404).get("message").asText()).as(p).contains("under the runs root");
        }
        error(reloadBody("{\"run\": \"/etc\"}"), 404);
        assertThat(server.runId()).isEqualTo(before);
    }

    @Test
    void invalidPathsAre400() {
        error(reload("\0"), 400);
        error(reload("run-a\0/x"), 400);
        error(reloadBody("{\"run\": \"\\u0000\"}"), 400);
        error(reloadBody("{\"run\": 5}"), 400);
        assertThat(http.get("/api/health").status()).isEqualTo(200);
    }

    @Test
    void aPlantedLinkToAFileOutsideTheRunIsNotRead() throws IOException {
        // a run folder inside the root whose model.json links to a secret file, and run.json no longer lists it
        Path planted = root.resolve("planted");
        copyFolder(RUNS.folderA.toRealPath(), planted);
        ObjectNode manifest = (ObjectNode) JSON.readTree(planted.resolve("run.json").toFile());
        for (Iterator<JsonNode> it = ((ArrayNode) manifest.get("files")).iterator(); it.hasNext(); ) {
            if (it.next().get("name").asText().equals("model.json")) {
                it.remove();
            }
        }
        Files.write(planted.resolve("run.json"), JSON.writeValueAsBytes(manifest));
        Files.delete(planted.resolve("model.json"));
        Files.createSymbolicLink(planted.resolve("model.json"), outside.resolve("shadow"));
        assertThat(error(reload("planted"), 400).get("message").asText()).contains("model.json")
                .contains("not listed in run.json");
    }

    @Test
    void errorsAboutRunFilesNameTheFileButNeverQuoteItsBytes() throws IOException {
        // a listed file with the secret as its content (size and CRC updated, so it passes the manifest check)
        for (String file : new String[] {"summary.json", "model.json", "customers.csv", "run.json"}) {
            Path planted = root.resolve("bad-" + file);
            copyFolder(RUNS.folderA.toRealPath(), planted);
            byte[] content = (SECRET + " {\"x\": 'SECRET'}\n").getBytes(StandardCharsets.UTF_8);
            Files.write(planted.resolve(file), content);
            if (!file.equals("run.json")) {
                ObjectNode manifest = (ObjectNode) JSON.readTree(planted.resolve("run.json").toFile());
                for (JsonNode f : manifest.get("files")) {
                    if (f.get("name").asText().equals(file)) {
                        ((ObjectNode) f).put("bytes", content.length);
                        ((ObjectNode) f).put("crc32c", RunFolderReader.crc32c(planted.resolve(file)));
                    }
                }
                Files.write(planted.resolve("run.json"), JSON.writeValueAsBytes(manifest));
            }
            String message = error(reload("bad-" + file), 400).get("message").asText();
            assertThat(message).as(file).contains(file).doesNotContain("$6$").doesNotContain("abcdef");
        }
        assertThat(http.get("/api/health").status()).isEqualTo(200);
    }
}
