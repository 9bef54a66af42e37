package io.retailseg.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Turns the bytes of a CSV file into characters: picks the encoding and strips a UTF-8 BOM. */
final class TextDecoding {
    /** Bytes examined to decide between UTF-8 and ISO-8859-1. */
    static final int SAMPLE_BYTES = 1 << 20;
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private TextDecoding() {
    }

    /**
     * A reader over {@code in} in {@code encoding}, or when empty in UTF-8 if the first
     * {@link #SAMPLE_BYTES} are valid UTF-8 (or start with a BOM), else ISO-8859-1, the encoding of
     * the widely used {@code data.csv}. A leading UTF-8 BOM is skipped when reading UTF-8.
     */
    static Reader reader(BufferedInputStream in, Optional<Charset> encoding) throws IOException {
        in.mark(SAMPLE_BYTES + 1);
        byte[] sample = in.readNBytes(SAMPLE_BYTES);
        in.reset();
        boolean bom = startsWithBom(sample);
        Charset charset = encoding.orElseGet(() -> bom || isUtf8(sample, sample.length < SAMPLE_BYTES)
                ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        if (bom && charset.equals(StandardCharsets.UTF_8)) {
            in.readNBytes(UTF8_BOM.length);
        }
        return new InputStreamReader(in, charset);
    }

    private static boolean startsWithBom(byte[] b) {
        return b.length >= 3 && b[0] == UTF8_BOM[0] && b[1] == UTF8_BOM[1] && b[2] == UTF8_BOM[2];
    }

    /**
     * Whether {@code sample} is valid UTF-8. When it is not the whole file ({@code complete} false)
     * a multi-byte sequence cut at its end is not held against it.
     */
    static boolean isUtf8(byte[] sample, boolean complete) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer out = CharBuffer.allocate(sample.length + 1);
        CoderResult result = decoder.decode(ByteBuffer.wrap(sample), out, complete);
        if (result.isError()) {
            return false;
        }
        return !complete || !decoder.flush(out).isError();
    }
}
