package io.retailseg.server;

import io.javalin.http.Context;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Reads a request body under a limit that holds on the bytes received <em>and</em> on the bytes
 * decoded: {@code Content-Encoding} gzip ({@code x-gzip}) and deflate (zlib or raw) are decoded here,
 * and so is a body that is itself gzip data (recognised by its magic bytes, as files are), each step
 * stopping one byte past the limit. A small compressed body that would unpack to gigabytes (a "gzip
 * bomb") is therefore refused with 413 after reading at most the limit, never parsed. Any other
 * encoding is refused with 415.
 */
final class RequestBody {
    /** How much of a refused body is read and dropped, as a multiple of the limit (see {@link #drain}). */
    static final int DRAIN_FACTOR = 4;
    /** Gzip inside gzip more often than this is refused (400): no client needs it. */
    static final int MAX_LAYERS = 3;

    private RequestBody() {
    }

    /**
     * The decoded body.
     *
     * @param maxBytes the limit on the body received and on the body decoded
     * @throws ApiException 413 past the limit, 415 for an unknown encoding, 400 for data that is not
     *     valid in its declared encoding
     */
    static byte[] read(Context ctx, long maxBytes) {
        long declared = ctx.contentLength();
        try (InputStream in = ctx.bodyInputStream()) {
            List<String> encodings;
            try {
                encodings = encodings(ctx.req().getHeaders("Content-Encoding").asIterator());
            } catch (ApiException e) {
                // read the body anyway (up to the drain limit): a client still sending it gets the 415, not a reset
                drain(in, maxBytes);
                throw e;
            }
            if (declared > maxBytes) {
                drain(in, maxBytes);
                throw tooLarge("body of " + declared + " bytes is larger than the limit of " + maxBytes + " bytes",
                        maxBytes);
            }
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (body.length > maxBytes) {
                drain(in, maxBytes);
                throw tooLarge("body larger than the limit of " + maxBytes + " bytes", maxBytes);
            }
            return decode(body, encodings, maxBytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes {@code body} (encodings in the order applied, as the header lists them) under the limit. */
    static byte[] decode(byte[] body, List<String> encodings, long maxBytes) {
        byte[] out = body;
        for (int i = encodings.size() - 1; i >= 0; i--) {
            out = inflate(out, encodings.get(i), maxBytes);
        }
        // a gzip file sent without Content-Encoding is read like a gzip file, as TransactionReader would:
        // decoded here, under the limit, so that the reader only ever sees plain text
        int layers = 0;
        while (isGzip(out)) {
            if (++layers > MAX_LAYERS) {
                throw ApiException.badRequest(ScoreRequest.SOURCE + ": gzip data nested more than " + MAX_LAYERS
                        + " times");
            }
            out = inflate(out, "gzip", maxBytes);
        }
        return out;
    }

    /** The encodings named by the headers, identity dropped; 415 for one this server cannot decode. */
    static List<String> encodings(java.util.Iterator<String> headers) {
        List<String> out = new ArrayList<>();
        while (headers.hasNext()) {
            for (String part : headers.next().split(",")) {
                String e = part.trim().toLowerCase(Locale.ROOT);
                if (e.isEmpty() || e.equals("identity")) {
                    continue;
                }
                if (!e.equals("gzip") && !e.equals("x-gzip") && !e.equals("deflate")) {
                    throw new ApiException(415, "Content-Encoding '" + shorten(e) + "' is not supported: expected gzip,"
                            + " deflate or identity");
                }
                out.add(e.equals("x-gzip") ? "gzip" : e);
            }
        }
        if (out.size() > MAX_LAYERS) {
            throw new ApiException(415, "Content-Encoding lists " + out.size() + " encodings: at most " + MAX_LAYERS
                    + " are decoded");
        }
        return out;
    }

    private static byte[] inflate(byte[] data, String encoding, long maxBytes) {
        Inflater inflater = null;
        try {
            InputStream in;
            if (encoding.equals("gzip")) {
                in = new GZIPInputStream(new ByteArrayInputStream(data), 1 << 16);
            } else {
                // RFC 9110 deflate is zlib-wrapped; some clients send raw deflate: tell them apart by the zlib header
                inflater = new Inflater(!isZlib(data));
                in = new InflaterInputStream(new ByteArrayInputStream(data), inflater, 1 << 16);
            }
            try (InputStream decoded = in) {
                byte[] out = decoded.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (out.length > maxBytes) {
                    throw tooLarge("body decoded (Content-Encoding " + encoding + ") is larger than the limit of "
                            + maxBytes + " bytes", maxBytes);
                }
                return out;
            }
        } catch (ZipException | EOFException e) {
            throw ApiException.badRequest(ScoreRequest.SOURCE + ": not valid " + encoding + " data");
        } catch (IOException e) {
            throw ApiException.badRequest(ScoreRequest.SOURCE + ": cannot decode " + encoding + " data");
        } finally {
            if (inflater != null) {
                inflater.end();
            }
        }
    }

    static boolean isGzip(byte[] b) {
        return b.length >= 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b;
    }

    private static boolean isZlib(byte[] b) {
        return b.length >= 2 && (b[0] & 0x0f) == 8 && (((b[0] & 0xff) << 8) | (b[1] & 0xff)) % 31 == 0;
    }

    private static ApiException tooLarge(String what, long maxBytes) {
        return new ApiException(413, "request " + what + " (serve --max-body-bytes)");
    }

    /**
     * Reads a refused body to its end (and drops it) up to {@link #DRAIN_FACTOR} times the limit, so
     * that a client that sends the whole body before reading the answer gets the 413 instead of a
     * closed connection; past that the connection is closed.
     */
    private static void drain(InputStream in, long maxBytes) throws IOException {
        long left = DRAIN_FACTOR * maxBytes;
        byte[] buffer = new byte[1 << 16];
        int n;
        while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
            left -= n;
        }
    }

    private static String shorten(String text) {
        String clean = text.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() > 20 ? clean.substring(0, 20) + "..." : clean;
    }
}
