package com.example.trading.projections.pipeline;

import com.example.trading.platform.kafka.ReceivedMessage;
import com.example.trading.platform.kafka.TopicNames;
import com.example.trading.schemas.MessageMetadata;
import com.example.trading.schemas.Topics;
import com.example.trading.schemas.TradingEvent;
import com.example.trading.schemas.codec.MessageCodec;
import org.springframework.stereotype.Component;

/** Reads a message of an event topic into a {@link ProjectedEvent}. Thread-safe. */
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
  public ProjectedEvent decode(ReceivedMessage record) {
    MessageMetadata metadata = MessageMetadata.fromHeaders(record::header);
    Object payload = codec.deserialize(metadata.type(), metadata.revision(), record.value());
    if (!(payload instanceof TradingEvent event)) {
      throw new IllegalArgumentException(metadata.type() + " is not an event");
    }
    return new ProjectedEvent(
        event,
        metadata,
        topics.contractNameOf(record.topic()),
        record.partition(),
        record.offset(),
        requiredLong(record, Topics.POSITION_HEADER),
        requiredLong(record, Topics.SEQUENCE_HEADER));
  }

  private static long requiredLong(ReceivedMessage record, String name) {
    String value = record.header(name);
    if (value == null) {
      throw new IllegalArgumentException("header '" + name + "' is missing");
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("header '" + name + "' is not a number: " + value, e);
    }
  }
}
