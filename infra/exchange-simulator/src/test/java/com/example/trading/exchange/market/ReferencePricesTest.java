package com.example.trading.exchange.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReferencePricesTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-02T14:30:00Z"), ZoneOffset.UTC);
  private static final Map<String, BigDecimal> STARTING = new LinkedHashMap<>();

  static {
    STARTING.put("AAPL", new BigDecimal("190.00"));
    STARTING.put("MSFT", new BigDecimal("420.00"));
    STARTING.put("GOOG", new BigDecimal("170.00"));
    STARTING.put("AMZN", new BigDecimal("185.00"));
    STARTING.put("TSLA", new BigDecimal("250.00"));
    STARTING.put("ODD", new BigDecimal("0.03"));
  }

  @Test
  void startsAtTheStartingPricesInListingOrder() {
    ReferencePrices prices =
        new ReferencePrices(STARTING, new BigDecimal("0.05"), new Random(1), CLOCK);

    assertThat(prices.quotes())
        .extracting(Quote::instrument)
        .containsExactlyElementsOf(STARTING.keySet());
    assertThat(prices.quotes())
        .extracting(Quote::price)
        .containsExactlyElementsOf(STARTING.values());
  }

  @Test
  void randomWalkStaysWithinHalfOfTheStartingPriceEitherWay() {
    // Steps as large as 10% of the price push every instrument against its bounds many times.
    ReferencePrices prices =
        new ReferencePrices(STARTING, new BigDecimal("19.00"), new Random(3), CLOCK);
    Map<String, BigDecimal> lowest = new LinkedHashMap<>(STARTING);
    Map<String, BigDecimal> highest = new LinkedHashMap<>(STARTING);

    for (int i = 0; i < 50_000; i++) {
      prices.step();
      for (Quote quote : prices.quotes()) {
        BigDecimal start = STARTING.get(quote.instrument());
        assertThat(quote.price())
            .isBetween(
                start.multiply(new BigDecimal("0.5")), start.multiply(new BigDecimal("1.5")));
        lowest.merge(quote.instrument(), quote.price(), BigDecimal::min);
        highest.merge(quote.instrument(), quote.price(), BigDecimal::max);
      }
    }

    assertThat(lowest.get("AAPL")).isEqualByComparingTo("95.00");
    assertThat(highest.get("AAPL")).isEqualByComparingTo("285.00");
  }

  @Test
  void movesByWholeCentsAndAtMostOneStepAtATime() {
    ReferencePrices prices =
        new ReferencePrices(STARTING, new BigDecimal("0.05"), new Random(5), CLOCK);
    BigDecimal previous = prices.price("MSFT").orElseThrow();

    for (int i = 0; i < 10_000; i++) {
      prices.step();
      BigDecimal current = prices.price("MSFT").orElseThrow();
      assertThat(current.scale()).isEqualTo(2);
      assertThat(current.subtract(previous).abs()).isLessThanOrEqualTo(new BigDecimal("0.05"));
      previous = current;
    }
    assertThat(previous).isNotEqualByComparingTo("420.00");
  }

  @Test
  void theSameSeedWalksTheSamePath() {
    assertThat(walk(11)).isEqualTo(walk(11)).isNotEqualTo(walk(12));
  }

  @Test
  void listsOnlyTheConfiguredInstruments() {
    ReferencePrices prices =
        new ReferencePrices(STARTING, new BigDecimal("0.05"), new Random(1), CLOCK);

    assertThat(prices.lists("AAPL")).isTrue();
    assertThat(prices.lists("HALTED")).isFalse();
    assertThat(prices.quote("NOPE")).isEmpty();
  }

  private static List<BigDecimal> walk(long seed) {
    ReferencePrices prices =
        new ReferencePrices(STARTING, new BigDecimal("0.05"), new Random(seed), CLOCK);
    List<BigDecimal> path = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      prices.step();
      path.add(prices.price("TSLA").orElseThrow());
    }
    return path;
  }
}
