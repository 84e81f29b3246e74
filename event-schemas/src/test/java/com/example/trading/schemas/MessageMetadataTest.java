package com.example.trading.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageMetadataTest {

  @Test
  void survivesARoundTripThroughHeaders() {
    var metadata =
        new MessageMetadata(
            "m-1",
            "o-1",
            "m-0",
            Instant.parse("2026-11-22T10:15:30.123Z"),
            "OrderPlaced",
            1,
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    Map<String, String> headers = metadata.toHeaders();
    assertThat(MessageMetadata.fromHeaders(headers::get)).isEqualTo(metadata);
  }

  @Test
  void leavesOutAbsentOptionalHeaders() {
    var metadata = new MessageMetadata("m-1", null, null, Instant.EPOCH, "OrderPlaced", 1, null);
    assertThat(metadata.toHeaders()).containsOnlyKeys("messageId", "timestamp", "type", "revision");
  }

  @Test
  void refusesHeadersWithoutAMessageId() {
    Map<String, String> headers =
        Map.of("type", "OrderPlaced", "revision", "1", "timestamp", "2026-11-22T10:15:30Z");
    assertThatThrownBy(() -> MessageMetadata.fromHeaders(headers::get))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("messageId");
  }

  @Test
  void refusesAMalformedRevision() {
    Map<String, String> headers =
        Map.of(
            "messageId",
            "m",
            "type",
            "OrderPlaced",
            "revision",
            "one",
            "timestamp",
            "2026-11-22T10:15:30Z");
    assertThatThrownBy(() -> MessageMetadata.fromHeaders(headers::get))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("malformed");
  }
}
