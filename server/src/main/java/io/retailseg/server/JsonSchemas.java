package io.retailseg.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.lang.annotation.Annotation;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * OpenAPI 3.0 schemas of the records the API serialises, derived from the very {@link ObjectMapper} that
 * writes them ({@link ApiJson#MAPPER}): the property names, their order and their types are what Jackson's own
 * introspection reports for serialisation, so a component added to a record (e.g. a run's lifetime value)
 * appears in {@code /openapi.json} with nothing else to edit.
 *
 * <p>Why a small generator of our own rather than victools' jsonschema-generator or swagger-core's
 * ModelConverters: both describe a JSON Schema draft (or swagger's model tree) that then has to be rewritten
 * into OpenAPI 3.0's dialect ({@code nullable}, {@code $ref} without siblings, components by name) and told
 * about the project's naming strategy, {@code @JsonUnwrapped} and {@code @JsonValue}; Jackson's
 * {@link BeanDescription} already knows all of that, and the mapping of Java types to the few JSON types
 * the API uses is short. Rules:
 * <ul>
 *   <li>a record (or class) is a component named by its simple name (a nested type outside this package:
 *       {@code Enclosing} + name);
 *       every property is {@code required} unless it is an {@code Optional} left out when empty
 *       ({@code @JsonInclude(NON_ABSENT)});</li>
 *   <li>{@code nullable}: boxed numbers and booleans, {@code Optional}s written as null, and properties
 *       marked {@link Nullable};</li>
 *   <li>{@code @JsonUnwrapped} properties are inlined; a type with {@code @JsonValue} is described by the
 *       value's type ({@code Object}: any JSON value);</li>
 *   <li>enums list the strings Jackson writes for them; {@code @JsonPropertyDescription} and
 *       {@code @JsonClassDescription} become {@code description}.</li>
 * </ul>
 */
final class JsonSchemas {
    /** A property that may be null (a reference type the API writes as {@code null} in some answers). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
    @interface Nullable {
    }

    private final ObjectMapper mapper;
    private final Map<String, Object> components = new LinkedHashMap<>();
    private final Map<Class<?>, String> names = new LinkedHashMap<>();

    JsonSchemas(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The schemas made so far, by component name, in the order first referenced. */
    Map<String, Object> components() {
        return components;
    }

    /** A {@code $ref} to {@code type}'s component, made (with those it references) on first use. */
    Map<String, Object> ref(Class<?> type) {
        return schema(mapper.constructType(type));
    }

    /** The schema of {@code type}: inline for JSON scalars, arrays and maps, a {@code $ref} for records. */
    Map<String, Object> schema(JavaType type) {
        Class<?> raw = type.getRawClass();
        if (raw == boolean.class || raw == Boolean.class) {
            return map("type", "boolean");
        }
        if (raw == int.class || raw == Integer.class || raw == short.class || raw == Short.class) {
            return map("type", "integer", "format", "int32");
        }
        if (raw == long.class || raw == Long.class) {
            return map("type", "integer", "format", "int64");
        }
        if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class) {
            return map("type", "number", "format", "double");
        }
        if (raw == String.class || CharSequence.class.isAssignableFrom(raw) || Temporal.class.isAssignableFrom(raw)) {
            return map("type", "string");
        }
        if (raw == Object.class) {
            return new LinkedHashMap<>(); // any JSON value
        }
        if (raw == OptionalInt.class || raw == OptionalLong.class || raw == OptionalDouble.class) {
            return schema(mapper.constructType(raw == OptionalInt.class ? int.class
                    : raw == OptionalLong.class ? long.class : double.class));
        }
        if (raw == Optional.class) {
            return schema(type.containedTypeOrUnknown(0));
        }
        if (raw.isEnum()) {
            List<String> values = new ArrayList<>();
            for (Object constant : raw.getEnumConstants()) {
                values.add(mapper.convertValue(constant, String.class));
            }
            return map("type", "string", "enum", values);
        }
        if (type.isArrayType() || Collection.class.isAssignableFrom(raw)) {
            return map("type", "array", "items", schema(type.getContentType()));
        }
        if (Map.class.isAssignableFrom(raw)) {
            return map("type", "object", "additionalProperties", schema(type.getContentType()));
        }
        BeanDescription d = mapper.getSerializationConfig().introspect(type);
        AnnotatedMember value = d.findJsonValueAccessor();
        if (value != null) {
            Map<String, Object> s = schema(value.getType());
            describe(s, d.findClassDescription());
            return s;
        }
        return map("$ref", "#/components/schemas/" + component(raw, d));
    }

    private String component(Class<?> raw, BeanDescription d) {
        String known = names.get(raw);
        if (known != null) {
            return known;
        }
        // the API's own records (Answers.Customer) keep their simple names; a nested type of core is named
        // with its enclosing type (RunSummary.Segment: RunSummarySegment), so the two never clash
        String name = raw.getSimpleName();
        if (raw.getEnclosingClass() != null && !raw.getPackageName().equals(JsonSchemas.class.getPackageName())) {
            name = raw.getEnclosingClass().getSimpleName() + name;
        }
        if (components.containsKey(name)) {
            throw new IllegalStateException("two API types named " + name + ": rename one");
        }
        names.put(raw, name);
        components.put(name, Map.of()); // reserved: a record that references itself finds its name
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        collect(d, properties, required);
        Map<String, Object> s = map("type", "object");
        describe(s, d.findClassDescription());
        if (!required.isEmpty()) {
            s.put("required", required);
        }
        s.put("properties", properties);
        components.put(name, s);
        return name;
    }

    private void collect(BeanDescription d, Map<String, Object> properties, List<String> required) {
        for (BeanPropertyDefinition p : d.findProperties()) {
            AnnotatedMember m = p.getAccessor();
            if (m == null) {
                continue;
            }
            JavaType type = m.getType();
            if (has(p, JsonUnwrapped.class)) {
                collect(mapper.getSerializationConfig().introspect(type), properties, required);
                continue;
            }
            Class<?> raw = type.getRawClass();
            boolean optional = raw == Optional.class || raw == OptionalInt.class || raw == OptionalLong.class
                    || raw == OptionalDouble.class;
            JsonInclude include = annotation(p, JsonInclude.class);
            boolean leftOut = optional && include != null && include.value() == JsonInclude.Include.NON_ABSENT;
            boolean nullable = !leftOut && (optional || has(p, Nullable.class) || raw == Integer.class
                    || raw == Long.class || raw == Double.class || raw == Boolean.class || raw == Float.class
                    || raw == Short.class);
            Map<String, Object> s = schema(type);
            JsonPropertyDescription description = annotation(p, JsonPropertyDescription.class);
            if (s.containsKey("$ref") && (nullable || description != null)) {
                s = map("allOf", List.of(s)); // OpenAPI 3.0 ignores a $ref's siblings
            }
            if (nullable) {
                s.put("nullable", true);
            }
            if (description != null) {
                describe(s, description.value());
            }
            properties.put(p.getName(), s);
            if (!leftOut) {
                required.add(p.getName());
            }
        }
    }

    private static boolean has(BeanPropertyDefinition p, Class<? extends Annotation> a) {
        return annotation(p, a) != null;
    }

    /** The annotation on the record component (Jackson sees it on the accessor, the field or the parameter). */
    private static <A extends Annotation> A annotation(BeanPropertyDefinition p, Class<A> a) {
        for (AnnotatedMember m : new AnnotatedMember[] {p.getAccessor(), p.getField(), p.getConstructorParameter()}) {
            if (m != null && m.getAnnotation(a) != null) {
                return m.getAnnotation(a);
            }
        }
        return null;
    }

    private static void describe(Map<String, Object> schema, String description) {
        if (description != null && !description.isBlank()) {
            schema.put("description", description);
        }
    }

    private static Map<String, Object> map(Object... keyValues) {
        return Api.ordered(keyValues);
    }
}
