package com.example.trading.teststack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A service's OpenAPI document is published with the code ({@link #publishedDocument()}, committed
 * like the event schemas' golden samples, from which clients are generated) and is exact in the
 * ways a client generator relies on. A service's integration test inherits these tests by
 * implementing this interface against a running instance:
 *
 * <ul>
 *   <li>what {@code /v3/api-docs} serves is the committed document (the issuer's address, which
 *       differs per environment, aside); after a deliberate change of the API, run the test with
 *       {@code -Dopenapi.write=true} to rewrite the committed document, and review its diff;
 *   <li>OpenAPI 3.1; every operation has an {@code operationId}; nothing is {@code *}{@code /*};
 *       every operation under {@code /api/} or {@code /ops/} needs a token and documents its {@code
 *       401} and {@code 403} problems.
 * </ul>
 */
public interface PublishedApiDocumentContract {

  ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  /** The port the service under test listens on. */
  int port();

  /** Where the service's module keeps its published document, relative to the module. */
  Path publishedDocument();

  @Test
  default void servesThePublishedDocument() throws IOException {
    JsonNode served = comparable(served());
    Path published = publishedDocument();
    if (Boolean.getBoolean("openapi.write")) {
      Files.createDirectories(published.toAbsolutePath().getParent());
      Files.writeString(published, pretty(served));
    }
    Path actual = Path.of("target", "served-" + published.getFileName());
    Files.createDirectories(actual.toAbsolutePath().getParent());
    Files.writeString(actual, pretty(served));
    assertThat(Files.exists(published))
        .as("the published document " + published + " (write it with " + "-Dopenapi.write=true)")
        .isTrue();
    assertThat(served)
        .as(
            "the served document differs from the published "
                + published
                + ": compare it with "
                + actual
                + "; after a deliberate API change rewrite it with -Dopenapi.write=true and review the diff")
        .isEqualTo(JSON.readTree(Files.readString(published)));
  }

  @Test
  default void isExactWhereClientGeneratorsRelyOnIt() {
    JsonNode document = served();
    assertThat(document.path("openapi").asText()).startsWith("3.1");
    List<String> problems = new ArrayList<>();
    document
        .path("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        method -> {
                          String operation = method.getKey().toUpperCase() + " " + path.getKey();
                          JsonNode op = method.getValue();
                          if (op.path("operationId").asText().isBlank()) {
                            problems.add(operation + ": no operationId");
                          }
                          if (path.getKey().startsWith("/api/")
                              || path.getKey().startsWith("/ops/")) {
                            if (op.path("security").isEmpty()) {
                              problems.add(operation + ": no security requirement");
                            }
                            for (String status : List.of("401", "403")) {
                              if (op.path("responses").path(status).isMissingNode()) {
                                problems.add(operation + ": no " + status + " response");
                              }
                            }
                          }
                        }));
    document
        .findParents("content")
        .forEach(
            parent ->
                parent
                    .path("content")
                    .properties()
                    .forEach(
                        type -> {
                          if (type.getKey().contains("*")) {
                            problems.add("content type " + type.getKey() + " in " + parent);
                          }
                        }));
    assertThat(problems).as("where the document is not exact").isEmpty();
  }

  private JsonNode served() {
    HttpResponse<String> response = TestHttp.get(port(), "/v3/api-docs");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The document without what differs per environment: the servers and the issuer's token URL. */
  private static JsonNode comparable(JsonNode document) {
    ObjectNode copy = document.deepCopy();
    copy.remove("servers");
    copy.findParents("tokenUrl")
        .forEach(flow -> ((ObjectNode) flow).put("tokenUrl", "{issuer}/oauth2/token"));
    return copy;
  }

  private static String pretty(JsonNode document) throws IOException {
    Object sorted = JSON.treeToValue(document, Map.class);
    return JSON.writeValueAsString(sorted) + "\n";
  }
}
