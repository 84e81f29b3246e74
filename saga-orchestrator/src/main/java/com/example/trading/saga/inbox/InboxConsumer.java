package com.example.trading.saga.inbox;

import com.example.trading.platform.kafka.ConsumerLoop;
import com.example.trading.platform.kafka.TopicNames;
import com.example.trading.saga.store.SagaProcessorProgress;
import com.example.trading.schemas.EventStream;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The inbox: reads the command side's three event topics and hands each poll to {@link
 * InboxWriter}. Offsets are committed only after the batch is committed in the saga database
 * ({@link ConsumerLoop}), so a crash re-reads, never skips; the writer's deduplication by messageId
 * makes a re-read change nothing.
 *
 * <p>Flow control: while more than {@code trading.inbox.max-saga-backlog} stored events wait for
 * the saga processor, the consumer pauses its partitions (and resumes below half of that), so the
 * work queued in front of the orchestrator stays in Kafka as this group's lag, where the command
 * side sees it and pushes back on new orders, instead of piling up unseen in the saga's store. One
 * thread.
 */
@Component
class InboxConsumer extends ConsumerLoop<String, byte[]> {

  private static final Logger log = LoggerFactory.getLogger(InboxConsumer.class);
  private static final long BACKLOG_CHECK_NANOS = 200_000_000L;

  private final InboxWriter writer;
  private final MeterRegistry meters;
  private final List<String> topics;
  private final SagaProcessorProgress progress;
  private final long maxSagaBacklog;
  private boolean paused;
  private long nextBacklogCheck;

  InboxConsumer(
      Consumer<String, byte[]> inboxKafkaConsumer,
      InboxWriter writer,
      MeterRegistry meters,
      TopicNames names,
      SagaProcessorProgress progress,
      @Value("${trading.inbox.max-saga-backlog:500}") long maxSagaBacklog) {
    super("inbox-consumer", inboxKafkaConsumer);
    this.writer = writer;
    this.meters = meters;
    this.progress = progress;
    this.maxSagaBacklog = maxSagaBacklog;
    this.topics = names.of(EventStream.topicsOf(EventStream.SAGA_INPUTS));
  }

  @Override
  public int getPhase() {
    // Start after Axon (the saga processor) and stop before it.
    return Integer.MAX_VALUE - 200;
  }

  /** Whether the consumer owns partitions of the event topics. */
  @Override
  protected Collection<String> topics() {
    return topics;
  }

  @Override
  protected void afterPoll() {
    long now = System.nanoTime();
    if (now < nextBacklogCheck) {
      return;
    }
    nextBacklogCheck = now + BACKLOG_CHECK_NANOS;
    long backlog = progress.backlog();
    if (!paused && backlog > maxSagaBacklog) {
      consumer.pause(consumer.assignment());
      paused = true;
      log.info(
          "inbox paused: {} events wait for the saga processor (more than {})",
          backlog,
          maxSagaBacklog);
    } else if (paused && backlog <= maxSagaBacklog / 2) {
      consumer.resume(consumer.paused());
      paused = false;
      log.info("inbox resumed: {} events wait for the saga processor", backlog);
    } else if (paused) {
      // partitions assigned since the pause are not paused yet
      consumer.pause(consumer.assignment());
    }
  }

  @Override
  protected void handle(ConsumerRecords<String, byte[]> records) {
    List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(records.count());
    records.forEach(batch::add);
    InboxWriter.Outcome outcome = writer.store(batch);
    meters.counter("trading.saga.inbox.stored").increment(outcome.stored());
    meters.counter("trading.saga.inbox.duplicates").increment(outcome.duplicates());
    meters.counter("trading.saga.inbox.rejected").increment(outcome.rejected());
    if (outcome.rejected() > 0) {
      log.warn("inbox kept {} unreadable record(s) in inbox_rejected", outcome.rejected());
    }
  }
}
