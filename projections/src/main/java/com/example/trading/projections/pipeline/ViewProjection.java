package com.example.trading.projections.pipeline;

import com.example.trading.platform.kafka.TopicNames;
import com.example.trading.projections.store.PoisonEventException;
import com.example.trading.projections.store.ViewStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps one view up to date from its topics, in its own consumer group, on its own thread.
 *
 * <p>Each poll is applied as one batch ({@link ViewStore#applyBatch}); offsets are committed only
 * after Elasticsearch acknowledged the documents and the checkpoints, so a crash replays, never
 * skips, and replayed events change nothing. An event that cannot be read or applied is retried a
 * bounded number of times, then written to the view's dead-letter topic with the reason, counted,
 * logged, and skipped; an unreachable Elasticsearch is retried with back-off for as long as it
 * takes (nothing is skipped for an infrastructure failure).
 */
public class ViewProjection<D> implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ViewProjection.class);
  private static final int POISON_ATTEMPTS = 3;

  private final View<D> view;
  private final ViewStore store;
  private final EventDecoder decoder;
  private final Consumer<String, byte[]> consumer;
  private final Producer<String, byte[]> deadLetters;
  private final Clock clock;
  private final TopicNames topics;
  private final Counter applied;
  private final Counter deadLettered;
  private final AtomicLong lagEvents = new AtomicLong();
  private final AtomicLong lagSeconds = new AtomicLong();
  private volatile Instant lastEventTime;
  private volatile Thread worker;
  private volatile boolean running;
  private volatile boolean failed;

  public ViewProjection(View<D> view, ViewStore store, EventDecoder decoder, Consumer<String, byte[]> consumer,
      Producer<String, byte[]> deadLetters, MeterRegistry meters, Clock clock, TopicNames topics) {
    this.view = view;
    this.store = store;
    this.decoder = decoder;
    this.consumer = consumer;
    this.deadLetters = deadLetters;
    this.clock = clock;
    this.topics = topics;
    this.applied = meters.counter("trading.projection.events.applied", "view", view.name());
    this.deadLettered = meters.counter("trading.projection.events.dead_lettered", "view", view.name());
    Gauge.builder("trading.projection.lag.events", lagEvents, AtomicLong::get).tag("view", view.name())
        .description("events on the view's topics not yet applied").register(meters);
    Gauge.builder("trading.projection.lag.seconds", lagSeconds, AtomicLong::get).tag("view", view.name())
        .description("age of the newest applied event while the view is behind").register(meters);
  }

  /** The dead-letter topic of a view. */
  public static String deadLetterTopic(String viewName) {
    return "projection." + viewName + ".dlt";
  }

  public View<D> view() {
    return view;
  }

  public long lagEvents() {
    return lagEvents.get();
  }

  public long lagSeconds() {
    return lagSeconds.get();
  }

  /** Whether the projection's thread stopped on an error it could not handle. */
  public boolean hasFailed() {
    return failed;
  }

  @Override
  public void start() {
    running = true;
    worker = new Thread(this::run, "projection-" + view.name());
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
      awaitElasticsearch();
      consumer.subscribe(view.topics().stream().map(topics::of).toList());
      while (running) {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
        if (!records.isEmpty()) {
          applyUntilDone(records);
          consumer.commitSync();
        }
        measureLag(records);
      }
    } catch (WakeupException e) {
      if (running) {
        failed = true;
        log.error("projection {} woken up unexpectedly", view.name(), e);
      }
    } catch (RuntimeException e) {
      failed = true;
      log.error("projection {} stopped", view.name(), e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
      running = false;
    }
  }

  private void awaitElasticsearch() {
    for (long backoff = 500; running; backoff = Math.min(backoff * 2, 30_000)) {
      try {
        store.ensureAlias(view);
        return;
      } catch (RuntimeException e) {
        log.warn("projection {}: Elasticsearch not ready ({}); retrying in {} ms", view.name(), e.getMessage(), backoff);
        sleep(backoff);
      }
    }
  }

  private void applyUntilDone(ConsumerRecords<String, byte[]> records) {
    Map<ProjectedEvent, ConsumerRecord<String, byte[]>> sources = new IdentityHashMap<>();
    List<ProjectedEvent> events = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      try {
        ProjectedEvent event = decoder.decode(record);
        events.add(event);
        sources.put(event, record);
      } catch (RuntimeException unreadable) {
        deadLetter(record, "unreadable: " + unreadable.getMessage());
      }
    }
    Map<ProjectedEvent, Integer> poisonAttempts = new IdentityHashMap<>();
    for (long backoff = 200; running; ) {
      try {
        store.applyBatch(view, store.alias(view), events, true);
        applied.increment(events.size());
        if (!events.isEmpty()) {
          lastEventTime = events.getLast().metadata().timestamp();
        }
        return;
      } catch (PoisonEventException poison) {
        int attempts = poisonAttempts.merge(poison.event(), 1, Integer::sum);
        if (attempts >= POISON_ATTEMPTS) {
          events.remove(poison.event());
          deadLetter(sources.get(poison.event()), "cannot apply: " + poison.getCause());
        }
      } catch (RuntimeException unavailable) {
        log.warn("projection {}: batch failed ({}); retrying in {} ms", view.name(), unavailable.toString(), backoff);
        sleep(backoff);
        backoff = Math.min(backoff * 2, 30_000);
      }
    }
    throw new WakeupException();
  }

  private void deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
    ProducerRecord<String, byte[]> dead = new ProducerRecord<>(topics.of(deadLetterTopic(view.name())), record.key(), record.value());
    record.headers().forEach(dead.headers()::add);
    dead.headers().add("failure", reason.getBytes(StandardCharsets.UTF_8));
    dead.headers().add("source", (record.topic() + "/" + record.partition() + "@" + record.offset())
        .getBytes(StandardCharsets.UTF_8));
    try {
      deadLetters.send(dead).get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("could not dead-letter " + record.topic() + "@" + record.offset(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    deadLettered.increment();
    log.warn("projection {} dead-lettered {}/{}@{} (key {}): {}", view.name(), record.topic(), record.partition(),
        record.offset(), record.key(), reason);
  }

  private void measureLag(ConsumerRecords<String, byte[]> records) {
    long lag = 0;
    for (TopicPartition partition : consumer.assignment()) {
      lag += consumer.currentLag(partition).orElse(0);
    }
    lagEvents.set(lag);
    Instant last = lastEventTime;
    lagSeconds.set(lag > 0 && last != null ? Math.max(0, Duration.between(last, clock.instant()).toSeconds()) : 0);
  }

  private void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
