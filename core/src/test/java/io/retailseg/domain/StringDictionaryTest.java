package io.retailseg.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StringDictionaryTest {
    @Test
    void codesAreDenseInOrderOfFirstAppearance() {
        StringDictionary d = new StringDictionary();
        assertThat(List.of(d.encode("b"), d.encode("a"), d.encode("b"), d.encode("c"), d.encode("a")))
                .containsExactly(0, 1, 0, 2, 1);
        assertThat(d.size()).isEqualTo(3);
        assertThat(d.decode(2)).isEqualTo("c");
        assertThat(d.codeOf("a")).isEqualTo(1);
        assertThat(d.codeOf("z")).isEqualTo(-1);
        assertThat(d.sortRanks()).containsExactly(1, 0, 2);
    }

    /** "Aa" and "BB" (and every concatenation of them) share one String hash: told apart by equals. */
    @Test
    void stringsWithTheSameHashKeepTheirOwnCodes() {
        StringDictionary d = new StringDictionary();
        List<String> colliding = new ArrayList<>();
        for (int bits = 0; bits < 256; bits++) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                s.append((bits >> i & 1) == 0 ? "Aa" : "BB");
            }
            colliding.add(s.toString());
        }
        assertThat(colliding.stream().mapToInt(String::hashCode).distinct().count()).isEqualTo(1);
        for (String s : colliding) {
            d.encode(s);
        }
        for (int code = 0; code < colliding.size(); code++) {
            assertThat(d.codeOf(colliding.get(code))).isEqualTo(code);
            assertThat(d.encode(colliding.get(code))).isEqualTo(code);
        }
        assertThat(d.size()).isEqualTo(256);
    }

    /** Through many rehashes, the same codes as a HashMap numbering each new string. */
    @Test
    void manyValuesGetTheCodesAMapWouldGive() {
        StringDictionary d = new StringDictionary();
        Map<String, Integer> expected = new HashMap<>();
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 300_000; i++) {
            String s = Long.toString(random.nextLong(200_000));
            int code = expected.computeIfAbsent(s, k -> expected.size());
            assertThat(d.encode(s)).isEqualTo(code);
        }
        assertThat(d.size()).isEqualTo(expected.size());
        expected.forEach((s, code) -> {
            assertThat(d.codeOf(s)).isEqualTo(code);
            assertThat(d.decode(code)).isEqualTo(s);
        });
        assertThat(d.codeOf("-1")).isEqualTo(-1);
    }

    @Test
    void aCodeOutsideTheDictionaryIsRefused() {
        StringDictionary d = new StringDictionary();
        d.encode("a");
        assertThatThrownBy(() -> d.decode(1)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("code 1 of a dictionary of 1");
        assertThatThrownBy(() -> d.decode(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
