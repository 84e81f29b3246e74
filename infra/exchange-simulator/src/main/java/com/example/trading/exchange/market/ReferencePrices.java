package com.example.trading.exchange.market;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The reference price of each listed instrument, moving by a random walk: each {@link #step()}
 * moves every price by a whole number of cents, at most the configured step either way, and keeps
 * it within ±50% of its starting price. Prices always have two decimals.
 *
 * <p>Deterministic for a given random generator and sequence of calls. Thread-safe: steps are
 * serialized, and readers see one consistent snapshot of all prices (never half a step).
 */
public final class ReferencePrices {

  private record Band(long startCents, long minCents, long maxCents) {}

  private final Map<String, Band> bands = new LinkedHashMap<>();
  private final long maxStepCents;
  private final RandomGenerator random;
  private final Clock clock;
  private volatile Map<String, Quote> quotes;

  /**
   * @param startingPrices the listed instruments and their starting prices, in listing order
   * @param maxStep the largest move in one step, either way (rounded to cents)
   */
  public ReferencePrices(
      Map<String, BigDecimal> startingPrices,
      BigDecimal maxStep,
      RandomGenerator random,
      Clock clock) {
    if (startingPrices.isEmpty()) {
      throw new IllegalArgumentException("no instruments");
    }
    this.maxStepCents = cents(maxStep, RoundingMode.HALF_EVEN);
    if (maxStepCents < 0) {
      throw new IllegalArgumentException("negative price step: " + maxStep);
    }
    this.random = random;
    this.clock = clock;
    Instant now = clock.instant();
    Map<String, Quote> initial = new LinkedHashMap<>();
    startingPrices.forEach(
        (instrument, price) -> {
          long start = cents(price, RoundingMode.HALF_EVEN);
          if (start <= 0) {
            throw new IllegalArgumentException(
                "starting price of " + instrument + " must be positive: " + price);
          }
          // Half the start rounded up and half again rounded down: the band never leaves ±50%.
          bands.put(instrument, new Band(start, -Math.floorDiv(-start, 2), start + start / 2));
          initial.put(instrument, new Quote(instrument, money(start), now));
        });
    this.quotes = Map.copyOf(initial);
  }

  /** Moves every reference price by one random step, clamped to its band. */
  public synchronized void step() {
    Instant now = clock.instant();
    Map<String, Quote> next = new LinkedHashMap<>();
    bands.forEach(
        (instrument, band) -> {
          long current = cents(quotes.get(instrument).price(), RoundingMode.UNNECESSARY);
          long moved = current + random.nextLong(-maxStepCents, maxStepCents + 1);
          long clamped = Math.clamp(moved, band.minCents(), band.maxCents());
          next.put(instrument, new Quote(instrument, money(clamped), now));
        });
    quotes = Map.copyOf(next);
  }

  /** Whether the instrument is listed (has a reference price). */
  public boolean lists(String instrument) {
    return bands.containsKey(instrument);
  }

  /** The instrument's current reference price, when it is listed. */
  public Optional<BigDecimal> price(String instrument) {
    return quote(instrument).map(Quote::price);
  }

  public Optional<Quote> quote(String instrument) {
    return Optional.ofNullable(quotes.get(instrument));
  }

  /** Every listed instrument's quote, in listing order, all from the same step. */
  public List<Quote> quotes() {
    Map<String, Quote> snapshot = quotes;
    return bands.keySet().stream().map(snapshot::get).toList();
  }

  /** The instrument's starting reference price; the walk stays within ±50% of it. */
  public Optional<BigDecimal> startingPrice(String instrument) {
    return Optional.ofNullable(bands.get(instrument)).map(band -> money(band.startCents()));
  }

  private static long cents(BigDecimal amount, RoundingMode rounding) {
    return amount.setScale(2, rounding).unscaledValue().longValueExact();
  }

  private static BigDecimal money(long cents) {
    return BigDecimal.valueOf(cents, 2);
  }
}
