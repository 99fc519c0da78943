package dev.ocrcli.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocrcli.output.OutputFormat;
import dev.ocrcli.pipeline.Steps;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3 document served at {@code /openapi.json}: the resource
 * {@code dev/ocrcli/server/openapi.json} completed at run time with what only the running server
 * knows, so the two never disagree: the address clients reached it at ({@code servers}), and the
 * format names and preprocessing step names the code accepts.
 */
final class OpenApi {
    static final String RESOURCE = "/dev/ocrcli/server/openapi.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** A Host header that can stand in a URL: a name or IPv4 address, or a bracketed IPv6 one, with an optional port. */
    private static final Pattern HOST = Pattern.compile("([A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}])(:\\d{1,5})?");

    private final ObjectNode template;

    OpenApi() {
        this.template = load();
        List<String> steps = new ArrayList<>(List.of("auto", "fast", "none"));
        steps.addAll(stepNames());
        ((ObjectNode) parameter(template, "preprocess").path("schema").path("items")).set("enum", strings(steps));
        Set<String> formats = new LinkedHashSet<>();
        for (OutputFormat f : OutputFormat.values()) {
            formats.add(f.name().toLowerCase(Locale.ROOT));
            formats.add(f.label());
        }
        ((ObjectNode) parameter(template, "format").path("schema")).set("enum", strings(formats));
    }

    /** The preprocessing steps a request may name, in pipeline order: the code's one list. */
    static List<String> stepNames() {
        return Steps.names();
    }

    /**
     * The document for one request.
     *
     * @param hostHeader the request's Host header (what the client used to reach us), or null
     * @param baseUrl    the server's bound address, used when the Host header is missing or unusable
     */
    byte[] document(String hostHeader, String baseUrl) {
        ObjectNode doc = template.deepCopy();
        String url = hostHeader != null && HOST.matcher(hostHeader).matches() ? "http://" + hostHeader : baseUrl;
        ArrayNode servers = doc.putArray("servers");
        servers.addObject().put("url", url).put("description", "this server");
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A parameter of {@code POST /v1/ocr}, by name. */
    private static JsonNode parameter(ObjectNode doc, String name) {
        for (JsonNode param : doc.path("paths").path("/v1/ocr").path("post").path("parameters")) {
            if (name.equals(param.path("name").asText())) {
                return param;
            }
        }
        throw new IllegalStateException(RESOURCE + " has no '" + name + "' parameter on POST /v1/ocr");
    }

    private static ArrayNode strings(Collection<String> values) {
        ArrayNode a = MAPPER.createArrayNode();
        values.forEach(a::add);
        return a;
    }

    private static ObjectNode load() {
        try (InputStream in = OpenApi.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return (ObjectNode) MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
