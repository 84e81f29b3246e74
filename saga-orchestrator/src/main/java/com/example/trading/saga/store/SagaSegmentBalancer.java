package com.example.trading.saga.store;

import com.example.trading.platform.worker.PollingWorker;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Shares the saga processor's segments out among the orchestrator instances that are alive, so the
 * sagas (by order id) are spread over them. Every instance writes a heartbeat to {@code saga_node};
 * one that holds more than its share ({@code ceil(segments / instances seen in the last liveness
 * window)}) releases the surplus for a while, and another instance's processor claims it (Axon's
 * tracking processor claims unowned segments through {@code token_entry}). When an instance dies,
 * its heartbeat stops and its claims time out; the others' share grows and they claim its segments.
 * Sagas are read from the database for every event ({@link SagaAssociationCache}), so a segment can
 * move without anything held in memory going stale.
 */
@Component
class SagaSegmentBalancer extends PollingWorker {

  private static final Logger log = LoggerFactory.getLogger(SagaSegmentBalancer.class);

  private final JdbcTemplate jdbc;
  private final ObjectProvider<EventProcessingConfiguration> processing;
  private final Duration heartbeat;
  private final Duration liveness;
  private final Duration releaseFor;
  private final Map<Integer, Instant> releasedUntil = new HashMap<>();
  private final String nodeId =
      ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

  SagaSegmentBalancer(
      JdbcTemplate jdbc,
      ObjectProvider<EventProcessingConfiguration> processing,
      @Value("${trading.saga.processor.heartbeat:2s}") Duration heartbeat,
      @Value("${trading.saga.processor.liveness:10s}") Duration liveness,
      @Value("${trading.saga.processor.release-for:15s}") Duration releaseFor) {
    super("saga-segment-balancer");
    this.jdbc = jdbc;
    this.processing = processing;
    this.heartbeat = heartbeat;
    this.liveness = liveness;
    this.releaseFor = releaseFor;
  }

  @Override
  protected boolean workOnce() {
    jdbc.update(
        """
        insert into saga_node (node_id, seen_at) values (?, now())
        on conflict (node_id) do update set seen_at = excluded.seen_at""",
        nodeId);
    Optional<StreamingEventProcessor> processor = processor();
    if (processor.isEmpty()) {
      return false;
    }
    Map<Integer, EventTrackerStatus> claimed = processor.get().processingStatus();
    // A released segment stays in the status until its worker has finished its batch.
    Instant now = Instant.now();
    releasedUntil.values().removeIf(until -> until.isBefore(now));
    List<Integer> mine =
        claimed.keySet().stream()
            .filter(segment -> !releasedUntil.containsKey(segment))
            .sorted()
            .toList();
    Integer instances =
        jdbc.queryForObject(
            "select count(*) from saga_node where seen_at > now() - ?::interval",
            Integer.class,
            liveness.toMillis() + " milliseconds");
    Integer segments =
        jdbc.queryForObject(
            "select count(*) from token_entry where processor_name = ?",
            Integer.class,
            AxonConfiguration.SAGA_PROCESSOR);
    int share = fairShare(segments == null ? 0 : segments, instances == null ? 1 : instances);
    if (mine.size() > share) {
      List<Integer> surplus = mine.subList(share, mine.size());
      for (Integer segment : surplus) {
        processor.get().releaseSegment(segment, releaseFor.toMillis(), TimeUnit.MILLISECONDS);
        releasedUntil.put(segment, now.plus(releaseFor));
      }
      log.info(
          "released saga segments {} for {} to the other instances ({} alive, share {} of {})",
          surplus,
          releaseFor,
          instances,
          share,
          segments);
    }
    jdbc.update("delete from saga_node where seen_at < now() - interval '1 hour'");
    return false;
  }

  /**
   * A clean stop leaves at once: the others need not wait out the liveness window to share its
   * segments.
   */
  @Override
  public void stop() {
    super.stop();
    jdbc.update("delete from saga_node where node_id = ?", nodeId);
  }

  /** Segments an instance should hold: all of them divided among the instances, rounded up. */
  static int fairShare(int segments, int instances) {
    return instances <= 1 ? segments : (segments + instances - 1) / instances;
  }

  @Override
  protected Duration idlePause() {
    return heartbeat;
  }

  private Optional<StreamingEventProcessor> processor() {
    return processing
        .getObject()
        .eventProcessor(AxonConfiguration.SAGA_PROCESSOR, StreamingEventProcessor.class);
  }
}
