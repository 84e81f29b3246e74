package com.example.trading.saga.store;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * How far the saga processor is behind the orchestrator's event store: the store's head (the
 * newest stored event's global index) against the lowest position the processor's segments in
 * this process have handled. The backlog is the work queued in front of the sagas; gauge
 * {@code trading.saga.backlog.events}. Thread-safe.
 */
@Component
public class SagaProcessorProgress {

  private static final long POLL_MILLIS = 10;

  private final EventStore eventStore;
  private final ObjectProvider<EventProcessingConfiguration> processing;

  SagaProcessorProgress(EventStore eventStore, ObjectProvider<EventProcessingConfiguration> processing,
      MeterRegistry meters) {
    this.eventStore = eventStore;
    this.processing = processing;
    Gauge.builder("trading.saga.backlog.events", this, SagaProcessorProgress::backlog)
        .description("events stored in the orchestrator but not yet handled by the saga processor")
        .register(meters);
  }

  /** The newest stored event's global index, or -1 when the store is empty. */
  public long head() {
    TrackingToken head = eventStore.createHeadToken();
    return head == null ? -1 : head.position().orElse(-1);
  }

  /**
   * The lowest global index every segment of the saga processor in this process has handled; -1
   * when a segment has handled nothing yet, or when no segment runs here right now (not started
   * yet, or backing off after a failed batch): then nothing stored counts as handled.
   */
  public long processed() {
    Map<Integer, EventTrackerStatus> segments = processing.getObject()
        .eventProcessor(AxonConfiguration.SAGA_PROCESSOR, StreamingEventProcessor.class)
        .map(StreamingEventProcessor::processingStatus)
        .orElse(Map.of());
    if (segments.isEmpty()) {
      return -1;
    }
    return segments.values().stream()
        .mapToLong(status -> status.getCurrentPosition().orElse(-1))
        .min()
        .orElse(-1);
  }

  /** Stored events not yet handled by the saga processor. */
  public long backlog() {
    return Math.max(0, head() - processed());
  }

  /**
   * Waits until the saga processor has handled everything stored up to now, or {@code atMost}
   * has passed.
   *
   * @return whether it caught up in time
   */
  public boolean awaitCaughtUp(Duration atMost) throws InterruptedException {
    long head = head();
    long until = System.nanoTime() + atMost.toNanos();
    while (processed() < head) {
      if (System.nanoTime() >= until) {
        return false;
      }
      Thread.sleep(POLL_MILLIS);
    }
    return true;
  }
}
