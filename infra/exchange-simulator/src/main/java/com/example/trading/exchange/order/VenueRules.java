package com.example.trading.exchange.order;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Set;

/**
 * The fixed rules of the venue's matching.
 *
 * @param limitOrderTtl how long a LIMIT order without an expiry rests
 * @param marketSlippage how much worse than the reference price a MARKET order may fill, at most
 * @param haltedInstruments instruments on which every order is rejected
 */
public record VenueRules(
    Duration limitOrderTtl, BigDecimal marketSlippage, Set<String> haltedInstruments) {

  public VenueRules {
    if (limitOrderTtl.isNegative() || limitOrderTtl.isZero()) {
      throw new IllegalArgumentException("limit order TTL must be positive: " + limitOrderTtl);
    }
    if (marketSlippage.signum() < 0) {
      throw new IllegalArgumentException("market slippage must not be negative: " + marketSlippage);
    }
    haltedInstruments = Set.copyOf(haltedInstruments);
  }
}
