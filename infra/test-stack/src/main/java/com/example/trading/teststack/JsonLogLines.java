package com.example.trading.teststack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON log lines a service wrote (its real console output, e.g. captured by Spring Boot's
 * {@code OutputCaptureExtension}), and the check that a line names what it was written for.
 */
public final class JsonLogLines {

  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonLogLines() {}

  /** Every line of {@code output} that is a JSON object; other lines are left out. */
  public static List<JsonNode> of(String output) {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : output.split("\n")) {
      if (line.startsWith("{")) {
        try {
          lines.add(JSON.readTree(line));
        } catch (Exception e) {
          // a line cut by the capture's end
        }
      }
    }
    return lines;
  }

  /** The lines whose message contains {@code text}. */
  public static List<JsonNode> containing(String output, String text) {
    return of(output).stream()
        .filter(line -> line.path("message").asText().contains(text))
        .toList();
  }

  /**
   * Asserts the line carries the journey's trace (with a span of its own), correlation id, order
   * and account, as fields of the JSON line (an order or account given as null is not checked: the
   * message did not name it).
   */
  public static void assertNames(
      JsonNode line, String traceId, String correlationId, String orderId, String accountId) {
    assertThat(line.path("traceId").asText()).as("traceId of %s", line).isEqualTo(traceId);
    assertThat(line.path("spanId").asText()).as("spanId of %s", line).hasSize(16);
    assertThat(line.path("correlationId").asText())
        .as("correlationId of %s", line)
        .isEqualTo(correlationId);
    if (orderId != null) {
      assertThat(line.path("orderId").asText()).as("orderId of %s", line).isEqualTo(orderId);
    }
    if (accountId != null) {
      assertThat(line.path("accountId").asText()).as("accountId of %s", line).isEqualTo(accountId);
    }
  }
}
