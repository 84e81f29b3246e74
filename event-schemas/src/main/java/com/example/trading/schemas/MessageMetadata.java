package com.example.trading.schemas;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The envelope every message carries beside its payload: as Kafka headers (names below), in the
 * Axon metadata, and in log lines.
 *
 * @param messageId unique per message; consumers deduplicate by it
 * @param correlationId the journey the message belongs to: the order id for everything an order
 *     causes
 * @param causationId the messageId of the message that caused this one
 * @param timestamp when the message was recorded
 * @param type the {@link MessageType#name()} of the payload
 * @param revision the {@link MessageType#revision()} the payload was written with
 * @param traceparent W3C trace context, may be null
 */
public record MessageMetadata(
    String messageId,
    String correlationId,
    String causationId,
    Instant timestamp,
    String type,
    int revision,
    String traceparent) {

  public static final String MESSAGE_ID = "messageId";
  public static final String CORRELATION_ID = "correlationId";
  public static final String CAUSATION_ID = "causationId";
  public static final String TIMESTAMP = "timestamp";
  public static final String TYPE = "type";
  public static final String REVISION = "revision";
  public static final String TRACEPARENT = "traceparent";

  /**
   * Who caused a stored event (event-store metadata only, not a Kafka header): {@code
   * operator:<sub>} or {@code customer:<sub>} for the command API's callers, {@code service:<name>}
   * for a service.
   */
  public static final String PRINCIPAL = "principal";

  public MessageMetadata {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(type, "type");
    if (revision < 1) {
      throw new IllegalArgumentException("revision starts at 1, was " + revision);
    }
  }

  /** The header map; absent optional values are left out. */
  public Map<String, String> toHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(MESSAGE_ID, messageId);
    if (correlationId != null) {
      headers.put(CORRELATION_ID, correlationId);
    }
    if (causationId != null) {
      headers.put(CAUSATION_ID, causationId);
    }
    headers.put(TIMESTAMP, timestamp.toString());
    headers.put(TYPE, type);
    headers.put(REVISION, Integer.toString(revision));
    if (traceparent != null) {
      headers.put(TRACEPARENT, traceparent);
    }
    return headers;
  }

  /**
   * Reads the envelope back from headers.
   *
   * @throws IllegalArgumentException when a required header is missing or malformed
   */
  public static MessageMetadata fromHeaders(Function<String, String> header) {
    String messageId = required(header, MESSAGE_ID);
    String type = required(header, TYPE);
    String revision = required(header, REVISION);
    String timestamp = required(header, TIMESTAMP);
    try {
      return new MessageMetadata(
          messageId,
          header.apply(CORRELATION_ID),
          header.apply(CAUSATION_ID),
          InstantText.parse(timestamp),
          type,
          Integer.parseInt(revision),
          header.apply(TRACEPARENT));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("malformed message metadata: " + e.getMessage(), e);
    }
  }

  private static String required(Function<String, String> header, String name) {
    String value = header.apply(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("message header '" + name + "' is missing");
    }
    return value;
  }
}
