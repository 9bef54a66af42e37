package io.retailseg.config;

import java.util.Arrays;
import java.util.Locale;

/** How the configuration's enums are named in files and on the command line: lower case, any case read. */
final class EnumIds {
    private EnumIds() {
    }

    static String id(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E>> E of(Class<E> type, String id) {
        for (E v : type.getEnumConstants()) {
            if (v.name().equalsIgnoreCase(id)) {
                return v;
            }
        }
        throw new IllegalArgumentException("expected one of " + Arrays.stream(type.getEnumConstants())
                .map(EnumIds::id).toList() + ", found " + id);
    }
}
