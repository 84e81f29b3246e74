package com.example.trading.command.admission;

import com.example.trading.platform.kafka.ConsumerGroupLag;
import com.example.trading.platform.kafka.KafkaCluster;
import com.example.trading.platform.kafka.TopicNames;
import com.example.trading.platform.worker.PollingWorker;
import com.example.trading.schemas.EventStream;
import com.example.trading.schemas.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Measures the work queued in the loop every saga step goes round: the events the saga orchestrator
 * has not read yet (its inbox group's lag on the three event topics; the orchestrator stops reading
 * while its saga processor is behind, so its queue shows here) and the saga commands this service
 * has not applied yet (its saga-command group's lag), each in seconds of its group's recent rate,
 * added up. Read from Kafka every {@code trading.admission.refresh-interval} on a thread of its
 * own; gauges {@code trading.admission.saga.backlog.events} and {@code .seconds}. When Kafka does
 * not answer, the last estimate stands (admission must not fail because a measurement did); the
 * failure is logged and the worker backs off. Thread-safe.
 */
@Component
class SagaBacklog extends PollingWorker {

  private final ConsumerGroupLag sagaInbox;
  private final ConsumerGroupLag sagaCommands;
  private final Duration refreshInterval;
  private volatile BacklogEstimate current = BacklogEstimate.NONE;

  SagaBacklog(
      KafkaCluster kafka,
      TopicNames names,
      MeterRegistry meters,
      @Value("${trading.admission.saga-inbox-group:saga-orchestrator}") String sagaInboxGroup,
      @Value("${trading.saga-commands.group-id:command-side}") String sagaCommandsGroup,
      @Value("${trading.admission.refresh-interval:1s}") Duration refreshInterval) {
    super("saga-backlog");
    this.sagaInbox =
        new ConsumerGroupLag(
            kafka,
            sagaInboxGroup,
            Set.copyOf(names.of(EventStream.topicsOf(EventStream.SAGA_INPUTS))));
    this.sagaCommands =
        new ConsumerGroupLag(kafka, sagaCommandsGroup, Set.of(names.of(Topics.COMMANDS)));
    this.refreshInterval = refreshInterval;
    Gauge.builder(
            "trading.admission.saga.backlog.events", this, backlog -> backlog.current().events())
        .description("events and saga commands waiting in the saga's loop (consumer group lag)")
        .register(meters);
    Gauge.builder(
            "trading.admission.saga.backlog.seconds", this, backlog -> backlog.current().seconds())
        .description("that backlog in seconds of its consumers' recent rates")
        .register(meters);
  }

  /** The latest estimate. */
  BacklogEstimate current() {
    return current;
  }

  /** Samples both groups; one estimate. */
  void refresh() {
    current = estimate(sagaInbox.sample()).plus(estimate(sagaCommands.sample()));
  }

  private static BacklogEstimate estimate(ConsumerGroupLag.Sample sample) {
    return BacklogEstimate.of(sample.lag(), sample.messagesPerSecond());
  }

  @Override
  protected boolean workOnce() {
    try {
      refresh();
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "could not read the lag of consumer groups "
              + sagaInbox.group()
              + " and "
              + sagaCommands.group()
              + "; the last estimate stands",
          e);
    }
    return false;
  }

  @Override
  protected Duration idlePause() {
    return refreshInterval;
  }
}
