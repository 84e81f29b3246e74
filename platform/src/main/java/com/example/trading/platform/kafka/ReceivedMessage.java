package com.example.trading.platform.kafka;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A message as a consumer read it: where it was read, its key (the aggregate id, for events and
 * commands), its value (the contract's JSON) and its headers (the envelope). What the services
 * handle instead of the Kafka client's record type, so that only {@code platform} touches the
 * client.
 *
 * @param topic the topic's deployed name
 * @param partition the partition it was read from
 * @param offset its offset in that partition
 * @param key the key, or null
 * @param value the value, or null
 * @param headers the headers in the order written
 * @param timestamp when the broker or producer stamped it, or null when unknown (a message kept
 *     outside Kafka)
 */
public record ReceivedMessage(
    String topic,
    int partition,
    long offset,
    String key,
    byte[] value,
    List<MessageHeader> headers,
    Instant timestamp) {

  public ReceivedMessage {
    headers = List.copyOf(headers);
  }

  /** A message with no headers, stamped now: for tests and for a message built by hand. */
  public static ReceivedMessage of(
      String topic, int partition, long offset, String key, byte[] value) {
    return new ReceivedMessage(topic, partition, offset, key, value, List.of(), Instant.now());
  }

  static ReceivedMessage of(ConsumerRecord<String, byte[]> record) {
    List<MessageHeader> headers = new ArrayList<>();
    for (Header header : record.headers()) {
      headers.add(new MessageHeader(header.key(), header.value()));
    }
    return new ReceivedMessage(
        record.topic(),
        record.partition(),
        record.offset(),
        record.key(),
        record.value(),
        headers,
        Instant.ofEpochMilli(record.timestamp()));
  }

  /** The last value of header {@code name} as UTF-8 text, or null when the message has none. */
  public String header(String name) {
    for (int i = headers.size() - 1; i >= 0; i--) {
      if (headers.get(i).name().equals(name)) {
        return headers.get(i).text();
      }
    }
    return null;
  }

  /** Where it was read: {@code topic/partition@offset}. */
  public String source() {
    return topic + "/" + partition + "@" + offset;
  }
}
