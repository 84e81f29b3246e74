package com.example.trading.saga.market;

import com.example.trading.platform.tracing.Traces;
import com.example.trading.platform.worker.PollingWorker;
import com.example.trading.saga.market.MarketCommand.CancelAtMarket;
import com.example.trading.saga.market.MarketCommand.ReplaceAtMarket;
import com.example.trading.saga.market.MarketCommand.RequestReferencePrice;
import com.example.trading.saga.market.MarketCommand.SubmitToMarket;
import com.example.trading.saga.market.MarketEvent.MarketOrderAccepted;
import com.example.trading.saga.market.MarketEvent.MarketOrderCancelled;
import com.example.trading.saga.market.MarketEvent.MarketOrderEnded;
import com.example.trading.saga.market.MarketEvent.MarketOrderReplaceRejected;
import com.example.trading.saga.market.MarketEvent.MarketOrderReplaced;
import com.example.trading.saga.market.MarketEvent.MarketOrderUnknown;
import com.example.trading.saga.market.MarketEvent.ReferencePriceQuoted;
import com.example.trading.saga.market.MarketEvent.ReferencePriceUnavailable;
import com.example.trading.saga.market.MarketRequestQueue.Kind;
import com.example.trading.saga.market.VenueApi.NewOrder;
import com.example.trading.saga.market.VenueApi.OrderAnswer;
import com.example.trading.saga.market.VenueApi.ReplaceOrder;
import com.example.trading.saga.market.VenueClient.Cancellation;
import com.example.trading.saga.market.VenueClient.Replacement;
import com.example.trading.saga.store.EventStoreTransactions;
import com.example.trading.schemas.MessageMetadata;
import com.example.trading.schemas.OrderEvent;
import com.example.trading.schemas.OrderType;
import com.example.trading.schemas.TimeInForce;
import com.example.trading.schemas.codec.StoredClassNames;
import io.github.resilience4j.core.IntervalFunction;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Works the {@code market_request} queue: claims the oldest due request (requests of one order one
 * at a time, in order), calls the venue outside any transaction, then records the outcome as a
 * {@link MarketEvent} in the saga's event store in the same transaction that marks the request
 * done. A request whose venue call failed for a transient reason goes back on the queue with
 * back-off and jitter; the saga's step deadline decides when to stop waiting.
 *
 * <p>Before it submits, the gateway re-checks that the order is still live. When the saga has since
 * asked to cancel it, the submission is superseded: it is closed without a venue call and without
 * an event, and the cancel that follows finds out what the venue has (404 when no attempt ever
 * reached it, else the order's fill state), so an earlier attempt that reached the venue unanswered
 * is never mistaken for none. When the inbox already holds the order's cancellation request (or
 * end) but the saga has not acted on it yet, the submission waits for the saga's cancel instead of
 * going out. Venue order id = client order id = order id, so a submission retried after a lost
 * answer is the same venue order.
 *
 * <p>A claim is a lease: a worker that dies mid-call leaves the request to be claimed again when
 * the lease runs out; the venue's idempotence makes the repeated call harmless and the request's
 * single completion (and the event's derived identifier) records its outcome once.
 *
 * <p>{@code trading.market.workers} threads (and any number of instances) work the queue at once:
 * each claims with {@code for update skip locked}, and a request is claimable only when its order
 * has no earlier request open, so one order's requests still run one at a time, in order, while a
 * burst of orders is not serialised behind one venue call. The saga's queue wakes a worker after
 * its commit, and a worker that claimed a request wakes the next, so as many work as there are
 * requests (up to the count) without every commit waking them all; the poll interval bounds the
 * rest (retries, other instances). Every venue answer wakes the executions feed, whose fills follow
 * an accepted order. Finished requests are deleted after {@code trading.market.retention}.
 */
@Component
class MarketGateway extends PollingWorker {

  private static final Logger log = LoggerFactory.getLogger(MarketGateway.class);

  /**
   * Order events after which a submission must not go out; the cancellation request comes first.
   */
  private static final List<String> ORDER_NO_LONGER_LIVE =
      StoredClassNames.namesOf(
          OrderEvent.OrderCancellationRequested.class,
          OrderEvent.OrderRejected.class,
          OrderEvent.OrderCancelled.class,
          OrderEvent.OrderExpired.class,
          OrderEvent.OrderCompleted.class);

  private final JdbcTemplate jdbc;
  private final EventStoreTransactions transaction;
  private final VenueClient venue;
  private final MarketEventLog events;
  private final MarketProperties properties;
  private final MeterRegistry meters;
  private final ExecutionFeed executionFeed;
  private final Traces traces;
  private final AtomicReference<Instant> nextCleanUp = new AtomicReference<>(Instant.EPOCH);

  MarketGateway(
      JdbcTemplate jdbc,
      EventStoreTransactions transaction,
      VenueClient venue,
      MarketEventLog events,
      MarketProperties properties,
      MeterRegistry meters,
      ExecutionFeed executionFeed,
      Traces traces) {
    super("market-gateway", properties.workers());
    this.traces = traces;
    this.jdbc = jdbc;
    this.transaction = transaction;
    this.venue = venue;
    this.events = events;
    this.properties = properties;
    this.meters = meters;
    this.executionFeed = executionFeed;
  }

  record Request(
      long id,
      String orderId,
      Kind kind,
      byte[] payload,
      String causationId,
      String traceparent,
      int attempts) {}

  @Override
  protected boolean workOnce() {
    Request request = claim();
    if (request == null) {
      cleanUpNowAndThen();
      return false;
    }
    // More may be waiting: recruit another worker while this one is at the venue.
    wakeUp();
    process(request);
    return true;
  }

  /** Deletes finished requests past their retention, at most every ten minutes, on one worker. */
  private void cleanUpNowAndThen() {
    Instant due = nextCleanUp.get();
    Instant now = Instant.now();
    if (now.isBefore(due) || !nextCleanUp.compareAndSet(due, now.plus(Duration.ofMinutes(10)))) {
      return;
    }
    int deleted =
        jdbc.update(
            "delete from market_request where done_at < ?",
            Timestamp.from(now.minus(properties.retention())));
    if (deleted > 0) {
      meters.counter("trading.saga.cleanup.removed", "table", "market_request").increment(deleted);
      log.info(
          "deleted {} finished market requests older than {}", deleted, properties.retention());
    }
  }

  @Override
  protected Duration idlePause() {
    return properties.pollInterval();
  }

  /** Claims the oldest due request whose order has no earlier request still open. */
  Request claim() {
    return transaction.execute(
        () -> {
          List<Request> due =
              jdbc.query(
                  """
          select r.id, r.order_id, r.kind, r.payload, r.causation_id, r.traceparent, r.attempts
          from market_request r
          where r.done_at is null and r.next_attempt_at <= now()
            and r.id = (select min(e.id) from market_request e where e.order_id = r.order_id and e.done_at is null)
          order by r.id limit 1 for update skip locked""",
                  (rs, n) ->
                      new Request(
                          rs.getLong("id"),
                          rs.getString("order_id"),
                          Kind.valueOf(rs.getString("kind")),
                          rs.getBytes("payload"),
                          rs.getString("causation_id"),
                          rs.getString("traceparent"),
                          rs.getInt("attempts") + 1));
          if (due.isEmpty()) {
            return null;
          }
          Request request = due.get(0);
          jdbc.update(
              "update market_request set attempts = attempts + 1, first_claimed_at = coalesce(first_claimed_at, now()), next_attempt_at = now() + ? * interval '1 millisecond' where id = ?",
              properties.lease().toMillis(),
              request.id());
          return request;
        });
  }

  void process(Request request) {
    try (Traces.Step step =
        traces.start(
            "venue " + request.kind().name().toLowerCase(java.util.Locale.ROOT),
            request.traceparent())) {
      step.tag(MessageMetadata.CORRELATION_ID, request.orderId()).tag("orderId", request.orderId());
      processInTrace(request);
    }
  }

  private void processInTrace(Request request) {
    try {
      if (request.kind() == Kind.SUBMIT) {
        String superseded = supersededBy(request);
        if (superseded != null) {
          close(request, "SUPERSEDED", superseded);
          return;
        }
        String ended = endRecordedInInbox(request);
        if (ended != null && ended.endsWith("OrderCancellationRequested")) {
          postpone(request, ended + "; waiting for the saga's cancel");
          return;
        }
        if (ended != null) {
          close(request, "ORDER_ENDED", ended);
          return;
        }
      }
      MarketEvent outcome =
          switch (request.kind()) {
            case QUOTE ->
                quote(MarketRequestQueue.fromJson(request.payload(), RequestReferencePrice.class));
            case SUBMIT ->
                submit(
                    request, MarketRequestQueue.fromJson(request.payload(), SubmitToMarket.class));
            case REPLACE ->
                replace(MarketRequestQueue.fromJson(request.payload(), ReplaceAtMarket.class));
            case CANCEL ->
                cancel(MarketRequestQueue.fromJson(request.payload(), CancelAtMarket.class));
          };
      complete(request, outcome);
    } catch (RuntimeException failure) {
      retryLater(request, failure);
    }
  }

  private MarketEvent quote(RequestReferencePrice request) {
    return venue
        .referencePrice(request.instrument())
        .<MarketEvent>map(
            price -> new ReferencePriceQuoted(request.orderId(), request.instrument(), price))
        .orElseGet(
            () ->
                new ReferencePriceUnavailable(
                    request.orderId(),
                    request.instrument(),
                    "the venue has no price for " + request.instrument()));
  }

  private MarketEvent submit(Request request, SubmitToMarket order) {
    // A request queued before time in force was recorded is a DAY order.
    TimeInForce timeInForce = order.timeInForce() == null ? TimeInForce.DAY : order.timeInForce();
    String expiresAt =
        order.type() != OrderType.MARKET && timeInForce == TimeInForce.DAY
            ? firstSubmissionClaimedAt(request).plus(properties.dayOrderLifetime()).toString()
            : null;
    OrderAnswer answer =
        venue.submit(
            new NewOrder(
                order.orderId(),
                order.side().name(),
                order.instrument(),
                order.quantity(),
                order.type().name(),
                order.limitPrice(),
                order.priceProtection(),
                expiresAt,
                timeInForce.name(),
                order.stopPrice()));
    if (answer.status() == VenueOrderStatus.REJECTED) {
      return MarketEvent.refusal(order.orderId(), answer.reason());
    }
    return new MarketOrderAccepted(
        order.orderId(), answer.venueOrderId() == null ? order.orderId() : answer.venueOrderId());
  }

  /**
   * When the gateway first claimed the order's submission to send it: a DAY order's expiry counts
   * from it, so time spent waiting in our own queue does not eat the order's day, and every sending
   * of the order (a retry, another instance's after a crash, the saga asking again) carries the
   * same terms and the venue answers it as the same order, instead of refusing its client order id
   * as reused with other terms. The claim is committed before the venue is called.
   */
  private Instant firstSubmissionClaimedAt(Request request) {
    Timestamp first =
        jdbc.queryForObject(
            "select min(coalesce(first_claimed_at, created_at)) from market_request where order_id = ? and kind = 'SUBMIT'",
            Timestamp.class,
            request.orderId());
    return first == null ? Instant.now() : first.toInstant();
  }

  /** Why the submission must not go out because the saga asked to cancel after it, or null. */
  private String supersededBy(Request request) {
    Boolean cancelAsked =
        jdbc.queryForObject(
            "select exists (select 1 from market_request where order_id = ? and kind = 'CANCEL' and id > ?)",
            Boolean.class,
            request.orderId(),
            request.id());
    return Boolean.TRUE.equals(cancelAsked) ? "a cancel was asked after the submission" : null;
  }

  /**
   * What the inbox holds that ends the order's life (cancellation requested, or an end), or null.
   */
  private String endRecordedInInbox(Request request) {
    List<String> ended =
        jdbc.queryForList(
            """
        select payload_type from domain_event_entry
        where aggregate_identifier = ? and payload_type = any(?) order by sequence_number desc limit 1""",
            String.class,
            "order:" + request.orderId(),
            ORDER_NO_LONGER_LIVE.toArray(String[]::new));
    return ended.isEmpty()
        ? null
        : "the order recorded " + ended.get(0).substring(ended.get(0).lastIndexOf('$') + 1);
  }

  private MarketEvent replace(ReplaceAtMarket request) {
    Replacement replacement =
        venue.replace(
            request.orderId(),
            new ReplaceOrder(
                request.replaceId(),
                request.quantity(),
                request.limitPrice(),
                request.stopPrice(),
                request.priceProtection()));
    return switch (replacement) {
      case Replacement.Replaced replaced ->
          new MarketOrderReplaced(
              request.orderId(), request.replaceId(), replaced.filledQuantity());
      case Replacement.Refused refused ->
          new MarketOrderReplaceRejected(request.orderId(), request.replaceId(), refused.reason());
    };
  }

  private MarketEvent cancel(CancelAtMarket request) {
    Cancellation cancellation = venue.cancel(request.orderId());
    return switch (cancellation) {
      case Cancellation.Cancelled cancelled ->
          new MarketOrderCancelled(request.orderId(), cancelled.filledQuantity());
      case Cancellation.Unknown unknown -> new MarketOrderUnknown(request.orderId());
      case Cancellation.AlreadyEnded ended ->
          new MarketOrderEnded(
              request.orderId(), ended.state().status(), ended.state().filledQuantity());
    };
  }

  private void complete(Request request, MarketEvent outcome) {
    transaction.execute(
        () -> {
          int updated =
              jdbc.update(
                  "update market_request set done_at = now(), outcome = ?, last_error = null where id = ? and done_at is null",
                  outcome.getClass().getSimpleName(),
                  request.id());
          if (updated == 1) {
            String traceparent = traces.traceparent();
            events.append(
                "market-request-" + request.id(),
                outcome,
                request.causationId(),
                traceparent != null ? traceparent : request.traceparent());
          }
        });
    executionFeed.wakeUp();
    meters
        .counter(
            "trading.saga.market.requests",
            "kind",
            request.kind().name(),
            "outcome",
            outcome.getClass().getSimpleName())
        .increment();
    log.atInfo()
        .addKeyValue("orderId", request.orderId())
        .addKeyValue("correlationId", request.orderId())
        .log("market {} answered: {}", request.kind(), outcome);
  }

  /** Closes a request without a venue call and without an event. */
  private void close(Request request, String outcome, String why) {
    jdbc.update(
        "update market_request set done_at = now(), outcome = ?, last_error = null where id = ? and done_at is null",
        outcome,
        request.id());
    meters
        .counter("trading.saga.market.requests", "kind", request.kind().name(), "outcome", outcome)
        .increment();
    log.atInfo()
        .addKeyValue("orderId", request.orderId())
        .addKeyValue("correlationId", request.orderId())
        .log("market {} not sent: {}", request.kind(), why);
  }

  private void postpone(Request request, String why) {
    jdbc.update(
        "update market_request set next_attempt_at = now() + interval '500 milliseconds', last_error = ? where id = ?",
        why,
        request.id());
  }

  private void retryLater(Request request, RuntimeException failure) {
    Duration base = properties.requeueBackoff();
    long delay =
        IntervalFunction.ofExponentialRandomBackoff(base, 2.0, 0.5, base.multipliedBy(10))
            .apply(Math.max(request.attempts(), 1));
    jdbc.update(
        """
        update market_request set next_attempt_at = now() + ? * interval '1 millisecond', last_error = ?
        where id = ? and done_at is null""",
        delay,
        failure.toString(),
        request.id());
    meters
        .counter("trading.saga.market.requests", "kind", request.kind().name(), "outcome", "retry")
        .increment();
    log.atWarn()
        .addKeyValue("orderId", request.orderId())
        .addKeyValue("correlationId", request.orderId())
        .log(
            "market {} failed (attempt {}), retrying in {} ms: {}",
            request.kind(),
            request.attempts(),
            delay,
            failure.toString());
  }
}
