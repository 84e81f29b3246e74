package com.example.trading.command.web;

import com.example.trading.platform.kafka.TopicNames;
import com.example.trading.schemas.PositionToken;
import com.example.trading.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.utils.Utils;
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
  private final Admin kafka;
  private final TopicNames topics;
  private final Map<String, Integer> partitionCounts = new ConcurrentHashMap<>();

  EventStorePositions(JdbcTemplate jdbc, Admin kafka, TopicNames topics) {
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
    return new PositionToken(topic, partitionOf(topic, aggregateId), position).toString();
  }

  private int partitionOf(String topic, String key) {
    int partitions = partitionCounts.computeIfAbsent(topics.of(topic), this::describePartitions);
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  private int describePartitions(String topic) {
    try {
      return kafka
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get(10, TimeUnit.SECONDS)
          .get(topic)
          .partitions()
          .size();
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot learn the partitions of " + topic + ": " + e.getMessage(), e);
    }
  }

  private static Class<?> eventClass(String payloadType) {
    try {
      return Class.forName(payloadType, false, EventStorePositions.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("unknown stored event type " + payloadType, e);
    }
  }
}
