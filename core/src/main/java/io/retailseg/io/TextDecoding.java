package io.retailseg.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Turns the bytes of a CSV file into characters: picks the encoding and strips a UTF-8 BOM.
 *
 * <p>Without an explicit encoding the file's <em>first non-ASCII character</em> decides, wherever it is:
 * a well-formed UTF-8 sequence makes the file UTF-8 (a malformed byte after it becomes U+FFFD); a byte
 * that starts no UTF-8 sequence makes it ISO-8859-1, the encoding of the widely used {@code data.csv},
 * from the start (the ASCII before it reads the same in both). A file with a UTF-8 BOM is UTF-8. The choice
 * is made while decoding, so the file is read once and nothing is held back: a rule that looked at a fixed
 * sample read the real Online Retail file, whose first '£' (byte 0xA3) comes after 3 MB of ASCII, as
 * UTF-8 and turned every '£' into U+FFFD.
 */
final class TextDecoding {
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final Charset DETECTED = new Utf8OrLatin1();

    private TextDecoding() {
    }

    /**
     * A reader over {@code in} in {@code encoding}, or when empty by the first non-ASCII character (see
     * the class comment). A leading UTF-8 BOM is skipped when reading UTF-8.
     */
    static Reader reader(BufferedInputStream in, Optional<Charset> encoding) throws IOException {
        in.mark(UTF8_BOM.length);
        boolean bom = startsWithBom(in.readNBytes(UTF8_BOM.length));
        in.reset();
        Charset charset = encoding.orElse(bom ? StandardCharsets.UTF_8 : DETECTED);
        if (bom && charset.equals(StandardCharsets.UTF_8)) {
            in.readNBytes(UTF8_BOM.length);
        }
        return new InputStreamReader(in, charset);
    }

    /**
     * The encoding {@link #reader} would choose for a stream starting like {@code in}, looking at no more
     * than {@code maxBytes} (UTF-8 when those are all ASCII), for readers that must name one up front.
     */
    static Charset detect(InputStream in, long maxBytes) throws IOException {
        byte[] buffer = new byte[1 << 16];
        int first = in.readNBytes(buffer, 0, UTF8_BOM.length);
        if (first == UTF8_BOM.length && startsWithBom(buffer)) {
            return StandardCharsets.UTF_8;
        }
        Utf8OrLatin1.Decoder decoder = (Utf8OrLatin1.Decoder) DETECTED.newDecoder();
        ByteBuffer bytes = ByteBuffer.allocate(buffer.length + UTF8_BOM.length);
        bytes.put(buffer, 0, first);
        CharBuffer chars = CharBuffer.allocate(bytes.capacity());
        long seen = first;
        while (decoder.chosen() == null && seen < maxBytes) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, maxBytes - seen));
            if (n < 0) {
                break;
            }
            seen += n;
            bytes.put(buffer, 0, n).flip();
            decoder.decode(bytes, chars.clear(), false);
            bytes.compact();
        }
        return decoder.chosen() == null ? StandardCharsets.UTF_8 : decoder.chosen();
    }

    private static boolean startsWithBom(byte[] b) {
        return b.length >= 3 && b[0] == UTF8_BOM[0] && b[1] == UTF8_BOM[1] && b[2] == UTF8_BOM[2];
    }

    /**
     * UTF-8 until the first non-ASCII character, which decides between UTF-8 and ISO-8859-1 for the rest.
     * Both delegates are the JDK's own decoders, so ASCII and Latin-1 runs keep their intrinsic fast paths.
     */
    private static final class Utf8OrLatin1 extends Charset {
        Utf8OrLatin1() {
            super("x-retailseg-utf-8-or-iso-8859-1", null);
        }

        @Override
        public boolean contains(Charset cs) {
            return cs instanceof Utf8OrLatin1;
        }

        @Override
        public CharsetDecoder newDecoder() {
            return new Decoder(this);
        }

        @Override
        public boolean canEncode() {
            return false;
        }

        @Override
        public CharsetEncoder newEncoder() {
            throw new UnsupportedOperationException("a decoding-only charset");
        }

        static final class Decoder extends CharsetDecoder {
            private final CharsetDecoder probe = strict(StandardCharsets.UTF_8);
            private CharsetDecoder rest; // null while everything so far was ASCII

            Decoder(Charset cs) {
                super(cs, 1f, 1f);
            }

            /** The encoding decided on, or null while no non-ASCII byte has been seen. */
            Charset chosen() {
                return rest == null ? null : rest.charset();
            }

            @Override
            protected CoderResult decodeLoop(ByteBuffer in, CharBuffer out) {
                if (rest != null) {
                    return rest.decode(in, out, false);
                }
                int bytesBefore = in.position();
                int charsBefore = out.position();
                CoderResult result = probe.decode(in, out, false);
                if (in.position() - bytesBefore != out.position() - charsBefore) { // a multi-byte character
                    rest = replacing(StandardCharsets.UTF_8);
                } else if (result.isMalformed() || result.isUnmappable()) { // ASCII, then no UTF-8 sequence
                    rest = replacing(StandardCharsets.ISO_8859_1);
                } else {
                    return result;
                }
                return rest.decode(in, out, false);
            }

            @Override
            protected void implReset() {
                probe.reset();
                rest = null;
            }

            private static CharsetDecoder strict(Charset cs) {
                return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
            }

            private static CharsetDecoder replacing(Charset cs) {
                return cs.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE);
            }
        }
    }
}
