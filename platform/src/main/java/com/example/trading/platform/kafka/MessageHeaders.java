package com.example.trading.platform.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** The envelope's headers of a Kafka record as text (UTF-8, as the services write them). */
public final class MessageHeaders {

  private MessageHeaders() {}

  /** The last value of header {@code name}, or null when the record has none. */
  public static String text(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }
}
