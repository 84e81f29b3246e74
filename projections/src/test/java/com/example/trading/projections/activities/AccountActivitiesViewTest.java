package com.example.trading.projections.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.example.trading.projections.pipeline.ProjectedEvent;
import com.example.trading.schemas.FeeEvent.FeeChargeRejected;
import com.example.trading.schemas.FeeEvent.FeeCharged;
import com.example.trading.schemas.FeeEvent.FeeSettled;
import com.example.trading.schemas.HoldingEvent.HoldingCredited;
import com.example.trading.schemas.HoldingEvent.HoldingDebited;
import com.example.trading.schemas.HoldingEvent.HoldingDeposited;
import com.example.trading.schemas.HoldingEvent.HoldingReservationAdjusted;
import com.example.trading.schemas.HoldingEvent.HoldingReservationAdjustmentRejected;
import com.example.trading.schemas.HoldingEvent.HoldingReservationRejected;
import com.example.trading.schemas.HoldingEvent.HoldingReservationReleased;
import com.example.trading.schemas.HoldingEvent.HoldingReserved;
import com.example.trading.schemas.MessageMetadata;
import com.example.trading.schemas.Topics;
import com.example.trading.schemas.TradingEvent;
import com.example.trading.schemas.fee.FeeRejectionReason;
import com.example.trading.schemas.holding.HoldingRejectionReason;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccountActivitiesViewTest {

  private final AccountActivitiesView view = new AccountActivitiesView();
  private final List<LedgerDocument> entries = new ArrayList<>();

  private static ProjectedEvent event(TradingEvent event, String topic, long sequence) {
    return new ProjectedEvent(
        event,
        new MessageMetadata(
            "m-" + sequence,
            null,
            null,
            Instant.parse("2026-12-02T10:00:00Z").plusSeconds(sequence),
            "t",
            1,
            null),
        topic,
        0,
        sequence,
        100 + sequence,
        sequence);
  }

  /**
   * Applies the event as the store does: the folded document, then its entries; an event that folds
   * into no document adds its entries alone.
   */
  private LedgerDocument apply(
      LedgerDocument current, TradingEvent event, String topic, long sequence) {
    ProjectedEvent projected = event(event, topic, sequence);
    if (view.documentId(event) == null) {
      record(view.entries(null, projected));
      return null;
    }
    LedgerDocument next = view.apply(current, projected);
    if (next != null) {
      record(view.entries(next, projected));
    }
    return next;
  }

  private void record(Map<String, LedgerDocument> added) {
    added.forEach((id, entry) -> assertThat(id).isEqualTo(entry.activityId));
    entries.addAll(added.values());
  }

  /** 1000.00 deposited into the cash holding {@code id}, then {@code reserved} of it for o-1. */
  private LedgerDocument depositedThenReserved(String id, String reserved) {
    LedgerDocument usd =
        apply(
            null,
            new HoldingDeposited(id, "acc-1", "USD", new BigDecimal("1000"), "dep-1"),
            Topics.HOLDING_EVENTS,
            0);
    return apply(
        usd,
        new HoldingReserved(id, "acc-1", "USD", "o-1", new BigDecimal(reserved)),
        Topics.HOLDING_EVENTS,
        1);
  }

  @Test
  void eachMovementOfACashHoldingIsAnEntryWithTheBalanceAfterItAndTheAmountsSumToTheQuantity() {
    String id = "acc-1/USD";
    LedgerDocument usd = depositedThenReserved(id, "442.79");
    usd =
        apply(
            usd,
            new HoldingReservationRejected(
                id,
                "acc-1",
                "USD",
                "o-2",
                new BigDecimal("600"),
                new BigDecimal("557.21"),
                HoldingRejectionReason.INSUFFICIENT_HOLDING),
            Topics.HOLDING_EVENTS,
            2);
    usd =
        apply(
            usd,
            new HoldingDebited(id, "acc-1", "USD", "o-1", "f-1", new BigDecimal("211.02")),
            Topics.HOLDING_EVENTS,
            3);
    usd =
        apply(
            usd,
            new HoldingReservationReleased(id, "acc-1", "USD", "o-1", new BigDecimal("231.77")),
            Topics.HOLDING_EVENTS,
            4);

    assertThat(entries)
        .extracting(e -> e.type, e -> e.amount, e -> e.balanceAfter, e -> e.reservedAfter)
        .containsExactly(
            tuple("DEPOSIT", "1000.00", "1000.00", "0.00"),
            tuple("RESERVED", "0.00", "1000.00", "442.79"),
            tuple("FILL", "-211.02", "788.98", "231.77"),
            tuple("RELEASED", "0.00", "788.98", "0.00"));
    assertThat(entries.getFirst().depositId).isEqualTo("dep-1");
    assertThat(entries.get(2).fillId).isEqualTo("f-1");
    assertThat(entries.get(2).orderId).isEqualTo("o-1");
    assertThat(entries)
        .allSatisfy(
            entry -> {
              assertThat(entry.kind).isEqualTo(LedgerDocument.ACTIVITY);
              assertThat(entry.accountId).isEqualTo("acc-1");
              // The id holds the stream and the sequence; an entry does not repeat them.
              assertThat(entry.activityId).startsWith(id + "#");
              assertThat(entry.stream).isNull();
              assertThat(entry.sequence).isNull();
              assertThat(entry.position).isNull();
            });
    assertThat(entries.get(2).activityId).isEqualTo("acc-1/USD#000000000003");
    assertThat(entries.get(2).at).isEqualTo("2026-12-02T10:00:03Z");
    assertThat(
            entries.stream()
                .map(e -> new BigDecimal(e.amount))
                .reduce(BigDecimal.ZERO, BigDecimal::add))
        .isEqualByComparingTo(usd.quantity);
    assertThat(usd.kind).isEqualTo(LedgerDocument.STREAM);
    assertThat(usd.sequence).isEqualTo(4);
  }

  @Test
  void aReplacesChangesOfTheReservationAreReservedAndReleasedEntriesAndARefusalIsNone() {
    String id = "acc-1/USD";
    LedgerDocument usd = depositedThenReserved(id, "400.40");
    usd =
        apply(
            usd,
            new HoldingReservationAdjusted(
                id, "acc-1", "USD", "o-1", "o-1:r1:reserve", new BigDecimal("100.10")),
            Topics.HOLDING_EVENTS,
            2);
    usd =
        apply(
            usd,
            new HoldingReservationAdjustmentRejected(
                id,
                "acc-1",
                "USD",
                "o-1",
                "o-1:r2:reserve",
                new BigDecimal("900.00"),
                new BigDecimal("499.50"),
                HoldingRejectionReason.INSUFFICIENT_HOLDING),
            Topics.HOLDING_EVENTS,
            3);
    usd =
        apply(
            usd,
            new HoldingReservationAdjusted(
                id, "acc-1", "USD", "o-1", "o-1:r3:release", new BigDecimal("-200.20")),
            Topics.HOLDING_EVENTS,
            4);

    assertThat(entries)
        .extracting(e -> e.type, e -> e.amount, e -> e.reservedAfter, e -> e.balanceAfter)
        .containsExactly(
            tuple("DEPOSIT", "1000.00", "0.00", "1000.00"),
            tuple("RESERVED", "0.00", "400.40", "1000.00"),
            tuple("RESERVED", "0.00", "500.50", "1000.00"),
            tuple("RELEASED", "0.00", "300.30", "1000.00"));
    assertThat(usd.reserved).isEqualTo("300.30");
  }

  @Test
  void sharesAreWholeAndAnEventAlreadyAppliedAddsNoEntry() {
    String id = "acc-1/AAPL";
    LedgerDocument aapl =
        apply(
            null,
            new HoldingCredited(id, "acc-1", "AAPL", "o-1", "f-1", new BigDecimal("3")),
            Topics.HOLDING_EVENTS,
            0);
    assertThat(
            apply(
                aapl,
                new HoldingCredited(id, "acc-1", "AAPL", "o-1", "f-1", new BigDecimal("3")),
                Topics.HOLDING_EVENTS,
                0))
        .isNull();

    assertThat(entries)
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.amount).isEqualTo("3");
              assertThat(entry.balanceAfter).isEqualTo("3");
              assertThat(entry.type).isEqualTo("FILL");
            });
  }

  @Test
  void aFeeSettledOnWhatTradedBelowTheHoldIsASettlementAndARefundOfTheRest() {
    LedgerDocument fee =
        apply(
            null,
            new FeeCharged("o-1", "acc-1", new BigDecimal("4.43"), "standard-v1"),
            Topics.FEE_EVENTS,
            0);
    apply(
        fee,
        new FeeSettled(
            "o-1",
            "acc-1",
            new BigDecimal("4.22"),
            new BigDecimal("0.21"),
            new BigDecimal("4217.00")),
        Topics.FEE_EVENTS,
        1);

    assertThat(entries)
        .extracting(e -> e.type, e -> e.fee, e -> e.amount, e -> e.orderId)
        .containsExactlyInAnyOrder(
            tuple("FEE_CHARGED", "4.43", "0.00", "o-1"),
            tuple("FEE_SETTLED", "4.22", "0.00", "o-1"),
            tuple("FEE_REFUNDED", "0.21", "0.00", "o-1"));
    assertThat(entries).extracting(e -> e.activityId).doesNotHaveDuplicates();
  }

  @Test
  void feeEventsAreEntriesThatMoveNoCashOfTheirOwnAndARejectedChargeIsNone() {
    LedgerDocument fee =
        apply(
            null,
            new FeeCharged("o-1", "acc-1", new BigDecimal("1.00"), "standard-2026"),
            Topics.FEE_EVENTS,
            0);
    fee =
        apply(
            fee,
            new FeeSettled(
                "o-1",
                "acc-1",
                new BigDecimal("1.00"),
                new BigDecimal("0.00"),
                new BigDecimal("760.00")),
            Topics.FEE_EVENTS,
            1);
    apply(
        null,
        new FeeChargeRejected(
            "o-2",
            "acc-1",
            new BigDecimal("1.00"),
            new BigDecimal("0.50"),
            FeeRejectionReason.FEE_LIMIT_EXCEEDED),
        Topics.FEE_EVENTS,
        0);

    assertThat(entries)
        .extracting(e -> e.type, e -> e.fee, e -> e.amount, e -> e.asset, e -> e.orderId)
        .containsExactly(
            tuple("FEE_CHARGED", "1.00", "0.00", "USD", "o-1"),
            tuple("FEE_SETTLED", "1.00", "0.00", "USD", "o-1"));
    assertThat(entries).allSatisfy(entry -> assertThat(entry.balanceAfter).isNull());
    assertThat(fee).as("a fee event folds into no document").isNull();
    assertThat(
            view.documentId(new FeeSettled("o-1", "acc-1", BigDecimal.ONE, BigDecimal.ZERO, null)))
        .isNull();
  }

  @Test
  void aFeeEventDeliveredAgainAddsTheSameEntriesUnderTheSameIds() {
    FeeSettled settled =
        new FeeSettled(
            "o-1",
            "acc-1",
            new BigDecimal("4.22"),
            new BigDecimal("0.21"),
            new BigDecimal("4217.00"));
    apply(null, settled, Topics.FEE_EVENTS, 1);
    List<LedgerDocument> first = List.copyOf(entries);
    entries.clear();
    apply(null, settled, Topics.FEE_EVENTS, 1);

    assertThat(entries).hasSize(2);
    assertThat(entries)
        .usingRecursiveFieldByFieldElementComparator()
        .containsExactlyInAnyOrderElementsOf(first);
    assertThat(entries)
        .extracting(e -> e.activityId)
        .containsExactlyInAnyOrder("o-1#000000000001", "o-1#000000000001-refund");
    assertThat(entries).allSatisfy(entry -> assertThat(entry.accountId).isEqualTo("acc-1"));
  }
}
