package com.example.trading.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.trading.schemas.Assets;
import com.example.trading.schemas.FeeEvent.FeeCharged;
import com.example.trading.schemas.FeeEvent.FeeRefunded;
import com.example.trading.schemas.FeeEvent.FeeSettled;
import com.example.trading.schemas.HoldingEvent.HoldingCredited;
import com.example.trading.schemas.HoldingEvent.HoldingDebited;
import com.example.trading.schemas.HoldingEvent.HoldingDeposited;
import com.example.trading.schemas.HoldingEvent.HoldingReservationReleased;
import com.example.trading.schemas.HoldingEvent.HoldingReserved;
import com.example.trading.schemas.OrderEvent.OrderAccepted;
import com.example.trading.schemas.OrderEvent.OrderCancelled;
import com.example.trading.schemas.OrderEvent.OrderCompleted;
import com.example.trading.schemas.OrderEvent.OrderFilled;
import com.example.trading.schemas.OrderEvent.OrderPlaced;
import com.example.trading.schemas.OrderEvent.OrderSubmitted;
import com.example.trading.schemas.OrderType;
import com.example.trading.schemas.Side;
import com.example.trading.schemas.TimeInForce;
import com.example.trading.schemas.TradingEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The audit's verdicts on hand-made event stores: a healthy one, and each kind of damage. */
class EventStoreAuditTest {

  static final String ACCOUNT = "acc-1";
  static final String AAPL = Assets.holdingId(ACCOUNT, "AAPL");
  static final String USD = Assets.holdingId(ACCOUNT, Assets.CASH);

  final List<StoredEvent> store = new ArrayList<>();

  void append(TradingEvent event) {
    store.add(
        new StoredEvent(
            store.size() + 1,
            "agg",
            store.size(),
            Instant.parse("2026-11-22T10:00:00Z").plusMillis(store.size()),
            event,
            "operator:test"));
  }

  static BigDecimal d(String value) {
    return new BigDecimal(value);
  }

  /**
   * A SELL of 10 AAPL filled in two parts (4 @ 190.00, 6 @ 191.00: 1,906.00 traded) whose fee held
   * 2.00 on its estimate: each fill pays the fee due on what traded so far (1.00, the minimum, then
   * 0.91 more), and at the end 1.91 is settled and 0.09 of the hold refunded.
   */
  void aFilledSell(String orderId) {
    aFilledSell(orderId, new FeeSettled(orderId, ACCOUNT, d("1.91"), d("0.09"), d("1906.00")));
  }

  void aFilledSell(String orderId, FeeSettled settlement) {
    append(
        new OrderPlaced(
            orderId,
            ACCOUNT,
            "c-" + orderId,
            Side.SELL,
            "AAPL",
            10,
            OrderType.MARKET,
            null,
            null,
            TimeInForce.DAY,
            null));
    append(new HoldingReserved(AAPL, ACCOUNT, "AAPL", orderId, d("10")));
    append(new FeeCharged(orderId, ACCOUNT, d("2.00"), "standard-v1"));
    append(new OrderAccepted(orderId, "AAPL", d("10"), d("2.00")));
    append(new OrderSubmitted(orderId, orderId));
    append(new HoldingDebited(AAPL, ACCOUNT, "AAPL", orderId, orderId + "-F1", d("4")));
    append(new HoldingCredited(USD, ACCOUNT, "USD", orderId, orderId + "-F1", d("759.00")));
    append(new OrderFilled(orderId, orderId + "-F1", 4, d("190.00"), 4));
    append(new HoldingDebited(AAPL, ACCOUNT, "AAPL", orderId, orderId + "-F2", d("6")));
    append(new HoldingCredited(USD, ACCOUNT, "USD", orderId, orderId + "-F2", d("1145.09")));
    append(new OrderFilled(orderId, orderId + "-F2", 6, d("191.00"), 10));
    append(new HoldingReservationReleased(AAPL, ACCOUNT, "AAPL", orderId, d("0")));
    append(settlement);
    append(new OrderCompleted(orderId, 10));
  }

  AuditReport audit() {
    return EventStoreAudit.of(store, Set.of());
  }

  @Test
  void aHealthyStorePassesEveryInvariant() {
    append(new HoldingDeposited(AAPL, ACCOUNT, "AAPL", d("100"), null));
    aFilledSell("o-1");

    AuditReport report = audit();

    assertThat(report.holds()).as(report.toString()).isTrue();
    assertThat(report.endings()).containsEntry("FILLED", 1L);
    assertThat(report.orders().get("o-1").filledQuantity()).isEqualTo(10);
  }

  @Test
  void aFillCreditedTwiceIsCaughtAsAppliedTwiceAndAsMoneyFromNowhere() {
    append(new HoldingDeposited(AAPL, ACCOUNT, "AAPL", d("100"), null));
    aFilledSell("o-1");
    append(new HoldingCredited(USD, ACCOUNT, "USD", "o-1", "o-1-F2", d("1146.00")));

    AuditReport report = audit();

    assertThat(report.violationsOf(Invariant.NOTHING_APPLIED_TWICE))
        .singleElement()
        .asString()
        .contains("o-1-F2");
    assertThat(report.violationsOf(Invariant.ASSETS_CONSERVED))
        .singleElement()
        .asString()
        .contains(USD)
        .contains("3050.09")
        .contains("1904.09");
  }

  @Test
  void sellingMoreThanIsHeldIsANegativeHoldingEvenIfLaterRepaired() {
    aFilledSell("o-1");
    append(new HoldingDeposited(AAPL, ACCOUNT, "AAPL", d("100"), null));

    AuditReport report = audit();

    assertThat(report.violationsOf(Invariant.HOLDINGS_NEVER_NEGATIVE)).isNotEmpty();
  }

  @Test
  void aCancelledOrderThatKeepsItsReservationAndBothSettlesAndRefundsItsFeeIsCaught() {
    append(new HoldingDeposited(USD, ACCOUNT, "USD", d("1000.00"), null));
    append(
        new OrderPlaced(
            "o-2",
            ACCOUNT,
            "c-2",
            Side.BUY,
            "AAPL",
            3,
            OrderType.LIMIT,
            d("1.00"),
            null,
            TimeInForce.DAY,
            null));
    append(new HoldingReserved(USD, ACCOUNT, "USD", "o-2", d("4.00")));
    append(new FeeCharged("o-2", ACCOUNT, d("1.00"), "standard-v1"));
    append(new FeeSettled("o-2", ACCOUNT, d("1.00"), d("0.00"), null));
    append(new FeeRefunded("o-2", ACCOUNT, d("1.00")));
    append(new OrderCancelled("o-2", 0));

    AuditReport report = audit();

    assertThat(report.violationsOf(Invariant.NO_RESERVATION_AFTER_FINISH)).hasSize(2);
    assertThat(report.violationsOf(Invariant.FEE_ON_WHAT_TRADED)).anyMatch(v -> v.contains("both"));
  }

  @Test
  void aFeeSettledOnTheWholeHoldInsteadOfWhatTradedIsCaught() {
    append(new HoldingDeposited(AAPL, ACCOUNT, "AAPL", d("100"), null));
    aFilledSell("o-1", new FeeSettled("o-1", ACCOUNT, d("2.00"), d("0.00"), d("1906.00")));

    AuditReport report = audit();

    assertThat(report.violationsOf(Invariant.FEE_ON_WHAT_TRADED))
        .singleElement()
        .asString()
        .contains("settled 2.00 on 1906.00 traded")
        .contains("1.91 is due");
  }

  @Test
  void aSettlementWhoseRefundDoesNotMakeUpTheHoldIsCaught() {
    append(new HoldingDeposited(AAPL, ACCOUNT, "AAPL", d("100"), null));
    aFilledSell("o-1", new FeeSettled("o-1", ACCOUNT, d("1.91"), d("0.19"), d("1906.00")));

    AuditReport report = audit();

    assertThat(report.violationsOf(Invariant.FEE_ON_WHAT_TRADED))
        .singleElement()
        .asString()
        .contains("charged 2.00, but settled 1.91 + refunded 0.19");
  }

  @Test
  void aSettlementOnANotionalTheFillsDidNotTradeIsCaught() {
    append(new HoldingDeposited(AAPL, ACCOUNT, "AAPL", d("100"), null));
    aFilledSell("o-1", new FeeSettled("o-1", ACCOUNT, d("1.91"), d("0.09"), d("1910.00")));

    assertThat(audit().violationsOf(Invariant.FEE_ON_WHAT_TRADED))
        .singleElement()
        .asString()
        .contains("its fills traded 1906.00");
  }

  @Test
  void aFeeSettledWholeAtTheFirstFillBeforeFeesWereSettledOnWhatTradedStillHolds() {
    // Revision 1: the whole hold (2.00) came out of the first fill's proceeds and was settled.
    append(new HoldingDeposited(AAPL, ACCOUNT, "AAPL", d("100"), null));
    append(
        new OrderPlaced(
            "o-1",
            ACCOUNT,
            "c-o-1",
            Side.SELL,
            "AAPL",
            4,
            OrderType.MARKET,
            null,
            null,
            TimeInForce.DAY,
            null));
    append(new HoldingReserved(AAPL, ACCOUNT, "AAPL", "o-1", d("4")));
    append(new FeeCharged("o-1", ACCOUNT, d("2.00"), "standard-v1"));
    append(new HoldingDebited(AAPL, ACCOUNT, "AAPL", "o-1", "o-1-F1", d("4")));
    append(new HoldingCredited(USD, ACCOUNT, "USD", "o-1", "o-1-F1", d("758.00")));
    append(new FeeSettled("o-1", ACCOUNT, d("2.00"), d("0.00"), null));
    append(new OrderFilled("o-1", "o-1-F1", 4, d("190.00"), 4));
    append(new HoldingReservationReleased(AAPL, ACCOUNT, "AAPL", "o-1", d("0")));
    append(new OrderCompleted("o-1", 4));

    AuditReport report = audit();

    assertThat(report.holds()).as(report.toString()).isTrue();
  }

  @Test
  void anOrderWithoutAnEndIsLiveAndItsHoldingsAreNotBalanced() {
    append(new HoldingDeposited(AAPL, ACCOUNT, "AAPL", d("100"), null));
    append(
        new OrderPlaced(
            "o-3",
            ACCOUNT,
            "c-3",
            Side.SELL,
            "AAPL",
            10,
            OrderType.MARKET,
            null,
            null,
            TimeInForce.DAY,
            null));
    append(new HoldingReserved(AAPL, ACCOUNT, "AAPL", "o-3", d("10")));

    AuditReport report = audit();

    assertThat(report.violationsOf(Invariant.EVERY_ORDER_FINISHED))
        .singleElement()
        .asString()
        .contains("o-3");
    assertThat(report.holds(Invariant.EVERY_ORDER_FINISHED)).isTrue();
    assertThat(report.holdingsNotBalanced()).isEqualTo(1);
    assertThat(report.endings()).containsEntry("LIVE", 1L);
  }

  @Test
  void anOrderThatEndsFilledShortOfItsQuantityIsInconsistent() {
    append(new HoldingDeposited(AAPL, ACCOUNT, "AAPL", d("100"), null));
    aFilledSell("o-1");
    store.removeIf(e -> e.payload() instanceof OrderFilled f && f.fillId().equals("o-1-F2"));

    AuditReport report = audit();

    assertThat(report.violationsOf(Invariant.ORDERS_CONSISTENT))
        .anyMatch(v -> v.contains("o-1 ended OrderCompleted"));
    assertThat(report.violationsOf(Invariant.ASSETS_CONSERVED))
        .anyMatch(v -> v.contains("never recorded"));
  }

  @Test
  void otherAccountsAreOutOfScope() {
    append(new HoldingDeposited(AAPL, ACCOUNT, "AAPL", d("100"), null));
    aFilledSell("o-1");
    append(new HoldingCredited(USD, ACCOUNT, "USD", "o-1", "o-1-F2", d("1146.00")));

    assertThat(EventStoreAudit.of(store, Set.of("someone-else")).holds()).isTrue();
    assertThat(EventStoreAudit.of(store, Set.of("someone-else")).orders()).isEmpty();
  }
}
