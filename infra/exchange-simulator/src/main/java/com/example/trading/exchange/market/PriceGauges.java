package com.example.trading.exchange.market;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.math.BigDecimal;

/**
 * Publishes each listed instrument's current reference price as the gauge {@code exchange.price}.
 */
public final class PriceGauges implements MeterBinder {

  private final ReferencePrices prices;

  public PriceGauges(ReferencePrices prices) {
    this.prices = prices;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (Quote quote : prices.quotes()) {
      String instrument = quote.instrument();
      Gauge.builder(
              "exchange.price",
              prices,
              p -> p.price(instrument).map(BigDecimal::doubleValue).orElse(Double.NaN))
          .description("Current reference price of the instrument")
          .tag("instrument", instrument)
          .register(registry);
    }
  }
}
