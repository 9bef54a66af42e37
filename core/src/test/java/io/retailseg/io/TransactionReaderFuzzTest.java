package io.retailseg.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.retailseg.InputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fixed-budget fuzz test of the CSV reader: valid generated lines mutated by a seeded random mutator
 * (byte flips, truncation, field swaps, huge values, NUL bytes, invalid UTF-8, quotes, line breaks, magic
 * bytes). Whatever the bytes, the reader returns lines or throws an {@link InputException} whose message is
 * one line without raw control characters; never another exception. The seed is printed with a failure, so
 * a case can be replayed with {@link #mutate}.
 */
class TransactionReaderFuzzTest {
    static final int FILES = 300;
    static final long SEED = 14;
    static final String HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";
    private static final String[] HUGE = {"1e308", "-1e309", "1e200", "99999999999999999999999", "NaN", "Infinity",
        "-0", "0x1p3", "1" + "0".repeat(400), "4294967296", "-2147483649", "12/31/99999 25:61", "", " ", "\"\"",
        "9".repeat(5000)};

    @TempDir
    Path dir;

    @Test
    void mutatedFilesGiveLinesOrOneLineInputErrors() throws IOException {
        Random random = new Random(SEED);
        for (int i = 0; i < FILES; i++) {
            long seed = random.nextLong();
            byte[] bytes = mutate(seed);
            Path file = Files.write(dir.resolve("f" + i + ".csv"), bytes);
            for (BadLinePolicy policy : BadLinePolicy.values()) {
                check(seed, file, IngestOptions.defaults().withOnBadLines(policy));
            }
            Files.delete(file);
        }
    }

    static void check(long seed, Path file, IngestOptions options) {
        try {
            TransactionReader.read(file, options);
        } catch (InputException e) {
            assertOneLine(seed, e.getMessage());
        } catch (Throwable t) {
            throw new AssertionError("seed " + seed + ": " + t, t);
        }
    }

    static void assertOneLine(long seed, String message) {
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
                fail("seed " + seed + ": control character " + (int) c + " in: " + message);
            }
        }
        assertThat(message.length()).as("seed %d: %s", seed, message).isLessThan(2_000);
    }

    /** A valid generated file of a few lines, then 1 to 4 random mutations. */
    static byte[] mutate(long seed) {
        Random r = new Random(seed);
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        int n = 2 + r.nextInt(30);
        for (int i = 0; i < n; i++) {
            boolean cancelled = r.nextInt(10) == 0;
            lines.add(String.join(",", (cancelled ? "C" : "") + (536365 + r.nextInt(50)), "8512" + r.nextInt(10),
                    "\"MUG, " + r.nextInt(5) + "\"", Integer.toString((cancelled ? -1 : 1) * (1 + r.nextInt(24))),
                    (1 + r.nextInt(12)) + "/" + (1 + r.nextInt(28)) + "/2011 " + r.nextInt(24) + ":0" + r.nextInt(10),
                    (r.nextInt(1000) / 100.0) + "", Integer.toString(12000 + r.nextInt(40)),
                    r.nextBoolean() ? "United Kingdom" : "France"));
        }
        int mutations = 1 + r.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            int at = 1 + r.nextInt(lines.size() - 1 + (lines.size() == 1 ? 1 : 0));
            at = Math.min(at, lines.size() - 1);
            String line = lines.get(at);
            String[] fields = line.split(",", -1);
            switch (r.nextInt(9)) {
                case 0 -> { // swap two fields
                    int a = r.nextInt(fields.length);
                    int b = r.nextInt(fields.length);
                    String t = fields[a];
                    fields[a] = fields[b];
                    fields[b] = t;
                    lines.set(at, String.join(",", fields));
                }
                case 1 -> { // a huge or odd value
                    fields[r.nextInt(fields.length)] = HUGE[r.nextInt(HUGE.length)];
                    lines.set(at, String.join(",", fields));
                }
                case 2 -> lines.set(at, insert(r, line, "\u0000")); // NUL
                case 3 -> lines.set(at, insert(r, line, "\"")); // a stray quote
                case 4 -> lines.set(at, insert(r, line, r.nextBoolean() ? "\r" : "\n,"));
                case 5 -> lines.set(at, insert(r, line, ",")); // an extra field
                case 6 -> lines.set(at, insert(r, line, "\u001b[2J\u0007"));
                case 7 -> lines.add(r.nextInt(lines.size() + 1), "");
                default -> lines.set(at, line.substring(0, r.nextInt(line.length() + 1)));
            }
        }
        byte[] bytes = (String.join("\n", lines) + (r.nextBoolean() ? "\n" : "")).getBytes(StandardCharsets.UTF_8);
        switch (r.nextInt(8)) { // byte-level mutations
            case 0 -> { // flip bytes
                for (int k = 0; k < 1 + r.nextInt(5) && bytes.length > 0; k++) {
                    bytes[r.nextInt(bytes.length)] ^= (byte) (1 << r.nextInt(8));
                }
            }
            case 1 -> bytes = java.util.Arrays.copyOf(bytes, r.nextInt(bytes.length + 1)); // truncate
            case 2 -> bytes = insertBytes(r, bytes, new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE});
            case 3 -> bytes = prepend(new byte[] {0x1f, (byte) 0x8b}, bytes); // gzip magic, not gzip
            case 4 -> bytes = prepend(new byte[] {'P', 'K', 3, 4}, bytes); // zip magic, not a zip
            case 5 -> bytes = prepend(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, bytes); // BOM
            default -> { }
        }
        return bytes;
    }

    private static String insert(Random r, String s, String what) {
        int at = r.nextInt(s.length() + 1);
        return s.substring(0, at) + what + s.substring(at);
    }

    private static byte[] insertBytes(Random r, byte[] b, byte[] what) {
        int at = r.nextInt(b.length + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, at);
        out.writeBytes(what);
        out.write(b, at, b.length - at);
        return out.toByteArray();
    }

    private static byte[] prepend(byte[] head, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(head, head.length + b.length);
        System.arraycopy(b, 0, out, head.length, b.length);
        return out;
    }
}
