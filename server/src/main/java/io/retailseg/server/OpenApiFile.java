package io.retailseg.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code /openapi.json} to a file without starting a server: the build runs it to generate the
 * Java client from the very document the server serves ({@code api-client-it}). The document depends on
 * the routes only, not on a run or the server's limits, so the file and the served document are the same
 * bytes.
 */
public final class OpenApiFile {
    private OpenApiFile() {
    }

    /** Built once, on first use. */
    private static final class Holder {
        static final byte[] BYTES = OpenApi.bytes(Api.documentedRoutes());
    }

    /** The document's bytes, as {@code GET /openapi.json} answers them. */
    public static byte[] bytes() {
        return Holder.BYTES.clone();
    }

    /** {@code args[0]}: the file to write. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: OpenApiFile FILE");
        }
        Path file = Path.of(args[0]);
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.write(file, bytes());
    }
}
