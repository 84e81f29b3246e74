package com.example.trading.platform.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics a service needs when they do not exist yet; existing topics are left as they
 * are. Safe to call from several services at once.
 */
public final class TopicProvisioner {

  private final Admin admin;
  private final int partitions;
  private final short replicationFactor;

  public TopicProvisioner(Admin admin, int partitions, short replicationFactor) {
    this.admin = admin;
    this.partitions = partitions;
    this.replicationFactor = replicationFactor;
  }

  /** Topics whose records are kept forever (event topics: the replay source of the views). */
  public void ensureRetainedForever(String... topics) {
    ensure(
        Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1", TopicConfig.RETENTION_BYTES_CONFIG, "-1"),
        topics);
  }

  /** How long a dead letter is kept for an operator to inspect, re-drive or discard: 90 days. */
  public static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(90);

  /**
   * Dead-letter topics: kept {@link #DEAD_LETTER_RETENTION} (the broker's default, a week, would
   * lose a dead letter before anyone looked), set on existing topics too.
   */
  public void ensureDeadLetters(String... topics) {
    String retention = Long.toString(DEAD_LETTER_RETENTION.toMillis());
    ensure(Map.of(TopicConfig.RETENTION_MS_CONFIG, retention), topics);
    Map<ConfigResource, Collection<AlterConfigOp>> retained = new HashMap<>();
    for (String topic : topics) {
      retained.put(
          new ConfigResource(ConfigResource.Type.TOPIC, topic),
          List.of(
              new AlterConfigOp(
                  new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, retention),
                  AlterConfigOp.OpType.SET)));
    }
    try {
      admin.incrementalAlterConfigs(retained).all().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "could not set the retention of " + List.of(topics) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while setting topic retention", e);
    }
  }

  /**
   * Compacted topics: the newest record of each key is kept for ever (ledgers keyed by what they
   * record).
   */
  public void ensureCompacted(String... topics) {
    ensure(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT), topics);
  }

  /** Topics with the broker's default retention (commands). */
  public void ensure(String... topics) {
    ensure(Map.of(), topics);
  }

  private void ensure(Map<String, String> config, String... topics) {
    List<NewTopic> wanted = new ArrayList<>();
    for (String topic : topics) {
      wanted.add(new NewTopic(topic, partitions, replicationFactor).configs(config));
    }
    try {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
      if (missing.isEmpty()) {
        return;
      }
      try {
        admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "could not create Kafka topics " + List.of(topics) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating Kafka topics", e);
    }
  }
}
