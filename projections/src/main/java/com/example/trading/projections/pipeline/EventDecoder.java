package com.example.trading.projections.pipeline;

import com.example.trading.platform.kafka.TopicNames;
import com.example.trading.schemas.MessageMetadata;
import com.example.trading.schemas.Topics;
import com.example.trading.schemas.TradingEvent;
import com.example.trading.schemas.codec.MessageCodec;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.stereotype.Component;

/** Reads a Kafka record of an event topic into a {@link ProjectedEvent}. Thread-safe. */
@Component
public class EventDecoder {

  private final MessageCodec codec = new MessageCodec();
  private final TopicNames topics;

  public EventDecoder(TopicNames topics) {
    this.topics = topics;
  }

  /**
   * @throws IllegalArgumentException when the record is not a well-formed event of the contract
   */
  public ProjectedEvent decode(ConsumerRecord<String, byte[]> record) {
    MessageMetadata metadata = MessageMetadata.fromHeaders(name -> header(record, name));
    Object payload = codec.deserialize(metadata.type(), metadata.revision(), record.value());
    if (!(payload instanceof TradingEvent event)) {
      throw new IllegalArgumentException(metadata.type() + " is not an event");
    }
    return new ProjectedEvent(event, metadata, topics.contractNameOf(record.topic()), record.partition(), record.offset(),
        requiredLong(record, Topics.POSITION_HEADER), requiredLong(record, Topics.SEQUENCE_HEADER));
  }

  private static long requiredLong(ConsumerRecord<String, byte[]> record, String name) {
    String value = header(record, name);
    if (value == null) {
      throw new IllegalArgumentException("header '" + name + "' is missing");
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("header '" + name + "' is not a number: " + value, e);
    }
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
