package com.example.trading.platform.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * A Kafka consumer on its own thread (spring-kafka's {@link KafkaMessageListenerContainer}) that
 * handles each poll as a batch and commits the batch's offsets only after {@link #handle} returned
 * ({@code AckMode.BATCH}): a crash replays, never skips, so handlers must be idempotent. When a
 * batch fails (the broker, the store or a dead-letter write), spring-kafka's {@link
 * DefaultErrorHandler} hands the same batch to {@link #handle} again after an exponential back-off
 * (200 ms doubling to 30 s), for as long as it takes, polling meanwhile with the partitions paused
 * so the group keeps the consumer: it never skips a message for an infrastructure failure. A
 * message a handler cannot use is its decision (e.g. a {@link DeadLetterPublisher}), not an error.
 * Started and stopped with the application context.
 */
public abstract class ConsumerLoop implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ConsumerLoop.class);
  private static final long FIRST_BACKOFF_MS = 200;
  private static final long MAX_BACKOFF_MS = 30_000;

  private final String name;
  private final ConsumerSettings settings;
  private volatile KafkaMessageListenerContainer<String, byte[]> container;
  private volatile Thread starter;
  private volatile boolean running;
  private volatile boolean failed;
  private volatile boolean assigned;
  private volatile boolean pauseRequested;

  protected ConsumerLoop(String name, ConsumerSettings settings) {
    this.name = name;
    this.settings = settings;
  }

  /** The topics the consumer reads (their deployed names). */
  protected abstract Collection<String> topics();

  /** Handles one poll; throwing makes the same batch come again after a back-off. */
  protected abstract void handle(List<ReceivedMessage> batch);

  /**
   * Runs once on a thread of its own before the consumer joins its group (e.g. waiting for a
   * store); the consumer starts when it returns, unless the loop was stopped meanwhile.
   */
  protected void beforeFirstPoll() {}

  /**
   * Whether the group has given this consumer a partition (a test waits for it before producing).
   */
  public boolean hasAssignment() {
    return assigned;
  }

  /** Whether the loop stopped on an error it could not handle. */
  public boolean hasFailed() {
    KafkaMessageListenerContainer<String, byte[]> current = container;
    return failed || (running && current != null && !current.isInExpectedState());
  }

  protected boolean running() {
    return running;
  }

  /**
   * Stops fetching from every partition, the ones assigned later included, until {@link
   * #resumePolling}; the consumer stays in its group. Thread-safe.
   */
  protected void pausePolling() {
    pauseRequested = true;
    KafkaMessageListenerContainer<String, byte[]> current = container;
    if (current != null) {
      current.pause();
    }
  }

  protected void resumePolling() {
    pauseRequested = false;
    KafkaMessageListenerContainer<String, byte[]> current = container;
    if (current != null) {
      current.resume();
    }
  }

  /**
   * Messages on the assigned partitions after the consumer's position, as of its last fetch (the
   * client's {@code records-lag} metric); 0 before the first fetch. Thread-safe.
   */
  protected long lag() {
    return lagByPartition().values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * {@link #lag()} per assigned partition ({@code topic/partition}, sorted), as of the consumer's
   * last fetch; empty before it. Thread-safe.
   */
  protected SortedMap<String, Long> lagByPartition() {
    SortedMap<String, Long> lag = new TreeMap<>();
    Map<String, String> sameAs = new HashMap<>();
    KafkaMessageListenerContainer<String, byte[]> current = container;
    if (current == null) {
      return lag;
    }
    for (Map<MetricName, ? extends Metric> metrics : current.metrics().values()) {
      for (Map.Entry<MetricName, ? extends Metric> metric : metrics.entrySet()) {
        Map<String, String> tags = metric.getKey().tags();
        if (metric.getKey().name().equals("records-lag")
            && tags.containsKey("partition")
            && metric.getValue().metricValue() instanceof Double value
            && !value.isNaN()) {
          // The client registers each partition's metric twice: under the topic's name and, for
          // older readers, with its dots replaced by underscores. Count each partition once, by
          // its real name (the one with the dots).
          String partition = tags.get("topic") + "/" + tags.get("partition");
          String same = partition.replace('.', '_');
          String known = sameAs.putIfAbsent(same, partition);
          if (known == null) {
            lag.put(partition, (long) (double) value);
          } else if (count(partition, '.') > count(known, '.')) {
            lag.remove(known);
            lag.put(partition, (long) (double) value);
            sameAs.put(same, partition);
          }
        }
      }
    }
    return lag;
  }

  private static long count(String text, char character) {
    return text.chars().filter(c -> c == character).count();
  }

  @Override
  public void start() {
    running = true;
    Thread thread =
        new Thread(
            () -> {
              try {
                beforeFirstPoll();
                if (running) {
                  KafkaMessageListenerContainer<String, byte[]> built = newContainer();
                  container = built;
                  if (pauseRequested) {
                    built.pause();
                  }
                  built.start();
                }
              } catch (RuntimeException e) {
                failed = true;
                log.error("{}: could not start", name, e);
              }
            },
            name + "-start");
    starter = thread;
    thread.start();
  }

  private KafkaMessageListenerContainer<String, byte[]> newContainer() {
    ContainerProperties properties = new ContainerProperties(topics().toArray(String[]::new));
    properties.setAckMode(ContainerProperties.AckMode.BATCH);
    properties.setPollTimeout(500);
    properties.setConsumerRebalanceListener(
        new ConsumerAwareRebalanceListener() {
          @Override
          public void onPartitionsRevokedBeforeCommit(
              Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
            assigned = false;
          }

          @Override
          public void onPartitionsAssigned(
              Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
            assigned = !consumer.assignment().isEmpty();
          }
        });
    properties.setMessageListener(
        (BatchMessageListener<String, byte[]>)
            records -> {
              List<ReceivedMessage> batch = new ArrayList<>(records.size());
              for (ConsumerRecord<String, byte[]> record : records) {
                batch.add(ReceivedMessage.of(record));
              }
              handle(batch);
            });
    KafkaMessageListenerContainer<String, byte[]> built =
        new KafkaMessageListenerContainer<>(settings.consumerFactory(), properties);
    built.setBeanName(name);
    ExponentialBackOff backOff = new ExponentialBackOff(FIRST_BACKOFF_MS, 2.0);
    backOff.setMaxInterval(MAX_BACKOFF_MS);
    DefaultErrorHandler errors = new DefaultErrorHandler(backOff);
    // Every failure is retried: none is classified as not worth retrying (and so skipped).
    errors.setClassifications(Map.of(), true);
    errors.setRetryListeners(
        new RetryListener() {
          @Override
          public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int attempt) {}

          @Override
          public void failedDelivery(ConsumerRecords<?, ?> records, Exception ex, int attempt) {
            log.error(
                "{}: batch of {} failed (attempt {}); it comes again after a back-off",
                name,
                records.count(),
                attempt,
                ex);
          }
        });
    built.setCommonErrorHandler(errors);
    return built;
  }

  @Override
  public void stop() {
    running = false;
    Thread current = starter;
    if (current != null) {
      try {
        current.join(Duration.ofSeconds(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    KafkaMessageListenerContainer<String, byte[]> built = container;
    if (built != null) {
      built.stop();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Sleeps on the calling thread; false when interrupted (the loop is stopping). */
  protected boolean pause(long millis) {
    try {
      Thread.sleep(millis);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
