package com.example.trading.command.web;

import com.example.trading.platform.kafka.KafkaCluster;
import com.example.trading.platform.kafka.TopicNames;
import com.example.trading.schemas.PositionToken;
import com.example.trading.schemas.Topics;
import com.example.trading.schemas.codec.StoredClassNames;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The position tokens that command responses carry ({@link PositionToken}): the global index of the
 * newest stored event of the aggregate the command touched, and the topic and partition the relay
 * publishes it on (Kafka's default partitioner of the aggregate id). A view that has applied that
 * position on that partition reflects the command.
 */
@Component
public class EventStorePositions {

  private final JdbcTemplate jdbc;
  private final KafkaCluster kafka;
  private final TopicNames topics;

  EventStorePositions(JdbcTemplate jdbc, KafkaCluster kafka, TopicNames topics) {
    this.jdbc = jdbc;
    this.kafka = kafka;
    this.topics = topics;
  }

  /** The token after a command on {@code aggregateId}. */
  public String afterCommandOn(String aggregateId) {
    List<Map<String, Object>> newest =
        jdbc.queryForList(
            "select global_index, payload_type from domain_event_entry "
                + "where aggregate_identifier = ? order by sequence_number desc limit 1",
            aggregateId);
    if (newest.isEmpty()) {
      throw new IllegalStateException(
          "no events for " + aggregateId + " after a successful command");
    }
    String topic = Topics.eventTopicOf(eventClass((String) newest.get(0).get("payload_type")));
    long position = ((Number) newest.get(0).get("global_index")).longValue();
    return new PositionToken(topic, kafka.partitionOf(topics.of(topic), aggregateId), position)
        .toString();
  }

  private static Class<?> eventClass(String payloadType) {
    return StoredClassNames.classOf(payloadType)
        .orElseThrow(() -> new IllegalStateException("unknown stored event type " + payloadType));
  }
}
