package com.example.trading.platform.kafka;

import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A Kafka consumer on its own thread that handles each poll as a batch and commits the batch's
 * offsets only after {@link #handle} returned: a crash replays, never skips, so handlers must be
 * idempotent. When a batch fails (the broker, the store or a dead-letter write), the loop goes back
 * to the committed offsets, waits with exponential back-off and tries again; it never skips a
 * record for an infrastructure failure. Started and stopped with the application context.
 *
 * @param <K> key type
 * @param <V> value type
 */
public abstract class ConsumerLoop<K, V> implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ConsumerLoop.class);
  private static final long MAX_BACKOFF_MS = 30_000;

  private final String name;
  protected final Consumer<K, V> consumer;
  private volatile Thread worker;
  private volatile boolean running;
  private volatile boolean failed;
  private volatile boolean assigned;

  protected ConsumerLoop(String name, Consumer<K, V> consumer) {
    this.name = name;
    this.consumer = consumer;
  }

  /** The topics the consumer reads (their deployed names). */
  protected abstract Collection<String> topics();

  /**
   * Whether the group has given this consumer a partition (a test waits for it before producing).
   */
  public boolean hasAssignment() {
    return assigned;
  }

  private void subscribe() {
    consumer.subscribe(
        topics(),
        new ConsumerRebalanceListener() {
          @Override
          public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            assigned = false;
          }

          @Override
          public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assigned = !partitions.isEmpty();
          }
        });
  }

  /** Handles one poll; throwing makes the loop rewind and retry the batch. */
  protected abstract void handle(ConsumerRecords<K, V> records);

  /** Runs once on the loop's thread before the first poll (e.g. waiting for a store). */
  protected void beforeFirstPoll() {}

  /** Runs after every poll, empty or not (e.g. measuring lag). */
  protected void afterPoll() {}

  /** Whether the loop stopped on an error it could not handle. */
  public boolean hasFailed() {
    return failed;
  }

  protected boolean running() {
    return running;
  }

  @Override
  public void start() {
    running = true;
    worker = new Thread(this::run, name);
    worker.start();
  }

  @Override
  public void stop() {
    running = false;
    consumer.wakeup();
    Thread current = worker;
    if (current != null) {
      try {
        current.join(Duration.ofSeconds(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void run() {
    try {
      beforeFirstPoll();
      subscribe();
      IntervalFunction backoffs =
          IntervalFunction.ofExponentialBackoff(
              Duration.ofMillis(200), 2.0, Duration.ofMillis(MAX_BACKOFF_MS));
      int failedBatches = 0;
      while (running) {
        ConsumerRecords<K, V> records = consumer.poll(Duration.ofMillis(500));
        try {
          if (!records.isEmpty()) {
            handle(records);
            consumer.commitSync();
          }
          failedBatches = 0;
        } catch (WakeupException e) {
          throw e;
        } catch (RuntimeException e) {
          long backoff = backoffs.apply(++failedBatches);
          log.error(
              "{}: batch failed; rewinding to the committed offsets and retrying in {} ms",
              name,
              backoff,
              e);
          rewindToCommittedOffsets(records);
          pause(backoff);
        }
        afterPoll();
      }
    } catch (WakeupException e) {
      if (running) {
        failed = true;
        log.error("{}: woken up unexpectedly", name, e);
      }
    } catch (RuntimeException e) {
      failed = true;
      log.error("{}: stopped", name, e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
      running = false;
    }
  }

  private void rewindToCommittedOffsets(ConsumerRecords<K, V> records) {
    try {
      Map<TopicPartition, OffsetAndMetadata> committed =
          consumer.committed(records.partitions(), Duration.ofSeconds(10));
      for (TopicPartition partition : records.partitions()) {
        OffsetAndMetadata offset = committed.get(partition);
        if (offset != null) {
          consumer.seek(partition, offset);
        } else {
          consumer.seekToBeginning(List.of(partition));
        }
      }
    } catch (RuntimeException e) {
      log.error("{}: could not rewind; resubscribing from the group's committed offsets", name, e);
      consumer.unsubscribe();
      subscribe();
    }
  }

  protected void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
