package dev.ocrcli.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocrcli.output.OutputFormat;
import dev.ocrcli.pipeline.Steps;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /openapi.json} is a valid OpenAPI 3 document for this very server, checked by a real OpenAPI parser. */
class OpenApiTest {
    static OcrServer server;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        server = TestServers.start(TestServers.config("eng").jobs(1).build());
        http = new Http(server.baseUrl());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static SwaggerParseResult parse(String json) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return new OpenAPIParser().readContents(json, null, options);
    }

    @Test
    void theServedDocumentParsesWithoutAnyMessage() {
        var r = http.get("/openapi.json");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        SwaggerParseResult result = parse(r.body());
        assertEquals(List.of(), result.getMessages() == null ? List.of() : result.getMessages());
        OpenAPI api = result.getOpenAPI();
        assertNotNull(api);
        assertTrue(api.getOpenapi().startsWith("3."), api.getOpenapi());
        assertNotNull(api.getPaths().get("/v1/ocr").getPost());
    }

    @Test
    void theFileInTheRepositoryIsValidToo() throws IOException {
        try (InputStream in = OpenApiTest.class.getResourceAsStream(OpenApi.RESOURCE)) {
            SwaggerParseResult result = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(List.of(), result.getMessages() == null ? List.of() : result.getMessages());
        }
    }

    @Test
    void everyOperationHasItsOwnOperationId() {
        OpenAPI api = parse(http.get("/openapi.json").body()).getOpenAPI();
        Set<String> ids = new TreeSet<>();
        int operations = 0;
        for (var path : api.getPaths().entrySet()) {
            for (var op : path.getValue().readOperationsMap().entrySet()) {
                operations++;
                String id = op.getValue().getOperationId();
                assertTrue(id != null && !id.isBlank(), op.getKey() + " " + path.getKey() + " has no operationId");
                assertTrue(ids.add(id), "operationId " + id + " is used twice");
            }
        }
        assertTrue(operations >= 6, "only " + operations + " operations");
    }

    @Test
    void theLicenseIsTheOneInTheRepository() throws IOException {
        OpenAPI api = parse(http.get("/openapi.json").body()).getOpenAPI();
        assertNotNull(api.getInfo().getLicense(), "info.license");
        String license = Files.readString(Path.of("LICENSE"), StandardCharsets.UTF_8);
        assertTrue(license.contains("Apache License") && license.contains("Version 2.0"), "LICENSE is no longer Apache 2.0");
        assertEquals("Apache-2.0", api.getInfo().getLicense().getName());
        assertEquals("https://www.apache.org/licenses/LICENSE-2.0", api.getInfo().getLicense().getUrl());
    }

    @Test
    void serversIsTheAddressThisServerWasReachedAt() {
        OpenAPI api = parse(http.get("/openapi.json").body()).getOpenAPI();
        assertEquals(1, api.getServers().size());
        assertEquals(server.baseUrl(), api.getServers().get(0).getUrl());
        assertTrue(server.port() != 8080 && server.baseUrl().endsWith(":" + server.port()), server.baseUrl());
        // a hostile Host header does not get into the document
        try (RawHttp c = new RawHttp(server.port())) {
            RawHttp.Answer a = c.exchange("GET /openapi.json HTTP/1.1\r\nHost: evil\"<x>\r\nConnection: close\r\n\r\n");
            if (a.status() == 200) {
                assertEquals(server.baseUrl(), Http.json(a.body()).get("servers").get(0).get("url").asText());
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void parameterValuesComeFromTheCode() {
        OpenAPI api = parse(http.get("/openapi.json").body()).getOpenAPI();
        Parameter preprocess = null;
        Parameter format = null;
        for (Parameter p : api.getPaths().get("/v1/ocr").getPost().getParameters()) {
            if (p.getName().equals("preprocess")) {
                preprocess = p;
            } else if (p.getName().equals("format")) {
                format = p;
            }
        }
        assertNotNull(preprocess);
        List<String> steps = names(preprocess.getSchema().getItems());
        List<String> expected = new ArrayList<>(List.of("auto", "fast", "none"));
        expected.addAll(Steps.names());
        assertEquals(expected, steps);
        assertNotNull(format);
        Set<String> formats = new TreeSet<>(names(format.getSchema()));
        for (OutputFormat f : OutputFormat.values()) {
            assertTrue(formats.contains(f.label()), f + " missing from " + formats);
            assertEquals(f, OutputFormat.parse(f.label()));
        }
        for (String name : formats) {
            OutputFormat.parse(name); // every listed name is accepted
        }
    }

    /** The values of a schema's enum, as text. */
    private static List<String> names(Schema<?> schema) {
        List<String> out = new ArrayList<>();
        for (Object v : schema.getEnum()) {
            out.add(v.toString());
        }
        return out;
    }

    @Test
    void errorCodesAreTheOnesTheDocsList() throws IOException {
        JsonNode doc = Http.json(http.get("/openapi.json").body());
        Set<String> inSchema = new TreeSet<>();
        doc.at("/components/schemas/Error/properties/error/properties/code/enum").forEach(n -> inSchema.add(n.asText()));
        String md = Files.readString(Path.of("docs/server.md"), StandardCharsets.UTF_8);
        String table = md.substring(md.indexOf("| status | code | when |"), md.indexOf("\n\n", md.indexOf("| status | code | when |")));
        Set<String> inDocs = new TreeSet<>();
        for (String row : table.split("\n")) {
            String[] cells = row.split("\\|");
            if (cells.length > 2) {
                Matcher m = Pattern.compile("`([a-z_]+)`").matcher(cells[2]);
                while (m.find()) {
                    inDocs.add(m.group(1));
                }
            }
        }
        assertEquals(inDocs, inSchema);
    }
}
