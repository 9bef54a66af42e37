package io.retailseg.io;

import io.retailseg.domain.StringDictionary;
import java.util.Arrays;

/**
 * Codes of a {@link StringDictionary} looked up by a range of characters (a field in the CSV
 * reader's buffer): the range is hashed and compared with the strings already coded, and a String is
 * made only the first time a distinct value is seen. Codes are those the dictionary gives, in the
 * same order of first appearance, so the result is the same as encoding each field as a String.
 *
 * <p>Open addressing on the code; each distinct value's characters are also kept in one pooled
 * array, so a look-up compares characters with characters (comparing with the dictionary's String
 * through {@code charAt} cost a third of the decoding thread's time). The last value is remembered
 * too: the lines of one invoice are adjacent and share invoice and country.
 */
final class CharDictionary {
    private static final int FIRST_SLOTS = 1 << 10;
    private static final int HASH_MULTIPLIER = 31;

    private final StringDictionary dictionary;
    /** Code + 1 in each slot, 0 when free. */
    private int[] slots = new int[FIRST_SLOTS];
    /** Hash of each code's string. */
    private int[] hashes = new int[FIRST_SLOTS / 2];
    private int size;
    /** The characters of every distinct value, one after the other. */
    private char[] pool = new char[FIRST_SLOTS * 8];
    /** Where each code's characters start in {@link #pool}; entry {@code size} is the end of the last. */
    private int[] offsets = new int[FIRST_SLOTS / 2 + 1];
    private char[] last = new char[16];
    private int lastLength = -1;
    private int lastCode;

    CharDictionary(StringDictionary dictionary) {
        if (dictionary.size() != 0) {
            throw new IllegalArgumentException("expected an empty dictionary");
        }
        this.dictionary = dictionary;
    }

    /** The code of the characters {@code offset .. offset + length - 1} of {@code buf}, adding them when new. */
    int encode(char[] buf, int offset, int length) {
        if (length == lastLength && sameChars(buf, offset, last, 0, length)) {
            return lastCode;
        }
        int code = lookUpOrAdd(buf, offset, length);
        if (last.length < length) {
            last = new char[Math.max(length, last.length * 2)];
        }
        System.arraycopy(buf, offset, last, 0, length);
        lastLength = length;
        lastCode = code;
        return code;
    }

    /**
     * {@link #encode(char[], int, int)}, first trying {@code hint}, a code already given (or a negative number
     * for none): when the characters are the hint's, its code, without hashing them. The Description of a line is
     * nearly always the one last seen with its StockCode, so that code is the hint: one comparison of about 30
     * characters instead of hashing them and probing.
     */
    int encode(char[] buf, int offset, int length, int hint) {
        if (hint >= 0) {
            int from = offsets[hint];
            if (offsets[hint + 1] - from == length && sameChars(pool, from, buf, offset, length)) {
                return hint;
            }
        }
        return encode(buf, offset, length);
    }

    private int lookUpOrAdd(char[] buf, int offset, int length) {
        int hash = 0;
        for (int i = offset, end = offset + length; i < end; i++) {
            hash = HASH_MULTIPLIER * hash + buf[i];
        }
        int mask = slots.length - 1;
        int slot = mix(hash) & mask;
        while (true) {
            int entry = slots[slot];
            if (entry == 0) {
                break;
            }
            int code = entry - 1;
            int from = offsets[code];
            if (hashes[code] == hash && offsets[code + 1] - from == length
                    && sameChars(pool, from, buf, offset, length)) {
                return code;
            }
            slot = (slot + 1) & mask;
        }
        int code = dictionary.encode(new String(buf, offset, length));
        if (code != size) {
            throw new IllegalStateException("the dictionary was filled elsewhere");
        }
        if (size == hashes.length) {
            hashes = Arrays.copyOf(hashes, size * 2);
            offsets = Arrays.copyOf(offsets, size * 2 + 1);
        }
        int end = offsets[size];
        if (end + length > pool.length) {
            pool = Arrays.copyOf(pool, Math.max(end + length, pool.length * 2));
        }
        System.arraycopy(buf, offset, pool, end, length);
        offsets[size + 1] = end + length;
        hashes[size++] = hash;
        slots[slot] = code + 1;
        if (size * 2 > slots.length) {
            rehash();
        }
        return code;
    }

    private void rehash() {
        int[] grown = new int[slots.length * 2];
        int mask = grown.length - 1;
        for (int code = 0; code < size; code++) {
            int slot = mix(hashes[code]) & mask;
            while (grown[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            grown[slot] = code + 1;
        }
        slots = grown;
    }

    /**
     * Whether {@code a[aFrom ..]} and {@code b[bFrom ..]} hold the same {@code length} characters: a plain loop.
     * The fields compared are a few to a few dozen characters, for which {@code Arrays.equals}' call into the
     * JDK's vectorised mismatch stub cost more than the comparison (at 100 M generated lines, JFR put 700 of
     * the decoding thread's 1,900 samples on the lines of this class that called it).
     */
    static boolean sameChars(char[] a, int aFrom, char[] b, int bFrom, int length) {
        for (int k = 0; k < length; k++) {
            if (a[aFrom + k] != b[bFrom + k]) {
                return false;
            }
        }
        return true;
    }

    /** Spreads the high bits of a polynomial hash into the low bits a power-of-two table uses. */
    private static int mix(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
