package io.paddock.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyReader;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.paddock.PaddockConfig;
import io.paddock.errors.ApiError.Detail;
import io.paddock.errors.ApiException;
import io.paddock.errors.JsonPointers;

/**
 * Reads every JSON request body of Paddock's API (records, and maps such as the sort order). A body
 * goes through four checks, and the client hears of every problem of the first check that fails:
 * size, JSON syntax, shape (types and unknown properties, see {@link JsonShape}), and then Bean
 * Validation together with the body's own cross-field rules ({@link ValidatedRequest}).
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
public class StrictJsonReader implements ServerMessageBodyReader<Object> {

    private final ObjectMapper mapper;
    private final Validator validator;
    private final long maxBodySize;
    private final JsonShape shape;

    public StrictJsonReader(ObjectMapper mapper, Validator validator, PaddockConfig config) {
        this.mapper = mapper;
        this.validator = validator;
        this.maxBodySize = config.limits().maxBodySize().asLongValue();
        this.shape = new JsonShape(mapper);
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, ResteasyReactiveResourceInfo lazyMethod,
            MediaType mediaType) {
        return handles(type);
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return handles(type);
    }

    private static boolean handles(Class<?> type) {
        return type.isRecord() || Map.class.isAssignableFrom(type);
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, MediaType mediaType, ServerRequestContext context)
            throws IOException {
        return read(genericType, context.getInputStream());
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        return read(genericType, entityStream);
    }

    private Object read(Type genericType, InputStream in) throws IOException {
        byte[] bytes = readLimited(in);
        JavaType type = mapper.constructType(genericType);
        JsonNode tree = parse(bytes);

        if (tree.isNull()) {
            throw ApiException.validation("", "must be " + JsonShape.expected(type) + "; you sent null");
        }
        List<Detail> problems = new ArrayList<>();
        shape.check(tree, type, "", problems);
        if (!problems.isEmpty()) {
            throw ApiException.validation(problems);
        }
        Object value;
        try {
            value = mapper.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw ApiException.validation("", "The request payload could not be read: " + e.getOriginalMessage());
        }
        for (ConstraintViolation<Object> violation : validator.validate(value)) {
            problems.add(new Detail(JsonPointers.bodyPath(violation.getPropertyPath()), violation.getMessage()));
        }
        if (value instanceof ValidatedRequest request) {
            problems.addAll(request.problems());
        }
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparing(Detail::path));
            throw ApiException.validation(problems);
        }
        return value;
    }

    private byte[] readLimited(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            total += n;
            if (total > maxBodySize) {
                throw BodyLimit.tooLarge(maxBodySize);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private JsonNode parse(byte[] bytes) {
        if (bytes.length == 0 || new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            throw ApiException.validation("", "The request body is empty. Send a JSON object.");
        }
        try (JsonParser parser = mapper.createParser(bytes)) {
            JsonNode tree = mapper.readTree(parser);
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw ApiException.validation("", "The request body has content after the end of its JSON value, at "
                        + describeLocation(parser) + ". Send exactly one JSON object.");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw ApiException.validation("", "The request body is not valid JSON: " + e.getOriginalMessage()
                    + " (at " + describeLocation(e) + "). Send a JSON object.");
        } catch (IOException e) {
            throw ApiException.validation("", "The request body could not be read as JSON. Send a JSON object.");
        }
    }

    private static String describeLocation(JsonParser parser) {
        return "line " + parser.currentLocation().getLineNr() + ", column " + parser.currentLocation().getColumnNr();
    }

    private static String describeLocation(JsonProcessingException e) {
        return e.getLocation() == null ? "an unknown position"
                : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }
}
