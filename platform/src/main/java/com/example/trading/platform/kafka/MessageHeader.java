package com.example.trading.platform.kafka;

import java.nio.charset.StandardCharsets;

/**
 * One header of a Kafka message: a name and its bytes (the services write UTF-8 text).
 *
 * @param name the header's key
 * @param value its bytes, or null
 */
public record MessageHeader(String name, byte[] value) {

  public static MessageHeader text(String name, String value) {
    return new MessageHeader(name, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
  }

  /** The value as UTF-8 text, or null. */
  public String text() {
    return value == null ? null : new String(value, StandardCharsets.UTF_8);
  }
}
