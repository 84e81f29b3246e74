package com.example.trading.projections.pipeline;

import com.example.trading.platform.kafka.ConsumerLoop;
import com.example.trading.platform.kafka.ConsumerSettings;
import com.example.trading.platform.kafka.DeadLetterPublisher;
import com.example.trading.platform.kafka.MessageSender;
import com.example.trading.platform.kafka.ReceivedMessage;
import com.example.trading.platform.kafka.TopicNames;
import com.example.trading.platform.logging.LoggingContext;
import com.example.trading.platform.tracing.Traces;
import com.example.trading.projections.store.PoisonEventException;
import com.example.trading.projections.store.ViewStore;
import com.example.trading.projections.store.ViewVersionMismatchException;
import com.example.trading.schemas.MessageMetadata;
import com.example.trading.schemas.ReadModel;
import io.github.resilience4j.core.IntervalFunction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SortedMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one view up to date from its topics, in its own consumer group, on its own thread.
 *
 * <p>Each poll is applied as one batch ({@link ViewStore#applyBatch}), searchable at once while the
 * process applies few events and at the index's next refresh under load ({@link RefreshPolicy});
 * offsets are committed only after Elasticsearch acknowledged the documents and the checkpoints
 * ({@link ConsumerLoop}), so a crash replays, never skips, and replayed events change nothing. An
 * event that cannot be read or applied is retried a bounded number of times, then written to the
 * view's dead-letter topic with the reason, counted, logged, and skipped; an unreachable
 * Elasticsearch is retried with back-off for as long as it takes (nothing is skipped for an
 * infrastructure failure).
 */
public class ViewProjection<D> extends ConsumerLoop {

  private static final Logger log = LoggerFactory.getLogger(ViewProjection.class);
  private static final int POISON_ATTEMPTS = 3;

  private final View<D> view;
  private final ViewStore store;
  private final EventDecoder decoder;
  private final DeadLetterPublisher deadLetters;
  private final Clock clock;
  private final TopicNames topics;
  private final Counter applied;
  private final Counter deadLettered;
  private volatile Instant lastEventTime;
  private final Traces traces;
  private static final long VERSION_RECHECK_MS = 10_000;
  private volatile String refusal;
  private volatile long versionCheckedAt;
  private final RefreshPolicy refreshPolicy;
  private final Counter refreshedAtOnce;
  private final Counter refreshedOnSchedule;

  public ViewProjection(
      View<D> view,
      ViewStore store,
      EventDecoder decoder,
      ConsumerSettings consumerSettings,
      MessageSender deadLetterSender,
      MeterRegistry meters,
      Clock clock,
      TopicNames topics,
      Traces traces,
      RefreshPolicy refreshPolicy) {
    super("projection-" + view.name(), consumerSettings);
    this.refreshPolicy = refreshPolicy;
    this.traces = traces;
    this.view = view;
    this.store = store;
    this.decoder = decoder;
    this.clock = clock;
    this.topics = topics;
    this.deadLetters =
        new DeadLetterPublisher(
            deadLetterSender, topics.of(ReadModel.deadLetterTopicOf(view.name())), clock);
    this.applied = meters.counter("trading.projection.events.applied", "view", view.name());
    this.deadLettered =
        meters.counter("trading.projection.events.dead_lettered", "view", view.name());
    this.refreshedAtOnce =
        meters.counter("trading.projection.batches", "view", view.name(), "refresh", "immediate");
    this.refreshedOnSchedule =
        meters.counter("trading.projection.batches", "view", view.name(), "refresh", "scheduled");
    Gauge.builder("trading.projection.lag.events", this, ViewProjection::lagEvents)
        .tag("view", view.name())
        .description("events on the view's topics not yet applied")
        .register(meters);
    Gauge.builder("trading.projection.lag.seconds", this, ViewProjection::lagSeconds)
        .tag("view", view.name())
        .description("age of the newest applied event while the view is behind")
        .register(meters);
  }

  public View<D> view() {
    return view;
  }

  /** Events on the view's assigned partitions not yet applied, as of the consumer's last fetch. */
  public long lagEvents() {
    return lag();
  }

  /** {@link #lagEvents()} per assigned partition ({@code topic/partition}). */
  public SortedMap<String, Long> lagEventsByPartition() {
    return lagByPartition();
  }

  /** The age of the newest applied event while the view is behind; 0 when it is not. */
  public long lagSeconds() {
    Instant last = lastEventTime;
    return lagEvents() > 0 && last != null
        ? Math.max(0, Duration.between(last, clock.instant()).toSeconds())
        : 0;
  }

  /**
   * Why the projection writes nothing (the live index holds another version of the view), or null
   * while it works.
   */
  public String refusal() {
    return refusal;
  }

  @Override
  protected void beforeFirstPoll() {
    IntervalFunction backoffs =
        IntervalFunction.ofExponentialBackoff(Duration.ofMillis(500), 2.0, Duration.ofSeconds(30));
    for (int attempt = 1; running(); attempt++) {
      long backoff = backoffs.apply(attempt);
      try {
        store.ensureAlias(view);
        versionCheckedAt = clock.millis();
        refused(null);
        return;
      } catch (ViewVersionMismatchException mismatch) {
        refused(mismatch.getMessage());
        pause(VERSION_RECHECK_MS);
      } catch (RuntimeException e) {
        log.warn(
            "projection {}: Elasticsearch not ready ({}); retrying in {} ms",
            view.name(),
            e.getMessage(),
            backoff);
        pause(backoff);
      }
    }
  }

  /**
   * The alias may have been swapped since (a rebuild of another version): checked again at most
   * every {@value #VERSION_RECHECK_MS} ms; a batch for an index of another version fails, so it is
   * read again once the versions agree.
   */
  private void requireVersion() {
    if (refusal == null && clock.millis() - versionCheckedAt < VERSION_RECHECK_MS) {
      return;
    }
    try {
      store.requireVersion(
          view,
          store
              .indexBehindAlias(store.alias(view))
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "the alias " + store.alias(view) + " points at no index")));
      versionCheckedAt = clock.millis();
      refused(null);
    } catch (ViewVersionMismatchException mismatch) {
      refused(mismatch.getMessage());
      throw mismatch;
    }
  }

  /**
   * Logs a refusal at each look (every {@value #VERSION_RECHECK_MS} ms at most): it needs an
   * operator.
   */
  private void refused(String why) {
    if (why != null) {
      log.error("projection {} refuses to write: {}", view.name(), why);
    } else if (refusal != null) {
      log.info(
          "projection {} writes again: the index behind its alias holds version {}",
          view.name(),
          view.version());
    }
    refusal = why;
  }

  @Override
  protected Collection<String> topics() {
    return view.topics().stream().map(topics::of).toList();
  }

  @Override
  protected void handle(List<ReceivedMessage> records) {
    requireVersion();
    Map<ProjectedEvent, ReceivedMessage> sources = new IdentityHashMap<>();
    List<ProjectedEvent> events = new ArrayList<>();
    for (ReceivedMessage record : records) {
      try {
        ProjectedEvent event = decoder.decode(record);
        events.add(event);
        sources.put(event, record);
      } catch (RuntimeException unreadable) {
        deadLetter(record, "unreadable: " + unreadable.getMessage());
      }
    }
    // each event's view update is a step of its journey's trace, as long as the batch takes
    List<Traces.Step> steps =
        events.stream()
            .map(
                event ->
                    traces
                        .startDetached(
                            "view " + view.name() + " " + event.metadata().type(),
                            event.metadata().traceparent())
                        .tag(MessageMetadata.CORRELATION_ID, event.metadata().correlationId()))
            .toList();
    try {
      applyAll(events, sources);
    } finally {
      steps.forEach(Traces.Step::close);
    }
  }

  private void applyAll(List<ProjectedEvent> events, Map<ProjectedEvent, ReceivedMessage> sources) {
    Map<ProjectedEvent, Integer> poisonAttempts = new IdentityHashMap<>();
    ViewStore.Visibility visibility = visibility(events);
    while (true) {
      try {
        store.applyBatch(view, store.alias(view), events, visibility);
        applied.increment(events.size());
        if (!events.isEmpty()) {
          lastEventTime = events.getLast().metadata().timestamp();
        }
        return;
      } catch (PoisonEventException poison) {
        if (poisonAttempts.merge(poison.event(), 1, Integer::sum) >= POISON_ATTEMPTS) {
          events.remove(poison.event());
          deadLetter(
              sources.get(poison.event()), poison.event(), "cannot apply: " + poison.getCause());
        }
      }
    }
  }

  /**
   * At once while the process applies few events ({@link RefreshPolicy}: an idle system), otherwise
   * at the index's next scheduled refresh (under load).
   */
  private ViewStore.Visibility visibility(List<ProjectedEvent> events) {
    OptionalLong wait = refreshPolicy.immediateRefreshAfter(events.size(), clock.millis());
    if (wait.isEmpty()) {
      refreshedOnSchedule.increment();
      return ViewStore.Visibility.NEXT_REFRESH;
    }
    if (wait.getAsLong() > 0) {
      pause(wait.getAsLong());
    }
    refreshedAtOnce.increment();
    return ViewStore.Visibility.IMMEDIATE;
  }

  private void deadLetter(ReceivedMessage record, String reason) {
    deadLetter(record, null, reason);
  }

  /**
   * Parks the record; the log line names its journey, order and account where {@code event} knows
   * them.
   */
  private void deadLetter(ReceivedMessage record, ProjectedEvent event, String reason) {
    try (LoggingContext context =
            LoggingContext.of(
                record.header(MessageMetadata.CORRELATION_ID),
                event == null ? null : event.event());
        Traces.Step step =
            traces.start(
                "dead-letter " + view.name(), record.header(MessageMetadata.TRACEPARENT))) {
      deadLetters.publish(record, reason);
      deadLettered.increment();
      log.warn(
          "projection {} dead-lettered {}/{}@{} (key {}): {}",
          view.name(),
          record.topic(),
          record.partition(),
          record.offset(),
          record.key(),
          reason);
    }
  }
}
