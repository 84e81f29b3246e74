package com.example.trading.exchange.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.trading.exchange.execution.Execution;
import com.example.trading.exchange.execution.ExecutionFeed;
import com.example.trading.exchange.execution.ExecutionType;
import com.example.trading.exchange.execution.RejectReason;
import com.example.trading.exchange.market.ReferencePrices;
import com.example.trading.exchange.settings.CurrentSettings;
import com.example.trading.exchange.settings.VenueSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The matching rules of the venue, with a fixed seed, a clock that moves only when told, and a real
 * journal.
 */
class OrderBookTest {

  private static final Instant START = Instant.parse("2026-03-02T14:30:00Z");
  private static final Map<String, BigDecimal> INSTRUMENTS =
      new LinkedHashMap<>(Map.of("AAPL", price("190.00")));
  private static final VenueRules RULES =
      new VenueRules(Duration.ofMinutes(5), price("0.03"), Set.of("HALTED"), LocalTime.of(21, 0));

  @TempDir Path journalDir;

  private final TestClock clock = new TestClock(START);
  private final CurrentSettings settings =
      new CurrentSettings(new VenueSettings(0, 0.0, 0.0, false));
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private ReferencePrices prices;
  private ExecutionFeed feed;
  private OrderBook book;

  @BeforeEach
  void openVenue() {
    openVenue(price("0.05"), 42);
  }

  @AfterEach
  void closeVenue() {
    book.close();
  }

  // --- stop orders ---

  private static OrderTerms stop(
      String id,
      Side side,
      OrderType type,
      @Nullable String limitPrice,
      String stopPrice,
      @Nullable String protection) {
    return new OrderTerms(
        id,
        side,
        "AAPL",
        10,
        type,
        limitPrice == null ? null : price(limitPrice),
        protection == null ? null : price(protection),
        null,
        TimeInForce.GTC,
        price(stopPrice));
  }

  // --- replace ---

  @Test
  void aReplacedLimitWorksUnderItsNewTermsAndFillsAtOnceWhenTheNewLimitIsReached() {
    book.place(limit("l-1", Side.BUY, 10, "180.00"));

    OrderView resting = book.replace("l-1", "l-1:r1", 12, price("181.00"), null, null);
    assertThat(resting.quantity()).isEqualTo(12);
    assertThat(resting.limitPrice()).isEqualByComparingTo("181.00");
    assertThat(executionsOf("l-1")).isEmpty();

    OrderView crossing = book.replace("l-1", "l-1:r2", 12, price("195.00"), null, null);
    assertThat(crossing.status()).isEqualTo(OrderStatus.FILLED);
    assertThat(single(executionsOf("l-1")).quantity()).isEqualTo(12);
    assertThat(single(executionsOf("l-1")).price()).isEqualByComparingTo("190.00");
  }

  @Test
  void theSameReplaceAgainChangesNothingAndAnsweredTheSame() {
    book.place(limit("l-1", Side.SELL, 10, "200.00"));
    OrderView first = book.replace("l-1", "l-1:r1", 8, price("199.00"), null, null);

    OrderView again = book.replace("l-1", "l-1:r1", 8, price("199.00"), null, null);

    assertThat(again).isEqualTo(first);
    assertThat(executionsOf("l-1")).isEmpty();
  }

  @Test
  void aReplaceIsRefusedWhenTheOrderEndedOrFilledAsMuchOrIsAMarketOrder() {
    settings.replace(new VenueSettings(0, 0.0, 0.0, true));
    book.place(limit("l-1", Side.SELL, 10, "200.00"));
    book.cancel("l-1");
    assertThatThrownBy(() -> book.replace("l-1", "l-1:r1", 8, price("199.00"), null, null))
        .isInstanceOf(OrderRefusal.ReplaceRefused.class)
        .hasMessageContaining("it has ended");

    book.place(limit("l-2", Side.BUY, 10, "195.00"));
    long filled = view("l-2").filledQuantity();
    assertThat(filled).isBetween(1L, 9L);
    assertThatThrownBy(() -> book.replace("l-2", "l-2:r1", filled, price("195.00"), null, null))
        .isInstanceOf(OrderRefusal.ReplaceRefused.class)
        .hasMessageContaining("is not more than the " + filled + " filled");

    assertThatThrownBy(() -> book.replace("nope", "nope:r1", 8, price("1.00"), null, null))
        .isInstanceOf(OrderRefusal.UnknownOrder.class);
    assertThatThrownBy(() -> book.replace("l-2", "l-2:r2", 12, null, null, null))
        .isInstanceOf(OrderRefusal.InvalidReplace.class);
  }

  @Test
  void atTheRejectRateAReplaceIsRefusedAndTheOrderKeepsItsTerms() {
    book.place(limit("l-1", Side.BUY, 10, "180.00"));
    settings.replace(new VenueSettings(0, 1.0, 0.0, false));

    assertThatThrownBy(() -> book.replace("l-1", "l-1:r1", 12, price("181.00"), null, null))
        .isInstanceOf(OrderRefusal.ReplaceRefused.class)
        .hasMessageContaining("refused at random");
    assertThat(view("l-1").quantity()).isEqualTo(10);
    assertThat(view("l-1").limitPrice()).isEqualByComparingTo("180.00");
  }

  @Test
  void aTriggeredStopKeepsItsStop() {
    book.place(stop("s-1", Side.SELL, OrderType.STOP_LIMIT, "250.00", "195.00", null));
    assertThat(view("s-1").triggered()).isTrue();

    assertThatThrownBy(
            () -> book.replace("s-1", "s-1:r1", 10, price("250.00"), price("196.00"), null))
        .isInstanceOf(OrderRefusal.ReplaceRefused.class)
        .hasMessageContaining("its stop has triggered");
    assertThat(book.replace("s-1", "s-1:r2", 10, price("189.00"), price("195.00"), null).status())
        .isEqualTo(OrderStatus.FILLED);
  }

  @Test
  void aReplaceSurvivesARestartThroughTheJournalAndARepeatedPlacementIsStillRecognised() {
    OrderTerms placed = limit("l-1", Side.BUY, 10, "180.00");
    book.place(placed);
    book.replace("l-1", "l-1:r1", 12, price("181.00"), null, null);

    reopenVenue(price("0.05"), 42);

    assertThat(view("l-1").quantity()).isEqualTo(12);
    assertThat(view("l-1").limitPrice()).isEqualByComparingTo("181.00");
    assertThat(book.place(placed).status()).isEqualTo(PlacementStatus.ACCEPTED);
    assertThat(book.replace("l-1", "l-1:r1", 12, price("181.00"), null, null).quantity())
        .isEqualTo(12);
  }

  @Test
  void aBuyStopRestsUntilThePriceRisesToItsStopThenFillsAtTheMarketWithinItsProtection() {
    book.place(stop("s-1", Side.BUY, OrderType.STOP, null, "190.10", "199.50"));
    assertThat(executionsOf("s-1")).isEmpty();
    assertThat(view("s-1").triggered()).isFalse();

    BigDecimal at =
        tickUntil(
            () -> !executionsOf("s-1").isEmpty(),
            price -> assertThat(price).isLessThan(price("190.10")));

    assertThat(at).isGreaterThanOrEqualTo(price("190.10"));
    List<Execution> executions = executionsOf("s-1");
    assertThat(executions.get(0).type()).isEqualTo(ExecutionType.TRIGGERED);
    assertThat(executions.get(0).price()).isEqualTo(at);
    assertThat(executions.get(1).type()).isEqualTo(ExecutionType.FILL);
    assertThat(executions.get(1).quantity()).isEqualTo(10);
    assertThat(executions.get(1).price()).isBetween(at, at.add(price("0.03")));
    assertThat(view("s-1").status()).isEqualTo(OrderStatus.FILLED);
    assertThat(view("s-1").triggered()).isTrue();
  }

  @Test
  void aSellStopLimitTriggersWhenThePriceFallsToItsStopThenWorksAsALimitOrder() {
    // Triggers at 189.90 or below, then sells only at 195.00 or better: it rests after the trigger.
    book.place(stop("s-1", Side.SELL, OrderType.STOP_LIMIT, "195.00", "189.90", null));

    tickUntil(() -> !executionsOf("s-1").isEmpty(), price -> {});

    assertThat(single(executionsOf("s-1")).type()).isEqualTo(ExecutionType.TRIGGERED);
    assertThat(view("s-1").status()).isEqualTo(OrderStatus.ACCEPTED);
    assertThat(view("s-1").triggered()).isTrue();
    book.tick();
    assertThat(executionsOf("s-1")).hasSize(1);
  }

  @Test
  void aStopAlreadyReachedOnArrivalTriggersAtOnce() {
    book.place(stop("s-1", Side.SELL, OrderType.STOP, null, "195.00", null));

    List<Execution> executions = executionsOf("s-1");
    assertThat(executions)
        .extracting(Execution::type)
        .containsExactly(ExecutionType.TRIGGERED, ExecutionType.FILL);
    assertThat(view("s-1").status()).isEqualTo(OrderStatus.FILLED);
  }

  @Test
  void aTriggeredStopSurvivesARestartThroughTheJournal() {
    book.place(stop("s-1", Side.SELL, OrderType.STOP_LIMIT, "250.00", "195.00", null));
    assertThat(view("s-1").triggered()).isTrue();

    reopenVenue(price("0.05"), 42);

    assertThat(view("s-1").triggered()).isTrue();
    assertThat(view("s-1").status()).isEqualTo(OrderStatus.ACCEPTED);
  }

  @Test
  void aStopOrderCannotBeImmediateOrCancel() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new OrderTerms(
                    "s-1",
                    Side.BUY,
                    "AAPL",
                    1,
                    OrderType.STOP,
                    null,
                    null,
                    null,
                    TimeInForce.IOC,
                    price("200.00")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("IOC");
  }

  // --- time in force ---

  @Test
  void anImmediateOrCancelLimitOrderThatCannotFillIsCancelledOnArrival() {
    book.place(limit("i-1", Side.BUY, 10, "150.00", TimeInForce.IOC));

    Execution cancelled = single(executionsOf("i-1"));
    assertThat(cancelled.type()).isEqualTo(ExecutionType.CANCELLED);
    assertThat(cancelled.quantity()).isEqualTo(10);
    assertThat(view("i-1").status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(view("i-1").timeInForce()).isEqualTo(TimeInForce.IOC);
  }

  @Test
  void anImmediateOrCancelOrderFillsWhatItCanOnArrivalAndTheRestIsCancelled() {
    settings.replace(new VenueSettings(0, 0.0, 0.0, true));

    book.place(limit("i-1", Side.BUY, 10, "200.00", TimeInForce.IOC));

    List<Execution> executions = executionsOf("i-1");
    assertThat(executions).hasSize(2);
    assertThat(executions.get(0).type()).isEqualTo(ExecutionType.FILL);
    assertThat(executions.get(1).type()).isEqualTo(ExecutionType.CANCELLED);
    assertThat(executions.get(0).quantity() + executions.get(1).quantity()).isEqualTo(10);
    assertThat(view("i-1").status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(view("i-1").filledQuantity()).isEqualTo(executions.get(0).quantity()).isLessThan(10);
    book.tick();
    assertThat(executionsOf("i-1")).hasSize(2);
  }

  @Test
  void aFillOrKillOrderFillsWholeInOneFillEvenWithPartialFillsOn() {
    settings.replace(new VenueSettings(0, 0.0, 0.0, true));

    book.place(limit("f-1", Side.BUY, 10, "200.00", TimeInForce.FOK));
    book.place(
        new OrderTerms(
            "f-2",
            Side.SELL,
            "AAPL",
            10,
            OrderType.MARKET,
            null,
            null,
            null,
            TimeInForce.FOK,
            null));

    assertThat(single(executionsOf("f-1")).quantity()).isEqualTo(10);
    assertThat(single(executionsOf("f-2")).quantity()).isEqualTo(10);
    assertThat(view("f-1").status()).isEqualTo(OrderStatus.FILLED);
    assertThat(view("f-2").status()).isEqualTo(OrderStatus.FILLED);
  }

  @Test
  void aFillOrKillOrderThatCannotFillWholeIsCancelledWithNothingFilled() {
    book.place(limit("f-1", Side.SELL, 10, "250.00", TimeInForce.FOK));

    Execution killed = single(executionsOf("f-1"));
    assertThat(killed.type()).isEqualTo(ExecutionType.CANCELLED);
    assertThat(killed.quantity()).isEqualTo(10);
    assertThat(view("f-1").filledQuantity()).isZero();
  }

  @Test
  void aDayOrderExpiresAtTheSessionCloseAndAGoodTillCancelledOrderKeepsResting() {
    // START is 14:30 UTC; the session closes at 21:00 UTC.
    book.place(limit("d-1", Side.BUY, 10, "100.00", TimeInForce.DAY));
    book.place(limit("g-1", Side.BUY, 10, "100.00", TimeInForce.GTC));
    assertThat(view("d-1").expiresAt()).isEqualTo(Instant.parse("2026-03-02T21:00:00Z"));
    assertThat(view("g-1").expiresAt()).isNull();

    clock.advance(Duration.ofHours(6).plusMinutes(29));
    book.tick();
    assertThat(view("d-1").status()).isEqualTo(OrderStatus.ACCEPTED);
    clock.advance(Duration.ofMinutes(1));
    book.tick();

    assertThat(view("d-1").status()).isEqualTo(OrderStatus.EXPIRED);
    assertThat(view("g-1").status()).isEqualTo(OrderStatus.ACCEPTED);
    clock.advance(Duration.ofDays(30));
    book.tick();
    assertThat(view("g-1").status()).isEqualTo(OrderStatus.ACCEPTED);
  }

  @Test
  void closingTheSessionExpiresEveryRestingDayOrderAtOnceAndNothingElse() {
    book.place(limit("d-1", Side.BUY, 10, "100.00", TimeInForce.DAY));
    book.place(limit("g-1", Side.BUY, 10, "100.00", TimeInForce.GTC));
    book.place(limit("n-1", Side.BUY, 10, "100.00"));

    assertThat(book.closeSession()).isEqualTo(1);

    assertThat(single(executionsOf("d-1")).type()).isEqualTo(ExecutionType.EXPIRED);
    assertThat(view("g-1").status()).isEqualTo(OrderStatus.ACCEPTED);
    assertThat(view("n-1").status()).isEqualTo(OrderStatus.ACCEPTED);
    assertThat(book.closeSession()).isZero();
  }

  @Test
  void timeInForceSurvivesARestartThroughTheJournal() {
    book.place(limit("g-1", Side.BUY, 10, "100.00", TimeInForce.GTC));

    reopenVenue(price("0.05"), 42);

    assertThat(view("g-1").timeInForce()).isEqualTo(TimeInForce.GTC);
    assertThat(book.closeSession()).isZero();
  }

  // --- MARKET orders ---

  @Test
  void fillsAMarketBuyAtOnceAtMostTheSlippageAboveTheReferencePrice() {
    PlacementAnswer answer = book.place(market("m-1", Side.BUY, 10, null));

    assertThat(answer).isEqualTo(new PlacementAnswer("m-1", PlacementStatus.ACCEPTED, null));
    Execution fill = single(executionsOf("m-1"));
    assertThat(fill.type()).isEqualTo(ExecutionType.FILL);
    assertThat(fill.fillId()).isEqualTo("m-1-F1");
    assertThat(fill.quantity()).isEqualTo(10);
    assertThat(fill.price()).isBetween(price("190.00"), price("190.03"));
    assertThat(fill.price().scale()).isEqualTo(2);
    assertThat(fill.at()).isEqualTo(START);
    assertThat(view("m-1").status()).isEqualTo(OrderStatus.FILLED);
    assertThat(view("m-1").filledQuantity()).isEqualTo(10);
  }

  @Test
  void fillsAMarketSellAtOnceAtMostTheSlippageBelowTheReferencePrice() {
    book.place(market("m-1", Side.SELL, 10, null));

    assertThat(single(executionsOf("m-1")).price()).isBetween(price("189.97"), price("190.00"));
  }

  @Test
  void neverFillsAMarketBuyAbovePriceProtection() {
    for (int i = 0; i < 50; i++) {
      book.place(market("m-" + i, Side.BUY, 10, price("190.019")));
    }

    List<BigDecimal> fillPrices = allExecutions().stream().map(Execution::price).toList();
    assertThat(fillPrices)
        .hasSize(50)
        .allSatisfy(p -> assertThat(p).isBetween(price("190.00"), price("190.01")));
    assertThat(fillPrices).contains(price("190.01"));
  }

  @Test
  void neverFillsAMarketSellBelowPriceProtection() {
    for (int i = 0; i < 50; i++) {
      book.place(market("m-" + i, Side.SELL, 10, price("189.99")));
    }

    assertThat(allExecutions())
        .extracting(Execution::price)
        .allSatisfy(p -> assertThat(p).isBetween(price("189.99"), price("190.00")));
  }

  @Test
  void rejectsMarketBuyAbovePriceProtection() {
    PlacementAnswer answer = book.place(market("m-1", Side.BUY, 10, price("189.99")));

    assertThat(answer)
        .isEqualTo(
            new PlacementAnswer("m-1", PlacementStatus.REJECTED, RejectReason.PRICE_PROTECTION));
    Execution rejection = single(executionsOf("m-1"));
    assertThat(rejection.type()).isEqualTo(ExecutionType.REJECTED);
    assertThat(rejection.reason()).isEqualTo(RejectReason.PRICE_PROTECTION);
    assertThat(rejection.quantity()).isEqualTo(10);
    assertThat(rejection.fillId()).isNull();
    assertThat(rejection.price()).isNull();
    assertThat(view("m-1").status()).isEqualTo(OrderStatus.REJECTED);
    assertThat(view("m-1").reason()).isEqualTo(RejectReason.PRICE_PROTECTION);
  }

  @Test
  void rejectsMarketSellBelowPriceProtection() {
    PlacementAnswer answer = book.place(market("m-1", Side.SELL, 10, price("190.01")));

    assertThat(answer.reason()).isEqualTo(RejectReason.PRICE_PROTECTION);
  }

  @Test
  void fillsAMarketBuyWhoseProtectionEqualsTheReferencePriceAtThatPrice() {
    book.place(market("m-1", Side.BUY, 10, price("190.00")));

    assertThat(single(executionsOf("m-1")).price()).isEqualByComparingTo("190.00");
  }

  // --- LIMIT orders ---

  @Test
  void restsALimitBuyUntilThePriceFallsToItsLimitThenFillsAtThatPrice() {
    reopenVenue(price("1.00"), 42);
    PlacementAnswer answer = book.place(limit("l-1", Side.BUY, 10, "185.00"));
    assertThat(answer.status()).isEqualTo(PlacementStatus.ACCEPTED);
    assertThat(executionsOf("l-1")).isEmpty();

    BigDecimal priceAtFill =
        tickUntil(
            () -> !executionsOf("l-1").isEmpty(),
            price -> assertThat(price).isGreaterThan(price("185.00")));

    Execution fill = single(executionsOf("l-1"));
    assertThat(fill.price()).isEqualTo(priceAtFill).isLessThanOrEqualTo(price("185.00"));
    assertThat(view("l-1").status()).isEqualTo(OrderStatus.FILLED);
  }

  @Test
  void restsALimitSellUntilThePriceRisesToItsLimitThenFillsAtThatPrice() {
    reopenVenue(price("1.00"), 42);
    book.place(limit("l-1", Side.SELL, 10, "195.00"));

    BigDecimal priceAtFill =
        tickUntil(
            () -> !executionsOf("l-1").isEmpty(),
            price -> assertThat(price).isLessThan(price("195.00")));

    assertThat(single(executionsOf("l-1")).price())
        .isEqualTo(priceAtFill)
        .isGreaterThanOrEqualTo(price("195.00"));
  }

  @Test
  void fillsALimitBuyAtOnceAtTheBetterReferencePriceWhenThePriceIsAlreadyBelowItsLimit() {
    book.place(limit("l-1", Side.BUY, 10, "191.00"));

    assertThat(single(executionsOf("l-1")).price()).isEqualByComparingTo("190.00");
    assertThat(view("l-1").status()).isEqualTo(OrderStatus.FILLED);
  }

  // --- cancel ---

  @Test
  void cancelsTheUnfilledRemainderOfARestingOrder() {
    book.place(limit("l-1", Side.BUY, 10, "100.00"));

    CancelAnswer answer = book.cancel("l-1");

    assertThat(answer).isEqualTo(new CancelAnswer("l-1", OrderStatus.CANCELLED, 0));
    Execution confirmation = single(executionsOf("l-1"));
    assertThat(confirmation.type()).isEqualTo(ExecutionType.CANCELLED);
    assertThat(confirmation.quantity()).isEqualTo(10);
    assertThat(view("l-1").status()).isEqualTo(OrderStatus.CANCELLED);
  }

  @Test
  void aCancelledOrderNeverFillsAfterwards() {
    reopenVenue(price("1.00"), 42);
    book.place(limit("l-1", Side.BUY, 10, "189.00"));
    book.cancel("l-1");

    for (int i = 0; i < 2_000; i++) {
      book.tick();
    }

    assertThat(executionsOf("l-1"))
        .extracting(Execution::type)
        .containsExactly(ExecutionType.CANCELLED);
  }

  @Test
  void answersACancelOfACancelledOrderTheSameAndRecordsNothingMore() {
    book.place(limit("l-1", Side.BUY, 10, "100.00"));
    CancelAnswer first = book.cancel("l-1");
    long lastSequence = feed.lastSequence();

    assertThat(book.cancel("l-1")).isEqualTo(first);
    assertThat(feed.lastSequence()).isEqualTo(lastSequence);
  }

  @Test
  void cancelsOnlyTheRemainderOfAPartiallyFilledOrder() {
    settings.replace(new VenueSettings(0, 0.0, 0.0, true));
    book.place(limit("l-1", Side.BUY, 10, "191.00"));
    long filled = view("l-1").filledQuantity();
    assertThat(view("l-1").status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);

    CancelAnswer answer = book.cancel("l-1");

    assertThat(answer).isEqualTo(new CancelAnswer("l-1", OrderStatus.CANCELLED, filled));
    assertThat(executionsOf("l-1").getLast().quantity()).isEqualTo(10 - filled);
    assertThat(view("l-1").filledQuantity()).isEqualTo(filled);
  }

  @Test
  void refusesToCancelAFilledOrderNamingItsStatus() {
    book.place(market("m-1", Side.BUY, 10, null));

    assertThatThrownBy(() -> book.cancel("m-1"))
        .isInstanceOfSatisfying(
            OrderRefusal.OrderAlreadyFinished.class,
            e -> assertThat(e.status()).isEqualTo(OrderStatus.FILLED));
    assertThat(executionsOf("m-1")).hasSize(1);
  }

  @Test
  void refusesToCancelARejectedOrderNamingItsStatus() {
    book.place(market("m-1", Side.BUY, 10, price("1.00")));

    assertThatThrownBy(() -> book.cancel("m-1"))
        .isInstanceOfSatisfying(
            OrderRefusal.OrderAlreadyFinished.class,
            e -> assertThat(e.status()).isEqualTo(OrderStatus.REJECTED));
  }

  @Test
  void refusesToCancelAnUnknownOrder() {
    assertThatThrownBy(() -> book.cancel("nope")).isInstanceOf(OrderRefusal.UnknownOrder.class);
    assertThat(book.find("nope")).isEmpty();
  }

  // --- expiry ---

  @Test
  void expiresARestingLimitOrderWhenItsTimeToLiveIsOver() {
    book.place(limit("l-1", Side.BUY, 10, "100.00"));
    assertThat(view("l-1").expiresAt()).isEqualTo(START.plus(Duration.ofMinutes(5)));

    clock.advance(Duration.ofMinutes(5).minusMillis(1));
    book.tick();
    assertThat(executionsOf("l-1")).isEmpty();

    clock.advance(Duration.ofMillis(1));
    book.tick();

    Execution expiry = single(executionsOf("l-1"));
    assertThat(expiry.type()).isEqualTo(ExecutionType.EXPIRED);
    assertThat(expiry.quantity()).isEqualTo(10);
    assertThat(expiry.at()).isEqualTo(START.plus(Duration.ofMinutes(5)));
    assertThat(view("l-1").status()).isEqualTo(OrderStatus.EXPIRED);
    assertThatThrownBy(() -> book.cancel("l-1"))
        .isInstanceOfSatisfying(
            OrderRefusal.OrderAlreadyFinished.class,
            e -> assertThat(e.status()).isEqualTo(OrderStatus.EXPIRED));
  }

  @Test
  void expiresOnlyTheRemainderOfAPartiallyFilledOrderAtItsRequestedExpiry() {
    settings.replace(new VenueSettings(0, 0.0, 0.0, true));
    book.place(limit("l-1", Side.BUY, 10, "191.00", START.plusSeconds(30)));
    long filled = view("l-1").filledQuantity();

    clock.advance(Duration.ofSeconds(30));
    book.tick();

    assertThat(executionsOf("l-1").getLast().type()).isEqualTo(ExecutionType.EXPIRED);
    assertThat(executionsOf("l-1").getLast().quantity()).isEqualTo(10 - filled);
    assertThat(view("l-1").filledQuantity()).isEqualTo(filled);
  }

  @Test
  void rejectsALimitOrderWhoseExpiryHasAlreadyPassed() {
    PlacementAnswer answer = book.place(limit("l-1", Side.BUY, 10, "100.00", START));

    assertThat(answer.reason()).isEqualTo(RejectReason.ALREADY_EXPIRED);
  }

  // --- instruments ---

  @Test
  void rejectsEveryOrderOnTheHaltedInstrument() {
    PlacementAnswer marketOrder =
        book.place(
            new OrderTerms(
                "h-1", Side.BUY, "HALTED", 1, OrderType.MARKET, null, null, null, null, null));
    PlacementAnswer limitOrder =
        book.place(
            new OrderTerms(
                "h-2",
                Side.SELL,
                "HALTED",
                1,
                OrderType.LIMIT,
                price("1.00"),
                null,
                null,
                null,
                null));

    assertThat(List.of(marketOrder, limitOrder))
        .extracting(PlacementAnswer::reason)
        .containsOnly(RejectReason.INSTRUMENT_HALTED);
    assertThat(allExecutions()).extracting(Execution::type).containsOnly(ExecutionType.REJECTED);
  }

  @Test
  void rejectsAnOrderOnAnUnknownInstrument() {
    PlacementAnswer answer =
        book.place(
            new OrderTerms(
                "u-1", Side.BUY, "NOPE", 1, OrderType.MARKET, null, null, null, null, null));

    assertThat(answer)
        .isEqualTo(
            new PlacementAnswer("u-1", PlacementStatus.REJECTED, RejectReason.UNKNOWN_INSTRUMENT));
    assertThat(view("u-1").instrument()).isEqualTo("NOPE");
  }

  @Test
  void rejectsAcceptableOrdersAtRandomAtTheRejectRate() {
    settings.replace(new VenueSettings(0, 1.0, 0.0, false));
    assertThat(book.place(market("m-1", Side.BUY, 1, null)).reason())
        .isEqualTo(RejectReason.RANDOM_REJECT);

    settings.replace(new VenueSettings(0, 0.0, 0.0, false));
    assertThat(book.place(market("m-2", Side.BUY, 1, null)).status())
        .isEqualTo(PlacementStatus.ACCEPTED);
  }

  // --- idempotence ---

  @Test
  void answersAResubmissionWithTheSameAnswerAndCreatesNothing() {
    PlacementAnswer accepted = book.place(limit("l-1", Side.BUY, 10, "100.00"));
    PlacementAnswer rejected = book.place(market("m-1", Side.BUY, 10, price("1.00")));
    long lastSequence = feed.lastSequence();

    assertThat(book.place(limit("l-1", Side.BUY, 10, "100.0"))).isEqualTo(accepted);
    assertThat(book.place(market("m-1", Side.BUY, 10, price("1.00")))).isEqualTo(rejected);
    assertThat(feed.lastSequence()).isEqualTo(lastSequence);
    assertThat(meters.get("exchange.orders.received").counters())
        .extracting(c -> c.count())
        .containsOnly(1.0);
  }

  @Test
  void answersAResubmissionOfAFilledOrderAsAcceptedWithoutFillingItAgain() {
    book.place(market("m-1", Side.BUY, 10, null));

    assertThat(book.place(market("m-1", Side.BUY, 10, null)).status())
        .isEqualTo(PlacementStatus.ACCEPTED);
    assertThat(executionsOf("m-1")).hasSize(1);
  }

  @Test
  void refusesADifferentOrderUnderAKnownClientOrderId() {
    book.place(limit("l-1", Side.BUY, 10, "100.00"));

    assertThatThrownBy(() -> book.place(limit("l-1", Side.BUY, 11, "100.00")))
        .isInstanceOf(OrderRefusal.ClientOrderIdReused.class);
    assertThatThrownBy(() -> book.place(limit("l-1", Side.BUY, 10, "100.01")))
        .isInstanceOf(OrderRefusal.ClientOrderIdReused.class);
    assertThat(view("l-1").quantity()).isEqualTo(10);
  }

  // --- partial fills ---

  @Test
  void splitsAMarketOrderIntoTwoOrThreeFillsThatSumToItsQuantity() {
    settings.replace(new VenueSettings(0, 0.0, 0.0, true));
    Random quantities = new Random(7);
    for (int i = 0; i < 200; i++) {
      String id = "m-" + i;
      long quantity = 2 + quantities.nextInt(1_000);

      book.place(market(id, i % 2 == 0 ? Side.BUY : Side.SELL, quantity, null));

      List<Execution> fills = executionsOf(id);
      assertThat(fills)
          .hasSizeBetween(2, 3)
          .allSatisfy(
              f -> {
                assertThat(f.type()).isEqualTo(ExecutionType.FILL);
                assertThat(f.quantity()).isPositive();
              });
      assertThat(fills.stream().mapToLong(Execution::quantity).sum()).isEqualTo(quantity);
      assertThat(fills)
          .extracting(Execution::fillId)
          .containsExactly(
              fills.size() == 2
                  ? new String[] {id + "-F1", id + "-F2"}
                  : new String[] {id + "-F1", id + "-F2", id + "-F3"});
      assertThat(view(id).status()).isEqualTo(OrderStatus.FILLED);
    }
  }

  @Test
  void fillsAOneShareOrderInOneFillEvenWithPartialFills() {
    settings.replace(new VenueSettings(0, 0.0, 0.0, true));

    book.place(market("m-1", Side.BUY, 1, null));

    assertThat(single(executionsOf("m-1")).quantity()).isEqualTo(1);
  }

  @Test
  void fillsALimitOrderInPartsOnSuccessiveCrossingTicks() {
    settings.replace(new VenueSettings(0, 0.0, 0.0, true));
    book.place(limit("l-1", Side.BUY, 100, "195.00"));
    assertThat(view("l-1").status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);

    tickUntil(() -> view("l-1").status() == OrderStatus.FILLED, price -> {});

    List<Execution> fills = executionsOf("l-1");
    assertThat(fills).hasSizeBetween(2, 3);
    assertThat(fills.stream().mapToLong(Execution::quantity).sum()).isEqualTo(100);
    assertThat(fills).allSatisfy(f -> assertThat(f.price()).isLessThanOrEqualTo(price("195.00")));
  }

  // --- the feed ---

  @Test
  void numbersTheFeedWithoutGapsAndPagesItFromACursor() {
    book.place(market("m-1", Side.BUY, 10, null));
    book.place(market("m-2", Side.BUY, 10, price("1.00")));
    book.place(limit("l-1", Side.BUY, 10, "100.00"));
    book.cancel("l-1");

    assertThat(allExecutions()).extracting(Execution::sequence).containsExactly(1L, 2L, 3L);
    assertThat(feed.after(1, 1).executions()).extracting(Execution::sequence).containsExactly(2L);
    assertThat(feed.after(1, 1).lastSequence()).isEqualTo(2);
    assertThat(feed.after(3, 10).executions()).isEmpty();
    assertThat(feed.after(3, 10).lastSequence()).isEqualTo(3);
  }

  @Test
  void countsOrdersByOutcomeAndFillsByInstrument() {
    book.place(market("m-1", Side.BUY, 10, null));
    book.place(market("m-2", Side.BUY, 10, price("1.00")));

    assertThat(meters.get("exchange.orders.received").tag("outcome", "ACCEPTED").counter().count())
        .isEqualTo(1);
    assertThat(
            meters
                .get("exchange.orders.received")
                .tag("outcome", "REJECTED")
                .tag("reason", "PRICE_PROTECTION")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(meters.get("exchange.fills").tag("instrument", "AAPL").counter().count())
        .isEqualTo(1);
  }

  // --- durability ---

  @Test
  void restoresTheBookAndTheFeedWithTheSameSequencesAfterARestart() {
    settings.replace(new VenueSettings(0, 0.0, 0.0, true));
    book.place(market("m-1", Side.BUY, 10, null));
    book.place(market("m-2", Side.SELL, 10, price("500.00")));
    book.place(limit("l-1", Side.BUY, 10, "100.00"));
    book.place(limit("l-2", Side.BUY, 10, "100.00"));
    book.cancel("l-2");
    book.place(limit("l-3", Side.BUY, 10, "191.00"));
    List<Execution> feedBefore = allExecutions();
    List<String> ids = List.of("m-1", "m-2", "l-1", "l-2", "l-3");
    List<OrderView> viewsBefore = ids.stream().map(this::view).toList();

    reopenVenue(price("0.05"), 99);

    assertThat(allExecutions()).isEqualTo(feedBefore);
    assertThat(ids.stream().map(this::view).toList()).isEqualTo(viewsBefore);
    assertThat(book.place(market("m-2", Side.SELL, 10, price("500.00"))).reason())
        .isEqualTo(RejectReason.PRICE_PROTECTION);
    assertThat(book.cancel("l-2").status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(feed.lastSequence()).isEqualTo(feedBefore.size());

    book.cancel("l-1");
    assertThat(single(executionsOf("l-1")).sequence()).isEqualTo(feedBefore.size() + 1L);
    tickUntil(() -> view("l-3").status() == OrderStatus.FILLED, price -> {});
    List<String> fillIds = executionsOf("l-3").stream().map(Execution::fillId).toList();
    assertThat(fillIds).doesNotHaveDuplicates().first().isEqualTo("l-3-F1");
  }

  @Test
  void refusesToOpenAJournalWhoseSequencesHaveAGap() throws IOException {
    book.place(market("m-1", Side.BUY, 10, null));
    book.close();
    Path journal = journalDir.resolve("order-book.jsonl");
    String line = Files.readString(journal).replace("\"sequence\":1", "\"sequence\":2");
    Files.writeString(journal, line);

    assertThatThrownBy(() -> reopenVenue(price("0.05"), 42))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("sequence");
    openVenue(price("0.05"), 42, journalDir.resolve("elsewhere"));
  }

  // --- fixture ---

  private void openVenue(BigDecimal priceStep, long seed) {
    openVenue(priceStep, seed, journalDir);
  }

  private void openVenue(BigDecimal priceStep, long seed, Path directory) {
    Random random = new Random(seed);
    prices = new ReferencePrices(INSTRUMENTS, priceStep, random, clock);
    feed = new ExecutionFeed();
    book = OrderBook.open(directory, feed, prices, RULES, settings, clock, random, meters);
  }

  /** A restart: the same journal, a fresh process state (prices start over). */
  private void reopenVenue(BigDecimal priceStep, long seed) {
    book.close();
    openVenue(priceStep, seed);
  }

  /**
   * Ticks until the condition holds, checking each tick's price before it does; returns the price
   * it held at.
   */
  private BigDecimal tickUntil(BooleanSupplier condition, Consumer<BigDecimal> beforeThen) {
    for (int i = 0; i < 100_000; i++) {
      book.tick();
      BigDecimal price = prices.price("AAPL").orElseThrow();
      if (condition.getAsBoolean()) {
        return price;
      }
      beforeThen.accept(price);
    }
    throw new AssertionError("condition never held");
  }

  private static OrderTerms market(
      String id, Side side, long quantity, @Nullable BigDecimal protection) {
    return new OrderTerms(
        id, side, "AAPL", quantity, OrderType.MARKET, null, protection, null, null, null);
  }

  private static OrderTerms limit(String id, Side side, long quantity, String limitPrice) {
    return limit(id, side, quantity, limitPrice, (Instant) null);
  }

  private static OrderTerms limit(
      String id, Side side, long quantity, String limitPrice, @Nullable Instant expiresAt) {
    return new OrderTerms(
        id,
        side,
        "AAPL",
        quantity,
        OrderType.LIMIT,
        price(limitPrice),
        null,
        expiresAt,
        null,
        null);
  }

  private static OrderTerms limit(
      String id, Side side, long quantity, String limitPrice, TimeInForce timeInForce) {
    return new OrderTerms(
        id,
        side,
        "AAPL",
        quantity,
        OrderType.LIMIT,
        price(limitPrice),
        null,
        null,
        timeInForce,
        null);
  }

  private OrderView view(String id) {
    return book.find(id).orElseThrow();
  }

  private List<Execution> allExecutions() {
    return feed.after(0, 1_000).executions();
  }

  private List<Execution> executionsOf(String id) {
    return new ArrayList<>(
        allExecutions().stream().filter(e -> e.venueOrderId().equals(id)).toList());
  }

  private static Execution single(List<Execution> executions) {
    assertThat(executions).hasSize(1);
    return executions.getFirst();
  }

  private static BigDecimal price(String value) {
    return new BigDecimal(value);
  }
}
