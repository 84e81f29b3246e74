package com.example.trading.saga.market;

import com.example.trading.platform.tracing.Traces;
import com.example.trading.platform.worker.PollingWorker;
import com.example.trading.saga.market.MarketEvent.MarketOrderCancelled;
import com.example.trading.saga.market.MarketEvent.MarketOrderExpired;
import com.example.trading.saga.market.MarketEvent.MarketOrderFilled;
import com.example.trading.saga.market.MarketEvent.MarketOrderTriggered;
import com.example.trading.saga.market.VenueApi.Execution;
import com.example.trading.saga.market.VenueApi.ExecutionPage;
import com.example.trading.saga.store.EventStoreTransactions;
import com.example.trading.schemas.MessageMetadata;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the venue's executions feed after the cursor kept in {@code market_cursor} and records each
 * execution as a {@link MarketEvent} in the saga's event store, in the same transaction that
 * advances the cursor: no execution is lost while the gateway is down and none is recorded twice
 * (the cursor row is locked while a page is recorded, and each event's identifier is derived from
 * the execution's sequence). Executions of one order keep the venue's order. One thread.
 */
@Component
class ExecutionFeed extends PollingWorker {

  private static final Logger log = LoggerFactory.getLogger(ExecutionFeed.class);
  static final String FEED = "executions";

  private final JdbcTemplate jdbc;
  private final EventStoreTransactions transaction;
  private final VenueClient venue;
  private final MarketEventLog events;
  private final MarketProperties properties;
  private final AtomicLong position = new AtomicLong();
  private final MeterRegistry meters;
  private final Traces traces;

  ExecutionFeed(
      JdbcTemplate jdbc,
      EventStoreTransactions transaction,
      VenueClient venue,
      MarketEventLog events,
      MarketProperties properties,
      MeterRegistry meters,
      Traces traces) {
    super("execution-feed");
    this.traces = traces;
    this.jdbc = jdbc;
    this.transaction = transaction;
    this.venue = venue;
    this.events = events;
    this.properties = properties;
    this.meters = meters;
    io.micrometer.core.instrument.Gauge.builder(
            "trading.saga.market.feed.position", position, AtomicLong::get)
        .register(meters);
  }

  @Override
  protected boolean workOnce() {
    return readOnePage() >= properties.feedPageSize();
  }

  @Override
  protected Duration idlePause() {
    return properties.feedPollInterval();
  }

  /** Reads and records one page after the cursor; returns how many executions it recorded. */
  int readOnePage() {
    Long cursor =
        jdbc.queryForObject("select position from market_cursor where feed = ?", Long.class, FEED);
    ExecutionPage page = venue.executions(cursor, properties.feedPageSize());
    if (page.executions() == null || page.executions().isEmpty()) {
      return 0;
    }
    Integer recorded =
        transaction.execute(
            () -> {
              long locked =
                  jdbc.queryForObject(
                      "select position from market_cursor where feed = ? for update",
                      Long.class,
                      FEED);
              long last = locked;
              int count = 0;
              for (Execution execution : page.executions()) {
                if (execution.sequence() <= last) {
                  continue;
                }
                MarketEvent event = toEvent(execution);
                if (event != null) {
                  try (Traces.Step step =
                      traces.start(
                          "venue execution", submissionTraceparent(execution.venueOrderId()))) {
                    step.tag(MessageMetadata.CORRELATION_ID, execution.venueOrderId());
                    events.append(
                        "venue-execution-" + execution.sequence(),
                        event,
                        null,
                        traces.traceparent());
                  }
                  count++;
                }
                last = execution.sequence();
              }
              jdbc.update(
                  "update market_cursor set position = ?, updated_at = now() where feed = ?",
                  last,
                  FEED);
              position.set(last);
              return count;
            });
    meters.counter("trading.saga.market.executions").increment(recorded);
    return recorded;
  }

  /** The trace context the order went to the venue with, so its fills join the order's trace. */
  private String submissionTraceparent(String orderId) {
    List<String> traceparents =
        jdbc.queryForList(
            "select traceparent from market_request where order_id = ? "
                + "and kind = 'SUBMIT' order by id desc limit 1",
            String.class,
            orderId);
    return traceparents.isEmpty() ? null : traceparents.getFirst();
  }

  static MarketEvent toEvent(Execution execution) {
    String orderId = execution.venueOrderId();
    return switch (execution.type()) {
      case FILL ->
          new MarketOrderFilled(
              orderId,
              execution.fillId() != null ? execution.fillId() : "fill-" + execution.sequence(),
              execution.quantity(),
              execution.price(),
              execution.sequence());
      case TRIGGERED -> new MarketOrderTriggered(orderId, execution.price());
      case CANCELLED -> new MarketOrderCancelled(orderId, null);
      case EXPIRED -> new MarketOrderExpired(orderId);
      case REJECTED -> MarketEvent.refusal(orderId, execution.reason());
      case UNKNOWN -> {
        log.warn(
            "execution {} of a type this gateway does not know skipped (see it at the venue's feed)",
            execution.sequence());
        yield null;
      }
    };
  }
}
