package io.retailseg.runfolder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.AnnotatedParameter;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.retailseg.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The one JSON mapping of the run folder: records with camelCase components are written and read as
 * snake_case fields, in declaration order, indented. Reading is strict: a field the record needs that
 * is missing or null, a value of the wrong type, or a record whose constructor refuses the values is
 * an {@link InputException} of one line naming the file and the field ({@code summary.json: field
 * 'metrics.silhouette': expected a number, found none}); fields the record does not know are ignored
 * so a newer writer's additions do not break an older reader.
 */
public final class RunJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .annotationIntrospector(new RequiredUnlessOptional())
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .addModule(new Jdk8Module())
            .build();

    private RunJson() {
    }

    /**
     * Builds the mapping of {@code types} now, on a daemon thread, so that writing (and reading back, as the report does)
     * a run's files later does not wait for it. Building Jackson's serializers for the run-folder records loads about 600 classes, 0.15 to
     * 0.2 s of a short run's write stage measured on the real file (JFR and class-load logs, C1 only); the
     * pipeline leaves a core idle for most of its stages, so a caller that will write starts this first.
     */
    public static void prepareInBackground(Class<?>... types) {
        Thread t = new Thread(() -> {
            for (Class<?> type : types) {
                MAPPER.canSerialize(type);
                MAPPER.canDeserialize(MAPPER.constructType(type));
            }
        }, "retailseg-json-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /**
     * Every creator property (record component) is required, except those typed {@code Optional},
     * {@code OptionalInt} and the like: those model blocks a file may leave out, and read as empty.
     */
    private static final class RequiredUnlessOptional extends JacksonAnnotationIntrospector {
        @Override
        public Boolean hasRequiredMarker(AnnotatedMember m) {
            Boolean explicit = super.hasRequiredMarker(m);
            if (explicit != null || !(m instanceof AnnotatedParameter)) {
                return explicit;
            }
            Class<?> raw = m.getRawType();
            return !(raw == Optional.class || raw == OptionalInt.class || raw == OptionalLong.class
                    || raw == OptionalDouble.class);
        }
    }

    /**
     * Reads {@code file}, a run-folder file of {@code format} at {@code version}, as a {@code type}: its
     * {@code format} field must name the format and its {@code format_version} must be one this reader
     * knows, else a one-line {@link InputException} says so.
     */
    public static <T> T read(Path file, String name, Class<T> type, String format, int version) {
        JsonNode tree = tree(readBytes(file, name), name, "run file");
        if (tree == null || !tree.isObject()) {
            throw new InputException(name, "expected a JSON object of format \"" + format + "\"");
        }
        JsonNode f = tree.get("format");
        if (f == null || !f.isTextual() || !f.asText().equals(format)) {
            throw new InputException(name, 0, "format", "expected \"" + format + "\", found "
                    + (f == null ? "none" : f.toString()));
        }
        JsonNode v = tree.get("format_version");
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() != version) {
            throw new InputException(name, 0, "format_version", (v == null ? "expected a value, found none"
                    : "unknown version " + v + " of " + format + ": this retailseg reads version " + version));
        }
        return value(tree, name, type);
    }

    /** The JSON tree of {@code bytes}; bytes that are not JSON are a one-line error saying what the file should be. */
    private static JsonNode tree(byte[] bytes, String name, String kind) {
        try {
            return MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new InputException(name, "not a retailseg " + kind + ": not valid JSON at line " + Math.max(line, 0)
                    + ": " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    /** {@code tree} as a {@code type}; a missing, null or malformed field is a one-line error naming it. */
    private static <T> T value(JsonNode tree, String name, Class<T> type) {
        try {
            T value = tree == null || tree.isMissingNode() ? null : MAPPER.treeToValue(tree, type);
            if (value == null) {
                throw new InputException(name, "expected a JSON object, found null");
            }
            return value;
        } catch (JsonMappingException e) {
            throw new InputException(name, 0, fieldPath(e), problem(e));
        } catch (JsonProcessingException e) {
            throw new InputException(name, 0, null, firstLine(e.getOriginalMessage()));
        }
    }

    /** {@code value} as a JSON tree with the file's field names (e.g. for a server's answer). */
    public static ObjectNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    private static byte[] readBytes(Path file, String name) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InputException(name, "file not found: expected the output of 'retailseg run'");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * A run-folder JSON file's bytes with its {@code run_id} set to {@code runId} (for a file carried into a
     * new run, e.g. by {@code report --run}); a file without {@code run_id} comes back unchanged.
     *
     * @param name the file's name in errors
     */
    public static byte[] withRunId(byte[] json, String name, String runId) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new InputException(name, "not a retailseg run file: not valid JSON: " + firstLine(e.getMessage()));
        }
        if (!(tree instanceof com.fasterxml.jackson.databind.node.ObjectNode o) || !o.has("run_id")) {
            return json;
        }
        o.put("run_id", runId);
        return bytes(o);
    }

    /** {@code value} as the bytes of a run-folder JSON file. */
    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Writes {@code value} to {@code file}. */
    public static void write(Object value, Path file) throws IOException {
        Files.write(file, bytes(value));
    }

    /**
     * Reads {@code file} as a {@code type}.
     *
     * @param name the file's name in error messages (e.g. its final name while it is a temporary)
     * @throws InputException when the file is missing, not JSON, or a field is missing or malformed
     */
    public static <T> T read(Path file, String name, Class<T> type) {
        return parse(readBytes(file, name), name, type);
    }

    /** Reads {@code file} as a {@code type}; errors name the file as given. */
    public static <T> T read(Path file, Class<T> type) {
        return read(file, file.toString(), type);
    }

    /** Parses {@code bytes} (the content of the file {@code name}) as a {@code type}. */
    public static <T> T parse(byte[] bytes, String name, Class<T> type) {
        return parse(bytes, name, type, "run file");
    }

    /**
     * As {@link #parse(byte[], String, Class)}; {@code kind} names what the file should be in the error
     * for bytes that are not JSON ({@code not a retailseg model file: not valid JSON at line 1: ...}).
     */
    public static <T> T parse(byte[] bytes, String name, Class<T> type, String kind) {
        return value(tree(bytes, name, kind), name, type);
    }

    /** The dotted path of the field an error is about ({@code segments[2].name}), or null at the top. */
    private static String fieldPath(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        if (e instanceof MismatchedInputException m && m.getMessage() != null
                && m.getMessage().startsWith("Missing required creator property")) {
            String missing = between(m.getOriginalMessage(), "'", "'");
            boolean named = !e.getPath().isEmpty() && missing != null
                    && missing.equals(e.getPath().get(e.getPath().size() - 1).getFieldName());
            if (missing != null && !named) {
                sb.append(sb.length() > 0 ? "." : "").append(missing);
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    private static String problem(JsonMappingException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (message.startsWith("Missing required creator property") || message.startsWith("Missing creator property")) {
            return "expected a value, found none";
        }
        if (message.startsWith("Null value for creator property")) {
            return "expected a value, found null";
        }
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            return firstLine(e.getCause().getMessage());
        }
        if (e instanceof InvalidFormatException f) {
            return "expected " + describe(f.getTargetType()) + ", found " + f.getValue();
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return "expected " + describe(m.getTargetType()) + ": " + firstLine(message);
        }
        return firstLine(message);
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "a value";
        }
        if (type == double.class || type == Double.class || type == float.class) {
            return "a number";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        return "an object (" + type.getSimpleName() + ")";
    }

    private static String between(String s, String open, String close) {
        if (s == null) {
            return null;
        }
        int a = s.indexOf(open);
        int b = a < 0 ? -1 : s.indexOf(close, a + 1);
        return b < 0 ? null : s.substring(a + 1, b);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
