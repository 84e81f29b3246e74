package com.example.trading.saga.inbox;

import com.example.trading.platform.kafka.ConsumerLoop;
import com.example.trading.platform.kafka.ConsumerSettings;
import com.example.trading.platform.kafka.ReceivedMessage;
import com.example.trading.platform.kafka.TopicNames;
import com.example.trading.saga.store.SagaProcessorProgress;
import com.example.trading.schemas.EventStream;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 * the saga processor, the consumer pauses its partitions (and resumes below half of that; looked at
 * every 200 ms on a thread of its own), so the work queued in front of the orchestrator stays in
 * Kafka as this group's lag, where the command side sees it and pushes back on new orders, instead
 * of piling up unseen in the saga's store.
 */
@Component
class InboxConsumer extends ConsumerLoop {

  private static final Logger log = LoggerFactory.getLogger(InboxConsumer.class);
  private static final long BACKLOG_CHECK_MS = 200;

  private final InboxWriter writer;
  private final MeterRegistry meters;
  private final List<String> topics;
  private final SagaProcessorProgress progress;
  private final long maxSagaBacklog;
  private boolean paused;
  private ScheduledExecutorService flowControl;

  InboxConsumer(
      ConsumerSettings inboxConsumerSettings,
      InboxWriter writer,
      MeterRegistry meters,
      TopicNames names,
      SagaProcessorProgress progress,
      @Value("${trading.inbox.max-saga-backlog:500}") long maxSagaBacklog) {
    super("inbox-consumer", inboxConsumerSettings);
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
  public void start() {
    super.start();
    flowControl =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "inbox-flow-control");
              thread.setDaemon(true);
              return thread;
            });
    flowControl.scheduleWithFixedDelay(
        this::controlFlow, BACKLOG_CHECK_MS, BACKLOG_CHECK_MS, TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    if (flowControl != null) {
      flowControl.shutdownNow();
    }
    super.stop();
  }

  /** Pauses or resumes the consumer by the saga processor's backlog; runs on one thread. */
  private void controlFlow() {
    long backlog;
    try {
      backlog = progress.backlog();
    } catch (RuntimeException e) {
      log.warn("inbox flow control: the saga processor's backlog is unknown ({})", e.toString());
      return;
    }
    if (!paused && backlog > maxSagaBacklog) {
      pausePolling();
      paused = true;
      log.info(
          "inbox paused: {} events wait for the saga processor (more than {})",
          backlog,
          maxSagaBacklog);
    } else if (paused && backlog <= maxSagaBacklog / 2) {
      resumePolling();
      paused = false;
      log.info("inbox resumed: {} events wait for the saga processor", backlog);
    }
  }

  @Override
  protected void handle(List<ReceivedMessage> batch) {
    InboxWriter.Outcome outcome = writer.store(batch);
    meters.counter("trading.saga.inbox.stored").increment(outcome.stored());
    meters.counter("trading.saga.inbox.duplicates").increment(outcome.duplicates());
    meters.counter("trading.saga.inbox.rejected").increment(outcome.rejected());
    meters.counter("trading.saga.inbox.not-for-the-sagas").increment(outcome.notForTheSagas());
    if (outcome.rejected() > 0) {
      log.warn("inbox kept {} unreadable record(s) in inbox_rejected", outcome.rejected());
    }
  }
}
