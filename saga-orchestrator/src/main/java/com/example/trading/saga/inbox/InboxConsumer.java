package com.example.trading.saga.inbox;

import com.example.trading.platform.kafka.ConsumerLoop;
import com.example.trading.platform.kafka.TopicNames;
import com.example.trading.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The inbox: reads the command side's three event topics and hands each poll to
 * {@link InboxWriter}. Offsets are committed only after the batch is committed in the saga
 * database ({@link ConsumerLoop}), so a crash re-reads, never skips; the writer's deduplication by
 * messageId makes a re-read change nothing. One thread.
 */
@Component
class InboxConsumer extends ConsumerLoop<String, byte[]> {

  private static final Logger log = LoggerFactory.getLogger(InboxConsumer.class);

  private final InboxWriter writer;
  private final MeterRegistry meters;
  private final List<String> topics;

  InboxConsumer(Consumer<String, byte[]> inboxKafkaConsumer, InboxWriter writer, MeterRegistry meters,
      TopicNames names) {
    super("inbox-consumer", inboxKafkaConsumer);
    this.writer = writer;
    this.meters = meters;
    this.topics = List.of(names.of(Topics.ORDER_EVENTS), names.of(Topics.HOLDING_EVENTS), names.of(Topics.FEE_EVENTS));
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
