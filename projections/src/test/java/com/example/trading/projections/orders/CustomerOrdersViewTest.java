package com.example.trading.projections.orders;

import static com.example.trading.schemas.fixtures.OrderTicket.order;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.trading.projections.pipeline.ProjectedEvent;
import com.example.trading.schemas.FeeEvent;
import com.example.trading.schemas.FeeEvent.FeeChargeRejected;
import com.example.trading.schemas.FeeEvent.FeeCharged;
import com.example.trading.schemas.FeeEvent.FeeHoldAdjusted;
import com.example.trading.schemas.FeeEvent.FeeRefunded;
import com.example.trading.schemas.FeeEvent.FeeSettled;
import com.example.trading.schemas.MessageMetadata;
import com.example.trading.schemas.OrderEvent.OrderAccepted;
import com.example.trading.schemas.OrderEvent.OrderCancellationRequested;
import com.example.trading.schemas.OrderEvent.OrderCancelled;
import com.example.trading.schemas.OrderEvent.OrderExpired;
import com.example.trading.schemas.OrderEvent.OrderFilled;
import com.example.trading.schemas.OrderEvent.OrderRejected;
import com.example.trading.schemas.OrderEvent.OrderReplaceRejected;
import com.example.trading.schemas.OrderEvent.OrderReplaceRequested;
import com.example.trading.schemas.OrderEvent.OrderReplaced;
import com.example.trading.schemas.OrderEvent.OrderSubmitted;
import com.example.trading.schemas.OrderEvent.OrderTriggered;
import com.example.trading.schemas.TimeInForce;
import com.example.trading.schemas.Topics;
import com.example.trading.schemas.TradingEvent;
import com.example.trading.schemas.fee.FeeRejectionReason;
import com.example.trading.schemas.order.OrderRejectReason;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CustomerOrders view as the pure function it is: events in, document out. */
class CustomerOrdersViewTest {

  private static final String ORDER = "o-1";
  private final CustomerOrdersView view = new CustomerOrdersView();
  private long position;

  private ProjectedEvent event(TradingEvent event, long sequence) {
    position++;
    return new ProjectedEvent(
        event,
        new MessageMetadata(
            "m-" + position,
            ORDER,
            null,
            Instant.parse("2026-11-22T10:00:00Z").plusSeconds(position),
            "t",
            1,
            null),
        event instanceof FeeEvent ? Topics.FEE_EVENTS : Topics.ORDER_EVENTS,
        0,
        position,
        position,
        sequence);
  }

  private CustomerOrderDocument fold(List<ProjectedEvent> events) {
    CustomerOrderDocument doc = null;
    for (ProjectedEvent event : events) {
      CustomerOrderDocument next = view.apply(doc, event);
      doc = next == null ? doc : next;
    }
    return doc;
  }

  private ProjectedEvent placed() {
    return event(order(ORDER).buy().instrument("MSFT").limit("420.00").maxFee("5.00").placed(), 0);
  }

  @Test
  void aRejectionRecordsItsReasonAndAFeeRejectionItsStatus() {
    CustomerOrderDocument doc =
        fold(
            List.of(
                placed(),
                event(
                    new FeeChargeRejected(
                        ORDER,
                        "acc-1",
                        new BigDecimal("4.20"),
                        new BigDecimal("1.00"),
                        FeeRejectionReason.FEE_LIMIT_EXCEEDED),
                    0),
                event(
                    new OrderRejected(
                        ORDER, OrderRejectReason.FEE_REJECTED, "fee 4.20 above maxFee 1.00"),
                    1)));

    assertThat(doc.status).isEqualTo("REJECTED");
    assertThat(doc.rejectReason).isEqualTo("FEE_REJECTED");
    assertThat(doc.rejectDetail).isEqualTo("fee 4.20 above maxFee 1.00");
    assertThat(doc.feeStatus).isEqualTo("REJECTED");
    assertThat(doc.fee).isNull();
  }

  @Test
  void aCancellationAfterAPartialFillKeepsTheFillAndRefundsNothing() {
    CustomerOrderDocument doc =
        fold(
            List.of(
                placed(),
                event(new FeeCharged(ORDER, "acc-1", new BigDecimal("4.20"), "standard-v1"), 0),
                event(
                    new OrderAccepted(
                        ORDER, "USD", new BigDecimal("4204.20"), new BigDecimal("4.20")),
                    1),
                event(new OrderSubmitted(ORDER, ORDER), 2),
                event(new OrderFilled(ORDER, "f-1", 4, new BigDecimal("419.50"), 4), 3),
                event(new OrderCancellationRequested(ORDER), 4)));
    assertThat(doc.status).isEqualTo("CANCEL_REQUESTED");

    doc = view.apply(doc, event(new OrderCancelled(ORDER, 4), 5));

    assertThat(doc.status).isEqualTo("CANCELLED");
    assertThat(doc.filledQuantity).isEqualTo(4);
    assertThat(doc.averagePrice).isEqualTo("419.50");
    assertThat(doc.timeline)
        .extracting(CustomerOrderDocument.TimelineEntry::event)
        .endsWith("OrderCancelled");
  }

  @Test
  void aCancelOnTheCustomersBehalfSaysWhoAskedAndWhyAndAnOlderOneSaysNothing() {
    CustomerOrderDocument doc =
        fold(
            List.of(
                placed(),
                event(
                    new OrderCancellationRequested(
                        ORDER, "operator:alice", "the customer asked by phone"),
                    1)));
    CustomerOrderDocument older =
        fold(List.of(placed(), event(new OrderCancellationRequested(ORDER), 1)));

    assertThat(doc.timeline)
        .filteredOn(entry -> entry.event().equals("OrderCancellationRequested"))
        .extracting(CustomerOrderDocument.TimelineEntry::detail)
        .containsExactly("asked by operator:alice: the customer asked by phone");
    assertThat(older.timeline)
        .filteredOn(entry -> entry.event().equals("OrderCancellationRequested"))
        .extracting(CustomerOrderDocument.TimelineEntry::detail)
        .containsOnlyNulls();
  }

  @Test
  void aRefundedFeeAndAnExpiryAreRecorded() {
    CustomerOrderDocument doc =
        fold(
            List.of(
                placed(),
                event(new FeeCharged(ORDER, "acc-1", new BigDecimal("4.20"), "standard-v1"), 0),
                event(
                    new OrderAccepted(
                        ORDER, "USD", new BigDecimal("4204.20"), new BigDecimal("4.20")),
                    1),
                event(new OrderSubmitted(ORDER, ORDER), 2),
                event(new OrderExpired(ORDER, 0), 3),
                event(new FeeRefunded(ORDER, "acc-1", new BigDecimal("4.20")), 1)));

    assertThat(doc.status).isEqualTo("EXPIRED");
    assertThat(doc.feeStatus).isEqualTo("REFUNDED");
  }

  @Test
  void aFeeSettledOnWhatTradedShowsTheHoldTheFeePaidAndWhatWasRefunded() {
    CustomerOrderDocument doc =
        fold(
            List.of(
                placed(),
                event(new FeeCharged(ORDER, "acc-1", new BigDecimal("4.43"), "standard-v1"), 0),
                event(new OrderFilled(ORDER, "f-1", 10, new BigDecimal("421.70"), 10), 1),
                event(
                    new FeeSettled(
                        ORDER,
                        "acc-1",
                        new BigDecimal("4.22"),
                        new BigDecimal("0.21"),
                        new BigDecimal("4217.00")),
                    1)));

    assertThat(doc.feeStatus).isEqualTo("SETTLED");
    assertThat(doc.feeHeld).isEqualTo("4.43");
    assertThat(doc.feePaid).isEqualTo("4.22");
    assertThat(doc.feeRefunded).isEqualTo("0.21");
    assertThat(doc.fee).isEqualTo("4.22");
    assertThat(doc.feeCents).isEqualTo(422);
    assertThat(doc.timeline)
        .extracting(CustomerOrderDocument.TimelineEntry::detail)
        .contains("4.22 on 4217.00 traded; 0.21 of the hold refunded");
  }

  @Test
  void aRefundedFeeWasNotPaid() {
    CustomerOrderDocument doc =
        fold(
            List.of(
                placed(),
                event(new FeeCharged(ORDER, "acc-1", new BigDecimal("4.20"), "standard-v1"), 0),
                event(new FeeRefunded(ORDER, "acc-1", new BigDecimal("4.20")), 1)));

    assertThat(doc.feeHeld).isEqualTo("4.20");
    assertThat(doc.feePaid).isEqualTo("0.00");
    assertThat(doc.feeRefunded).isEqualTo("4.20");
  }

  @Test
  void aStopOrderShowsItsStopAndWhenTheVenueTriggeredIt() {
    CustomerOrderDocument doc =
        fold(
            List.of(
                event(
                    order(ORDER)
                        .buy()
                        .instrument("MSFT")
                        .stopLimit("421.00", "425.00")
                        .maxFee(null)
                        .timeInForce(TimeInForce.GTC)
                        .placed(),
                    0),
                event(new OrderTriggered(ORDER, new BigDecimal("421.05")), 1)));

    assertThat(doc.type).isEqualTo("STOP_LIMIT");
    assertThat(doc.stopPrice).isEqualTo("421.00");
    assertThat(doc.timeInForce).isEqualTo("GTC");
    assertThat(doc.triggeredAt).isEqualTo("2026-11-22T10:00:02Z");
    assertThat(doc.timeline)
        .extracting(CustomerOrderDocument.TimelineEntry::detail)
        .containsExactly(
            "BUY 10 MSFT STOP_LIMIT stop 421.00 @ 425.00 GTC", "stop reached at 421.05");
  }

  @Test
  void aReplaceShowsWhileInFlightThenTheNewTermsAndTheFeeHeldForThem() {
    String replaceId = ORDER + ":r1";
    List<ProjectedEvent> inFlight =
        List.of(
            placed(),
            event(new OrderSubmitted(ORDER, ORDER), 1),
            event(
                new OrderReplaceRequested(ORDER, replaceId, 12, new BigDecimal("419.00"), null),
                2));
    CustomerOrderDocument doc = fold(inFlight);
    assertThat(doc.status).isEqualTo("REPLACE_REQUESTED");
    assertThat(doc.quantity).isEqualTo(10);

    List<ProjectedEvent> answered = new java.util.ArrayList<>(inFlight);
    answered.addAll(
        List.of(
            event(
                new FeeHoldAdjusted(
                    ORDER,
                    "acc-1",
                    replaceId + ":fee",
                    new BigDecimal("4.20"),
                    new BigDecimal("5.03"),
                    new BigDecimal("5028.00")),
                0),
            event(new OrderReplaced(ORDER, replaceId, 12, new BigDecimal("419.00"), null), 3),
            event(
                new OrderReplaceRequested(ORDER, ORDER + ":r2", 20, new BigDecimal("419.00"), null),
                4),
            event(new OrderReplaceRejected(ORDER, ORDER + ":r2", "not enough cash"), 5)));
    doc = fold(answered);

    assertThat(doc.status).isEqualTo("SUBMITTED");
    assertThat(doc.quantity).isEqualTo(12);
    assertThat(doc.limitPrice).isEqualTo("419.00");
    assertThat(doc.feeHeld).isEqualTo("5.03");
    assertThat(doc.timeline)
        .extracting(CustomerOrderDocument.TimelineEntry::event)
        .contains(
            "OrderReplaceRequested", "FeeHoldAdjusted", "OrderReplaced", "OrderReplaceRejected");
    assertThat(doc.timeline)
        .extracting(CustomerOrderDocument.TimelineEntry::detail)
        .contains(ORDER + ":r1: now 12 @ 419.00", ORDER + ":r2: not enough cash");
  }

  @Test
  void anEventAlreadyReflectedChangesNothing() {
    ProjectedEvent placed = placed();
    CustomerOrderDocument doc = view.apply(null, placed);

    assertThat(view.apply(doc, placed)).isNull();
  }

  @Test
  void feeEventsBeforeThePlacementStillLeaveTheSameDocument() {
    ProjectedEvent placed = placed();
    ProjectedEvent charged =
        event(new FeeCharged(ORDER, "acc-1", new BigDecimal("4.20"), "standard-v1"), 0);

    CustomerOrderDocument placedFirst = fold(List.of(placed, charged));
    CustomerOrderDocument chargedFirst = fold(List.of(charged, placed));

    assertThat(chargedFirst).usingRecursiveComparison().isEqualTo(placedFirst);
  }

  @Test
  void anOrderFilledWithinItsQuantityFollowsTheViewsRulesAndAnOverfilledOneBreaksThem() {
    CustomerOrderDocument partlyFilled =
        fold(
            List.of(
                placed(),
                event(new OrderFilled(ORDER, "f-1", 4, new BigDecimal("420.00"), 4), 1),
                event(new OrderFilled(ORDER, "f-2", 6, new BigDecimal("419.00"), 10), 2)));
    assertThat(view.violations(partlyFilled)).isEmpty();

    CustomerOrderDocument overfilled =
        fold(
            List.of(
                placed(),
                event(new OrderFilled(ORDER, "f-1", 4, new BigDecimal("420.00"), 4), 1),
                event(new OrderFilled(ORDER, "f-2", 7, new BigDecimal("419.00"), 11), 2)));

    assertThat(view.violations(overfilled)).containsExactly("filled 11 of 10");
  }
}
