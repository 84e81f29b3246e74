package com.example.trading.platform.deadletters;

import com.example.trading.platform.kafka.MessageSender;
import com.example.trading.platform.kafka.OutgoingMessage;
import com.example.trading.platform.kafka.TopicNames;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What operators did with dead letters, and who and why: a compacted topic keyed by source and
 * message id, so the newest action on each message is kept for as long as the topic exists, shared
 * by every instance of every service. Dead-letter topics themselves are append-only; this is what
 * makes a message "handled".
 */
public final class DeadLetterLedger implements AutoCloseable {

  /** The ledger's contract topic name. */
  public static final String TOPIC = "trading.dead-letters.ledger";

  /** One action on one message. */
  public record Entry(
      String source, String id, Action action, String by, String reason, String at) {}

  public enum Action {
    REDRIVEN,
    DISCARDED
  }

  private final ObjectMapper json = new ObjectMapper();
  private final String topic;
  private final TopicReader reader;
  private final MessageSender producer;

  DeadLetterLedger(TopicNames topics, TopicReader reader, MessageSender producer) {
    this.topic = topics.of(TOPIC);
    this.reader = reader;
    this.producer = producer;
  }

  /** The newest action on each message, by {@link #key}. */
  Map<String, Entry> read() {
    Map<String, Entry> newest = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : reader.readAll(topic)) {
      if (record.value() == null) {
        continue;
      }
      try {
        newest.put(record.key(), json.readValue(record.value(), Entry.class));
      } catch (IOException e) {
        throw new UncheckedIOException("unreadable ledger entry " + record.key(), e);
      }
    }
    return newest;
  }

  /** Records an action; returns once the broker acknowledged it. */
  void append(Entry entry) {
    byte[] value;
    try {
      value = json.writeValueAsBytes(entry);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    producer.sendAndWait(
        new OutgoingMessage(topic, key(entry.source(), entry.id()), value, List.of()),
        "record " + entry + " in " + topic);
  }

  @Override
  public void close() {
    producer.close();
  }

  static String key(String source, String id) {
    return source + "/" + id;
  }
}
