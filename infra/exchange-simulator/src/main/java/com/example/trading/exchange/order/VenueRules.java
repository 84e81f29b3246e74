package com.example.trading.exchange.order;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Set;

/**
 * The fixed rules of the venue's matching.
 *
 * @param limitOrderTtl how long a LIMIT order without an expiry or a time in force rests
 * @param sessionClose the time of day (UTC) the trading session closes: DAY orders expire then
 * @param marketSlippage how much worse than the reference price a MARKET order may fill, at most
 * @param haltedInstruments instruments on which every order is rejected
 */
public record VenueRules(
    Duration limitOrderTtl,
    BigDecimal marketSlippage,
    Set<String> haltedInstruments,
    LocalTime sessionClose) {

  public VenueRules {
    if (limitOrderTtl.isNegative() || limitOrderTtl.isZero()) {
      throw new IllegalArgumentException("limit order TTL must be positive: " + limitOrderTtl);
    }
    if (marketSlippage.signum() < 0) {
      throw new IllegalArgumentException("market slippage must not be negative: " + marketSlippage);
    }
    haltedInstruments = Set.copyOf(haltedInstruments);
    Objects.requireNonNull(sessionClose, "sessionClose");
  }

  /** The first session close after {@code now}. */
  public Instant nextSessionClose(Instant now) {
    Instant today =
        now.atZone(ZoneOffset.UTC).toLocalDate().atTime(sessionClose).toInstant(ZoneOffset.UTC);
    return today.isAfter(now) ? today : today.plus(Duration.ofDays(1));
  }
}
