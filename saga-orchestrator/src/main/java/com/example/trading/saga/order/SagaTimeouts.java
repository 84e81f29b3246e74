package com.example.trading.saga.order;

import com.example.trading.schemas.TimeInForce;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The deadline of each saga step ({@code trading.saga.timeouts.*}). When a waiting step's deadline
 * passes, the saga re-sends what it is waiting on (commands are idempotent) and re-arms the
 * deadline with exponential back-off up to {@code maxRetryInterval}, for ever: a saga that cannot
 * finish stays visible (metric, log, {@code /ops/sagas/stuck}) instead of giving up silently.
 * {@code pricing} and {@code submitting} end the order instead (MARKET_TIMEOUT). At the venue
 * (ON_MARKET) the order's time in force decides, and the saga's deadline is only the backstop for a
 * venue that does not end it: past it the saga cancels at the venue and the order expires. {@code
 * onMarket} is a DAY order's (the venue expires it at its session close, within a day), {@code
 * goodTillCancelled} a GTC order's (the longest a broker lets one work), {@code onArrival} an IOC
 * or FOK order's (the venue ends it on arrival).
 */
@ConfigurationProperties("trading.saga.timeouts")
public record SagaTimeouts(
    Duration pricing,
    Duration confirmation,
    Duration submitting,
    Duration onMarket,
    Duration goodTillCancelled,
    Duration onArrival,
    Duration cancellingAtMarket,
    Duration maxRetryInterval) {

  public SagaTimeouts {
    pricing = orDefault(pricing, Duration.ofSeconds(30));
    confirmation = orDefault(confirmation, Duration.ofSeconds(30));
    submitting = orDefault(submitting, Duration.ofSeconds(30));
    onMarket = orDefault(onMarket, Duration.ofHours(25));
    goodTillCancelled = orDefault(goodTillCancelled, Duration.ofDays(90));
    onArrival = orDefault(onArrival, Duration.ofSeconds(30));
    cancellingAtMarket = orDefault(cancellingAtMarket, Duration.ofSeconds(30));
    maxRetryInterval = orDefault(maxRetryInterval, Duration.ofMinutes(5));
  }

  public static SagaTimeouts defaults() {
    return new SagaTimeouts(null, null, null, null, null, null, null, null);
  }

  /** How long an order of this time in force may work at the venue before the saga ends it. */
  public Duration onMarket(TimeInForce timeInForce) {
    return switch (timeInForce) {
      case DAY -> onMarket;
      case GTC -> goodTillCancelled;
      case IOC, FOK -> onArrival;
    };
  }

  /** How long a step may wait before its deadline fires (ON_MARKET: a DAY order's). */
  public Duration of(SagaStep step) {
    return switch (step) {
      case PRICING -> pricing;
      case SUBMITTING -> submitting;
      case ON_MARKET -> onMarket;
      case CANCELLING_AT_MARKET -> cancellingAtMarket;
      case RESERVING, CHARGING_FEE, SETTLING, RELEASING, FINISHING -> confirmation;
    };
  }

  /** The wait before retry {@code retry} (1, 2, ...) of a step: doubling, capped. */
  public Duration retryInterval(SagaStep step, int retry) {
    Duration first = of(step).compareTo(maxRetryInterval) > 0 ? maxRetryInterval : of(step);
    return Duration.ofMillis(
        IntervalFunction.ofExponentialBackoff(first, 2.0, maxRetryInterval).apply(retry));
  }

  private static Duration orDefault(Duration value, Duration fallback) {
    return value == null ? fallback : value;
  }
}
