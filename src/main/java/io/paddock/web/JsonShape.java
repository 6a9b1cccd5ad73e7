package io.paddock.web;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;

import io.paddock.errors.ApiError.Detail;
import io.paddock.errors.JsonPointers;

/**
 * Checks a parsed JSON document against the Java type it is about to become and lists every mismatch
 * (wrong type, unknown property) with its JSON pointer. Jackson itself stops at the first problem; this
 * lets a client see them all in one answer.
 */
final class JsonShape {

    private final ObjectMapper mapper;
    private final Map<JavaType, Map<String, JavaType>> properties = new ConcurrentHashMap<>();

    JsonShape(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void check(JsonNode node, JavaType type, String pointer, List<Detail> problems) {
        if (problems.size() >= 100) {
            return;
        }
        Class<?> raw = type.getRawClass();
        if (node.isNull()) {
            if (raw.isPrimitive()) {
                problems.add(new Detail(pointer, "must not be null; send " + expected(type)));
            }
            return;
        }
        if (raw == Object.class || JsonNode.class.isAssignableFrom(raw)) {
            return;
        }
        boolean ok;
        if (raw == String.class) {
            ok = node.isTextual();
        } else if (raw == Integer.class || raw == int.class) {
            ok = node.isIntegralNumber() && node.canConvertToInt();
        } else if (raw == Long.class || raw == long.class) {
            ok = node.isIntegralNumber() && node.canConvertToLong();
        } else if (raw == Double.class || raw == double.class || raw == BigDecimal.class) {
            ok = node.isNumber();
        } else if (raw == Boolean.class || raw == boolean.class) {
            ok = node.isBoolean();
        } else if (Collection.class.isAssignableFrom(raw)) {
            ok = node.isArray();
            if (ok) {
                JavaType element = type.getContentType();
                for (int i = 0; i < node.size(); i++) {
                    check(node.get(i), element, JsonPointers.index(pointer, i), problems);
                }
            }
        } else if (Map.class.isAssignableFrom(raw)) {
            ok = node.isObject();
            if (ok) {
                JavaType value = type.getContentType();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> field = it.next();
                    check(field.getValue(), value, JsonPointers.child(pointer, field.getKey()), problems);
                }
            }
        } else {
            ok = node.isObject();
            if (ok) {
                checkObject(node, type, pointer, problems);
            }
        }
        if (!ok) {
            problems.add(new Detail(pointer, "must be " + expected(type) + "; you sent " + describe(node)));
        }
    }

    private void checkObject(JsonNode node, JavaType type, String pointer, List<Detail> problems) {
        Map<String, JavaType> known = properties.computeIfAbsent(type, this::introspect);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            String child = JsonPointers.child(pointer, field.getKey());
            JavaType propertyType = known.get(field.getKey());
            if (propertyType == null) {
                problems.add(new Detail(child, "is not a known property; the properties of this object are "
                        + String.join(", ", known.keySet())));
            } else {
                check(field.getValue(), propertyType, child, problems);
            }
        }
    }

    private Map<String, JavaType> introspect(JavaType type) {
        BeanDescription description = mapper.getDeserializationConfig().introspect(type);
        Map<String, JavaType> result = new LinkedHashMap<>();
        for (BeanPropertyDefinition property : description.findProperties()) {
            if (property.couldDeserialize()) {
                result.put(property.getName(), property.getPrimaryType());
            }
        }
        return result;
    }

    static String expected(JavaType type) {
        Class<?> raw = type.getRawClass();
        if (raw == String.class) {
            return "a string";
        }
        if (raw == Integer.class || raw == int.class) {
            return "an integer (a whole number from -2147483648 to 2147483647)";
        }
        if (raw == Long.class || raw == long.class) {
            return "an integer";
        }
        if (raw == Double.class || raw == double.class || raw == BigDecimal.class) {
            return "a number";
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(raw)) {
            return "an array";
        }
        return "an object";
    }

    static String describe(JsonNode node) {
        if (node.isArray()) {
            return "an array";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isTextual()) {
            String text = node.asText();
            return "the string \"" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "\"";
        }
        if (node.isBoolean()) {
            return String.valueOf(node.asBoolean());
        }
        if (node.isNumber()) {
            String text = node.asText();
            return "the number " + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
        }
        return "null";
    }
}
