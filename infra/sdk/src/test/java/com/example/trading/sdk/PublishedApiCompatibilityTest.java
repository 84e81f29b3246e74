package com.example.trading.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTP counterpart of the event schemas' golden samples: each published document ({@code
 * <service>/openapi/*.json}, rewritten from the code by {@code make api-docs}) is compared with the
 * released one ({@code <service>/openapi/released/}, copied there by {@code make api-release}); a
 * breaking change fails the build unless a new major version announces it. The second half shows
 * the check catches what it must.
 */
class PublishedApiCompatibilityTest {

  private static final Path ROOT = Path.of("../..");
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "command-side/openapi/command-api.json",
        "query-side/openapi/query-api.json",
        "saga-orchestrator/openapi/saga-orchestrator-api.json",
        "projections/openapi/projections-api.json",
        "infra/identity/openapi/identity-api.json",
        "infra/exchange-simulator/openapi/exchange-simulator-api.json"
      })
  void thePublishedDocumentKeepsTheReleasedContract(String document) throws IOException {
    Path current = ROOT.resolve(document);
    Path released = current.resolveSibling("released").resolve(current.getFileName());

    ApiCompatibility.Verdict verdict =
        ApiCompatibility.check(Files.readString(released), Files.readString(current));

    assertThat(verdict.acceptable())
        .as("%s against %s: %s%n%s", document, released, verdict.reason(), verdict.changes())
        .isTrue();
  }

  @Test
  void aRemovedEndpointIsBreaking() throws IOException {
    assertBreaking(doc -> ((ObjectNode) doc.path("paths")).remove("/api/orders/{orderId}/cancel"));
  }

  @Test
  void aRemovedAnswerPropertyIsBreaking() throws IOException {
    assertBreaking(
        doc -> {
          ObjectNode accepted =
              (ObjectNode) doc.path("components").path("schemas").path("OrderAccepted");
          ((ObjectNode) accepted.path("properties")).remove("position");
          ArrayNode required = (ArrayNode) accepted.path("required");
          for (int i = required.size() - 1; i >= 0; i--) {
            if (required.get(i).asText().equals("position")) {
              required.remove(i);
            }
          }
        });
  }

  @Test
  void aNewRequiredRequestFieldIsBreaking() throws IOException {
    assertBreaking(
        doc -> {
          ObjectNode request =
              (ObjectNode) doc.path("components").path("schemas").path("PlaceOrderRequest");
          ((ObjectNode) request.path("properties")).putObject("timeInForce").put("type", "string");
          ((ArrayNode) request.path("required")).add("timeInForce");
        });
  }

  @Test
  void aRemovedRequestEnumValueIsBreaking() throws IOException {
    assertBreaking(
        doc -> {
          ArrayNode types =
              (ArrayNode)
                  doc.path("components")
                      .path("schemas")
                      .path("PlaceOrderRequest")
                      .path("properties")
                      .path("type")
                      .path("enum");
          for (int i = types.size() - 1; i >= 0; i--) {
            if (types.get(i).asText().equals("LIMIT")) {
              types.remove(i);
            }
          }
        });
  }

  @Test
  void anAnswerPropertyThatMayNowBeNullIsBreaking() throws IOException {
    assertBreaking(
        doc -> {
          ObjectNode orderId =
              (ObjectNode)
                  doc.path("components")
                      .path("schemas")
                      .path("OrderAccepted")
                      .path("properties")
                      .path("orderId");
          orderId.putArray("type").add("string").add("null");
        });
  }

  @Test
  void anAnswerPropertyThatIsNoLongerRequiredIsBreaking() throws IOException {
    assertBreaking(
        doc -> {
          ArrayNode required =
              (ArrayNode)
                  doc.path("components").path("schemas").path("OrderAccepted").path("required");
          for (int i = required.size() - 1; i >= 0; i--) {
            if (required.get(i).asText().equals("orderId")) {
              required.remove(i);
            }
          }
        });
  }

  @Test
  void aNewOptionalRequestFieldIsCompatible() throws IOException {
    ObjectNode changed = command();
    ObjectNode request =
        (ObjectNode) changed.path("components").path("schemas").path("PlaceOrderRequest");
    ((ObjectNode) request.path("properties")).putObject("note").put("type", "string");
    ((ObjectNode) changed.path("info")).put("version", "1.1.0");

    ApiCompatibility.Verdict verdict =
        ApiCompatibility.check(commandText(), JSON.writeValueAsString(changed));

    assertThat(verdict.acceptable()).as(verdict.changes()).isTrue();
    assertThat(verdict.reason()).isEqualTo("compatible changes");
  }

  @Test
  void aBreakingChangeUnderANewMajorVersionIsAnnounced() throws IOException {
    ObjectNode changed = command();
    ((ObjectNode) changed.path("paths")).remove("/api/orders/{orderId}/cancel");
    ((ObjectNode) changed.path("info")).put("version", "2.0.0");

    ApiCompatibility.Verdict verdict =
        ApiCompatibility.check(commandText(), JSON.writeValueAsString(changed));

    assertThat(verdict.acceptable()).isTrue();
    assertThat(verdict.reason())
        .startsWith("breaking changes announced by the major version 1.0.0 -> 2.0.0");
  }

  private void assertBreaking(Consumer<ObjectNode> change) throws IOException {
    ObjectNode changed = command();
    change.accept(changed);
    ((ObjectNode) changed.path("info")).put("version", "1.1.0");

    ApiCompatibility.Verdict verdict =
        ApiCompatibility.check(commandText(), JSON.writeValueAsString(changed));

    assertThat(verdict.acceptable()).as(verdict.changes()).isFalse();
    assertThat(verdict.reason())
        .startsWith("breaking changes to the released 1.0.0 without a new major version");
  }

  private static String commandText() throws IOException {
    return Files.readString(ROOT.resolve("command-side/openapi/released/command-api.json"));
  }

  private static ObjectNode command() throws IOException {
    return (ObjectNode) JSON.readTree(commandText());
  }
}
