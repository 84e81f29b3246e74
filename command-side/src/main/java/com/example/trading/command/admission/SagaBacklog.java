package com.example.trading.command.admission;

import com.example.trading.platform.kafka.TopicNames;
import com.example.trading.platform.worker.PollingWorker;
import com.example.trading.schemas.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Measures the work queued in front of the saga orchestrator: the lag of its inbox consumer group
 * on the three event topics (the orchestrator stops reading while its saga processor is behind, so
 * its queue shows here), and how fast that group consumes (committed offsets per second, smoothed).
 * Read from Kafka every {@code trading.admission.refresh-interval} on a thread of its own; gauges
 * {@code trading.admission.saga.backlog.events} and {@code .seconds}. When Kafka does not answer,
 * the last estimate stands (admission must not fail because a measurement did); the failure is
 * logged and the worker backs off. Thread-safe.
 */
@Component
class SagaBacklog extends PollingWorker {
  /** The weight of the newest rate sample. */
  private static final double SMOOTHING = 0.3;

  private final Admin admin;
  private final String group;
  private final Set<String> topics;
  private final Duration refreshInterval;
  private volatile BacklogEstimate current = BacklogEstimate.NONE;
  private long lastConsumed = -1;
  private long lastSampleNanos;
  private double eventsPerSecond;

  SagaBacklog(Admin admin, TopicNames names, MeterRegistry meters,
      @Value("${trading.admission.saga-inbox-group:saga-orchestrator}") String group,
      @Value("${trading.admission.refresh-interval:1s}") Duration refreshInterval) {
    super("saga-backlog");
    this.admin = admin;
    this.group = group;
    this.topics = Set.of(names.of(Topics.ORDER_EVENTS), names.of(Topics.HOLDING_EVENTS), names.of(Topics.FEE_EVENTS));
    this.refreshInterval = refreshInterval;
    Gauge.builder("trading.admission.saga.backlog.events", this, backlog -> backlog.current().events())
        .description("events the saga orchestrator has not read yet (its inbox group's lag)").register(meters);
    Gauge.builder("trading.admission.saga.backlog.seconds", this, backlog -> backlog.current().seconds())
        .description("the orchestrator's backlog in seconds of its recent consumption rate").register(meters);
  }

  /** The latest estimate. */
  BacklogEstimate current() {
    return current;
  }

  /** Reads the group's lag and folds its consumption into the rate; one sample. */
  void refresh() throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
    Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
    committed.forEach((partition, offset) -> {
      if (offset != null && topics.contains(partition.topic())) {
        wanted.put(partition, OffsetSpec.latest());
      }
    });
    if (wanted.isEmpty()) {
      current = BacklogEstimate.NONE;
      return;
    }
    Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(wanted).all().get(10, TimeUnit.SECONDS);
    long lag = 0;
    long consumed = 0;
    for (TopicPartition partition : wanted.keySet()) {
      long position = committed.get(partition).offset();
      consumed += position;
      lag += Math.max(0, ends.get(partition).offset() - position);
    }
    long now = System.nanoTime();
    if (lastConsumed >= 0 && now > lastSampleNanos) {
      double sample = (consumed - lastConsumed) * 1e9 / (now - lastSampleNanos);
      eventsPerSecond = eventsPerSecond == 0 ? sample : SMOOTHING * sample + (1 - SMOOTHING) * eventsPerSecond;
    }
    lastConsumed = consumed;
    lastSampleNanos = now;
    current = new BacklogEstimate(lag, eventsPerSecond);
  }

  @Override
  protected boolean workOnce() {
    try {
      refresh();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the saga's backlog", e);
    } catch (Exception e) {
      throw new IllegalStateException("could not read the backlog of consumer group " + group
          + "; the last estimate stands", e);
    }
    return false;
  }

  @Override
  protected Duration idlePause() {
    return refreshInterval;
  }
}
