package com.example.trading.command.order;

import static com.example.trading.schemas.fixtures.OrderTicket.order;

import com.example.trading.command.axon.TradingCommandTargetResolver;
import com.example.trading.command.order.Order.Placement;
import com.example.trading.schemas.MessageMetadata;
import com.example.trading.schemas.OrderCommand.AcceptOrder;
import com.example.trading.schemas.OrderCommand.CancelOrder;
import com.example.trading.schemas.OrderCommand.CompleteOrder;
import com.example.trading.schemas.OrderCommand.ConfirmCancellation;
import com.example.trading.schemas.OrderCommand.ConfirmReplace;
import com.example.trading.schemas.OrderCommand.ExpireOrder;
import com.example.trading.schemas.OrderCommand.PlaceOrder;
import com.example.trading.schemas.OrderCommand.RecordFill;
import com.example.trading.schemas.OrderCommand.RecordOrderSubmission;
import com.example.trading.schemas.OrderCommand.RecordOrderTrigger;
import com.example.trading.schemas.OrderCommand.RejectOrder;
import com.example.trading.schemas.OrderCommand.RejectReplace;
import com.example.trading.schemas.OrderCommand.ReplaceOrder;
import com.example.trading.schemas.OrderEvent.OrderAccepted;
import com.example.trading.schemas.OrderEvent.OrderCancellationRequested;
import com.example.trading.schemas.OrderEvent.OrderCancelled;
import com.example.trading.schemas.OrderEvent.OrderCompleted;
import com.example.trading.schemas.OrderEvent.OrderExpired;
import com.example.trading.schemas.OrderEvent.OrderFilled;
import com.example.trading.schemas.OrderEvent.OrderPlaced;
import com.example.trading.schemas.OrderEvent.OrderRejected;
import com.example.trading.schemas.OrderEvent.OrderReplaceRejected;
import com.example.trading.schemas.OrderEvent.OrderReplaceRequested;
import com.example.trading.schemas.OrderEvent.OrderReplaced;
import com.example.trading.schemas.OrderEvent.OrderSubmitted;
import com.example.trading.schemas.OrderEvent.OrderTriggered;
import com.example.trading.schemas.OrderType;
import com.example.trading.schemas.TimeInForce;
import com.example.trading.schemas.fixtures.OrderTicket;
import com.example.trading.schemas.order.OrderRejectReason;
import com.example.trading.schemas.order.OrderStatus;
import java.math.BigDecimal;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrderTest {

  private static final String ID = "o-1";

  private AggregateTestFixture<Order> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Order.class);
    fixture.registerCommandTargetResolver(new TradingCommandTargetResolver());
  }

  /** The order of these tests: a MARKET SELL of AAPL, client order id c-42. */
  private static OrderTicket aSell(long quantity) {
    return order(ID).clientOrderId("c-42").sell().quantity(quantity);
  }

  private static PlaceOrder placeSell(long quantity) {
    return aSell(quantity).place();
  }

  private static OrderPlaced placed(long quantity) {
    return aSell(quantity).placed();
  }

  private static final OrderAccepted ACCEPTED =
      new OrderAccepted(ID, "AAPL", new BigDecimal("10"), new BigDecimal("1.90"));
  private static final OrderSubmitted SUBMITTED = new OrderSubmitted(ID, ID);

  private static OrderFilled filled(String fillId, long quantity, long total) {
    return new OrderFilled(ID, fillId, quantity, new BigDecimal("190.11"), total);
  }

  @Test
  void placingCreatesAPendingOrder() {
    fixture
        .givenNoPriorActivity()
        .when(placeSell(10))
        .expectEvents(placed(10))
        .expectResultMessagePayload(new Placement(true, OrderStatus.PENDING))
        .expectState(
            order ->
                org.assertj.core.api.Assertions.assertThat(order)
                    .extracting("status")
                    .isEqualTo(OrderStatus.PENDING));
  }

  @Test
  void placingTheSameOrderAgainChangesNothing() {
    fixture
        .given(placed(10), ACCEPTED)
        .when(placeSell(10))
        .expectNoEvents()
        .expectResultMessagePayload(new Placement(false, OrderStatus.ACCEPTED));
  }

  @Test
  void decimalsOfARepeatedPlacementAreComparedByValue() {
    fixture
        .given(placed(10))
        .when(aSell(10).maxFee("25.0").place())
        .expectNoEvents()
        .expectResultMessagePayload(new Placement(false, OrderStatus.PENDING));
  }

  @Test
  void reusingAClientOrderIdForDifferentTermsIsRefused() {
    fixture
        .given(placed(10))
        .when(placeSell(11))
        .expectException(OrderRuleViolation.ClientOrderIdReused.class)
        .expectNoEvents();
  }

  @Test
  void theTimeInForceIsRecordedAndIsPartOfThePlacementsTerms() {
    PlaceOrder goodTillCancelled = aSell(10).timeInForce(TimeInForce.GTC).place();
    fixture
        .givenNoPriorActivity()
        .when(goodTillCancelled)
        .expectEvents(aSell(10).timeInForce(TimeInForce.GTC).placed());
    fixture
        .given(placed(10))
        .when(goodTillCancelled)
        .expectException(OrderRuleViolation.ClientOrderIdReused.class)
        .expectNoEvents();
  }

  private static PlaceOrder placeStop(
      OrderType type, String limitPrice, String stopPrice, TimeInForce timeInForce) {
    return aBuy()
        .type(type)
        .limitPrice(limitPrice)
        .stopPrice(stopPrice)
        .timeInForce(timeInForce)
        .place();
  }

  /** A BUY with no maxFee, client order id c-42. */
  private static OrderTicket aBuy() {
    return order(ID).clientOrderId("c-42").buy().maxFee(null);
  }

  @Test
  void aStopOrderNeedsItsStopPriceAndOnlyAStopLimitOrderALimitPrice() {
    fixture
        .givenNoPriorActivity()
        .when(placeStop(OrderType.STOP, null, null, TimeInForce.GTC))
        .expectException(OrderRuleViolation.class)
        .expectExceptionMessage("a STOP order needs a positive stopPrice");
    fixture
        .givenNoPriorActivity()
        .when(placeStop(OrderType.STOP, "190.00", "191.00", TimeInForce.GTC))
        .expectException(OrderRuleViolation.class)
        .expectExceptionMessage("a STOP order has no limitPrice");
    fixture
        .givenNoPriorActivity()
        .when(placeStop(OrderType.LIMIT, "190.00", "191.00", TimeInForce.GTC))
        .expectException(OrderRuleViolation.class)
        .expectExceptionMessage("a LIMIT order has no stopPrice");
    fixture
        .givenNoPriorActivity()
        .when(placeStop(OrderType.STOP_LIMIT, "192.00", "191.00", TimeInForce.IOC))
        .expectException(OrderRuleViolation.class)
        .expectExceptionMessage(
            "a STOP_LIMIT order waits for its stop price: it cannot be IOC or FOK");
  }

  @Test
  void theVenuesTriggerOfAStopOrderIsRecordedOnce() {
    PlaceOrder stop = placeStop(OrderType.STOP, null, "191.00", TimeInForce.GTC);
    OrderPlaced placed = aBuy().stop("191.00").timeInForce(TimeInForce.GTC).placed();
    fixture.givenNoPriorActivity().when(stop).expectEvents(placed);
    fixture
        .given(placed, ACCEPTED, SUBMITTED)
        .when(new RecordOrderTrigger(ID, new BigDecimal("191.02")))
        .expectEvents(new OrderTriggered(ID, new BigDecimal("191.02")));
    fixture
        .given(placed, ACCEPTED, SUBMITTED, new OrderTriggered(ID, new BigDecimal("191.02")))
        .when(new RecordOrderTrigger(ID, new BigDecimal("191.02")))
        .expectSuccessfulHandlerExecution()
        .expectNoEvents();
    fixture
        .given(placed(10), ACCEPTED, SUBMITTED)
        .when(new RecordOrderTrigger(ID, new BigDecimal("191.02")))
        .expectException(OrderRuleViolation.class)
        .expectNoEvents();
  }

  @Test
  void refusesANonPositiveQuantity() {
    fixture
        .givenNoPriorActivity()
        .when(placeSell(0))
        .expectException(OrderRuleViolation.class)
        .expectNoEvents();
  }

  @Test
  void refusesALimitOrderWithoutAPositiveLimitPrice() {
    fixture
        .givenNoPriorActivity()
        .when(aBuy().type(OrderType.LIMIT).place())
        .expectException(OrderRuleViolation.class)
        .expectNoEvents();
    fixture
        .givenNoPriorActivity()
        .when(aBuy().limit("0").place())
        .expectException(OrderRuleViolation.class)
        .expectNoEvents();
  }

  @Test
  void refusesAMarketOrderWithALimitPrice() {
    fixture
        .givenNoPriorActivity()
        .when(aBuy().market().limitPrice("10").place())
        .expectException(OrderRuleViolation.class)
        .expectNoEvents();
  }

  @Test
  void walksThroughAcceptanceSubmissionFillsAndCompletion() {
    fixture
        .given(placed(10))
        .when(new AcceptOrder(ID, "AAPL", new BigDecimal("10"), new BigDecimal("1.90")))
        .expectEvents(ACCEPTED);
    fixture
        .given(placed(10), ACCEPTED)
        .when(new RecordOrderSubmission(ID, ID))
        .expectEvents(SUBMITTED);
    fixture
        .given(placed(10), ACCEPTED, SUBMITTED)
        .when(new RecordFill(ID, "f-1", 4, new BigDecimal("190.11")))
        .expectEvents(filled("f-1", 4, 4));
    fixture
        .given(placed(10), ACCEPTED, SUBMITTED, filled("f-1", 4, 4))
        .when(new RecordFill(ID, "f-2", 6, new BigDecimal("190.11")))
        .expectEvents(filled("f-2", 6, 10));
    fixture
        .given(placed(10), ACCEPTED, SUBMITTED, filled("f-1", 4, 4), filled("f-2", 6, 10))
        .when(new CompleteOrder(ID))
        .expectEvents(new OrderCompleted(ID, 10))
        .expectState(
            order ->
                org.assertj.core.api.Assertions.assertThat(order)
                    .extracting("status")
                    .isEqualTo(OrderStatus.FILLED));
  }

  @Test
  void aRepeatedFillChangesNothing() {
    fixture
        .given(placed(10), ACCEPTED, SUBMITTED, filled("f-1", 4, 4))
        .when(new RecordFill(ID, "f-1", 4, new BigDecimal("190.11")))
        .expectSuccessfulHandlerExecution()
        .expectNoEvents();
  }

  @Test
  void refusesAFillBeyondTheOrderQuantity() {
    fixture
        .given(placed(10), ACCEPTED, SUBMITTED, filled("f-1", 8, 8))
        .when(new RecordFill(ID, "f-2", 3, new BigDecimal("190.11")))
        .expectException(OrderRuleViolation.class)
        .expectNoEvents();
  }

  @Test
  void refusesToCompleteAPartiallyFilledOrder() {
    fixture
        .given(placed(10), ACCEPTED, SUBMITTED, filled("f-1", 4, 4))
        .when(new CompleteOrder(ID))
        .expectException(OrderRuleViolation.class)
        .expectNoEvents();
  }

  @Test
  void repeatedSagaStepsChangeNothing() {
    fixture
        .given(placed(10), ACCEPTED)
        .when(new AcceptOrder(ID, "AAPL", new BigDecimal("10"), new BigDecimal("1.90")))
        .expectNoEvents();
    fixture
        .given(placed(10), ACCEPTED, SUBMITTED)
        .when(new RecordOrderSubmission(ID, ID))
        .expectNoEvents();
    fixture
        .given(placed(10), new OrderRejected(ID, OrderRejectReason.FEE_REJECTED, "fee"))
        .when(new RejectOrder(ID, OrderRejectReason.FEE_REJECTED, "fee"))
        .expectNoEvents();
  }

  @Test
  void aSubmissionOfAnOrderNotYetAcceptedIsRefused() {
    fixture
        .given(placed(10))
        .when(new RecordOrderSubmission(ID, ID))
        .expectException(OrderRuleViolation.class)
        .expectNoEvents();
  }

  @Test
  void rejectionEndsAPendingOrder() {
    fixture
        .given(placed(10))
        .when(
            new RejectOrder(
                ID, OrderRejectReason.INSUFFICIENT_HOLDING, "requested 10, available 5"))
        .expectEvents(
            new OrderRejected(
                ID, OrderRejectReason.INSUFFICIENT_HOLDING, "requested 10, available 5"));
  }

  @Test
  void cancellingALiveOrderRecordsTheRequest() {
    fixture
        .given(placed(10), ACCEPTED, SUBMITTED)
        .when(new CancelOrder(ID))
        .expectEvents(new OrderCancellationRequested(ID))
        .expectResultMessagePayload(OrderStatus.CANCEL_REQUESTED);
  }

  @Test
  void anOperatorsCancelOnTheCustomersBehalfRecordsWhoAskedAndWhy() {
    fixture
        .given(placed(10), ACCEPTED, SUBMITTED)
        .when(
            new CancelOrder(ID, "the customer asked by phone"),
            Map.of(MessageMetadata.PRINCIPAL, "operator:alice"))
        .expectEvents(
            new OrderCancellationRequested(ID, "operator:alice", "the customer asked by phone"))
        .expectResultMessagePayload(OrderStatus.CANCEL_REQUESTED);
  }

  @Test
  void cancellingTwiceRecordsOneRequest() {
    fixture
        .given(placed(10), new OrderCancellationRequested(ID))
        .when(new CancelOrder(ID))
        .expectSuccessfulHandlerExecution()
        .expectNoEvents();
  }

  @Test
  void cancellationIsRefusedOnFinishedOrders() {
    fixture
        .given(placed(10), ACCEPTED, SUBMITTED, filled("f-1", 10, 10), new OrderCompleted(ID, 10))
        .when(new CancelOrder(ID))
        .expectException(OrderRuleViolation.OrderAlreadyFinished.class)
        .expectExceptionMessage("order o-1 is already FILLED")
        .expectNoEvents();
    fixture
        .given(placed(10), new OrderRejected(ID, OrderRejectReason.MARKET_REJECTED, "halted"))
        .when(new CancelOrder(ID))
        .expectException(OrderRuleViolation.OrderAlreadyFinished.class);
  }

  @Test
  void fillsDuringACancellationAreRecordedAndTheCancelConfirmsWithThem() {
    fixture
        .given(placed(10), ACCEPTED, SUBMITTED, new OrderCancellationRequested(ID))
        .when(new RecordFill(ID, "f-1", 4, new BigDecimal("190.11")))
        .expectEvents(filled("f-1", 4, 4));
    fixture
        .given(
            placed(10),
            ACCEPTED,
            SUBMITTED,
            new OrderCancellationRequested(ID),
            filled("f-1", 4, 4))
        .when(new ConfirmCancellation(ID))
        .expectEvents(new OrderCancelled(ID, 4));
  }

  @Test
  void expiryRecordsWhatFilled() {
    fixture
        .given(placed(10), ACCEPTED, SUBMITTED, filled("f-1", 3, 3))
        .when(new ExpireOrder(ID))
        .expectEvents(new OrderExpired(ID, 3));
  }

  @Test
  void terminalOrdersIgnoreLateSagaSteps() {
    fixture
        .given(placed(10), new OrderCancellationRequested(ID), new OrderCancelled(ID, 0))
        .when(new ExpireOrder(ID))
        .expectSuccessfulHandlerExecution()
        .expectNoEvents();
    fixture
        .given(placed(10), new OrderCancellationRequested(ID), new OrderCancelled(ID, 0))
        .when(new RecordFill(ID, "f-9", 1, BigDecimal.ONE))
        .expectException(OrderRuleViolation.class);
  }

  // ---- replace ----------------------------------------------------------------------------------

  /** A resting LIMIT SELL of 10 at 190.00, working at the venue. */
  private static OrderPlaced limitSellPlaced() {
    return aSell(10).limit("190.00").placed();
  }

  private static final String REPLACE_1 = ID + ":r1";

  private static OrderReplaceRequested replaceRequested(long quantity, String limitPrice) {
    return new OrderReplaceRequested(ID, REPLACE_1, quantity, new BigDecimal(limitPrice), null);
  }

  @Test
  void aReplaceOfAWorkingOrderIsRecordedWithTheWholeNewTerms() {
    fixture
        .given(limitSellPlaced(), ACCEPTED, SUBMITTED)
        .when(new ReplaceOrder(ID, null, new BigDecimal("189.00"), null))
        .expectEvents(replaceRequested(10, "189.00"))
        .expectResultMessagePayload(OrderStatus.REPLACE_REQUESTED);
  }

  @Test
  void aConfirmedReplaceChangesTheTermsTheOrderWorksUnder() {
    fixture
        .given(limitSellPlaced(), ACCEPTED, SUBMITTED, replaceRequested(12, "189.00"))
        .when(new ConfirmReplace(ID, REPLACE_1))
        .expectEvents(new OrderReplaced(ID, REPLACE_1, 12, new BigDecimal("189.00"), null))
        .expectState(
            order ->
                org.assertj.core.api.Assertions.assertThat(order)
                    .extracting("status", "quantity")
                    .containsExactly(OrderStatus.SUBMITTED, 12L));
    fixture
        .given(
            limitSellPlaced(),
            ACCEPTED,
            SUBMITTED,
            replaceRequested(12, "189.00"),
            new OrderReplaced(ID, REPLACE_1, 12, new BigDecimal("189.00"), null),
            filled("f-1", 12, 12))
        .when(new CompleteOrder(ID))
        .expectEvents(new OrderCompleted(ID, 12));
  }

  @Test
  void aRejectedReplaceKeepsThePreviousTermsAndTheNextReplaceHasTheNextId() {
    fixture
        .given(limitSellPlaced(), ACCEPTED, SUBMITTED, replaceRequested(12, "189.00"))
        .when(new RejectReplace(ID, REPLACE_1, "the venue refused"))
        .expectEvents(new OrderReplaceRejected(ID, REPLACE_1, "the venue refused"));
    fixture
        .given(
            limitSellPlaced(),
            ACCEPTED,
            SUBMITTED,
            filled("f-1", 4, 4),
            replaceRequested(12, "189.00"),
            new OrderReplaceRejected(ID, REPLACE_1, "the venue refused"))
        .when(new ReplaceOrder(ID, 6L, null, null))
        .expectEvents(new OrderReplaceRequested(ID, ID + ":r2", 6, new BigDecimal("190.00"), null))
        .expectState(
            order ->
                org.assertj.core.api.Assertions.assertThat(order)
                    .extracting("quantity")
                    .isEqualTo(10L));
  }

  @Test
  void whileAReplaceIsInFlightTheOrderMayFillUpToTheLargerQuantity() {
    fixture
        .given(limitSellPlaced(), ACCEPTED, SUBMITTED, replaceRequested(12, "189.00"))
        .when(new RecordFill(ID, "f-1", 12, new BigDecimal("190.11")))
        .expectEvents(filled("f-1", 12, 12));
    fixture
        .given(limitSellPlaced(), ACCEPTED, SUBMITTED, replaceRequested(12, "189.00"))
        .when(new RecordFill(ID, "f-1", 13, new BigDecimal("190.11")))
        .expectException(OrderRuleViolation.class);
  }

  @Test
  void repeatedReplaceAnswersChangeNothing() {
    fixture
        .given(
            limitSellPlaced(),
            ACCEPTED,
            SUBMITTED,
            replaceRequested(12, "189.00"),
            new OrderReplaced(ID, REPLACE_1, 12, new BigDecimal("189.00"), null))
        .when(new ConfirmReplace(ID, REPLACE_1))
        .expectSuccessfulHandlerExecution()
        .expectNoEvents();
    fixture
        .given(
            limitSellPlaced(),
            ACCEPTED,
            SUBMITTED,
            replaceRequested(12, "189.00"),
            new OrderReplaced(ID, REPLACE_1, 12, new BigDecimal("189.00"), null))
        .when(new RejectReplace(ID, REPLACE_1, "late"))
        .expectSuccessfulHandlerExecution()
        .expectNoEvents();
  }

  @Test
  void aReplaceIsAConflictWhenTheOrderIsNotWorkingOrBusy() {
    fixture
        .given(limitSellPlaced(), ACCEPTED)
        .when(new ReplaceOrder(ID, 12L, null, null))
        .expectException(OrderRuleViolation.OrderNotReplaceable.class);
    fixture
        .given(limitSellPlaced(), ACCEPTED, SUBMITTED, new OrderCancellationRequested(ID))
        .when(new ReplaceOrder(ID, 12L, null, null))
        .expectException(OrderRuleViolation.OrderNotReplaceable.class);
    fixture
        .given(limitSellPlaced(), ACCEPTED, SUBMITTED, replaceRequested(12, "189.00"))
        .when(new ReplaceOrder(ID, 11L, null, null))
        .expectException(OrderRuleViolation.OrderNotReplaceable.class);
    fixture
        .given(placed(10), ACCEPTED, SUBMITTED)
        .when(new ReplaceOrder(ID, 12L, null, null))
        .expectException(OrderRuleViolation.OrderNotReplaceable.class);
    fixture
        .given(limitSellPlaced(), ACCEPTED, SUBMITTED, new OrderExpired(ID, 0))
        .when(new ReplaceOrder(ID, 12L, null, null))
        .expectException(OrderRuleViolation.OrderAlreadyFinished.class);
  }

  @Test
  void aReplaceMustFitTheOrdersTypeAndChangeSomething() {
    fixture
        .given(limitSellPlaced(), ACCEPTED, SUBMITTED, filled("f-1", 4, 4))
        .when(new ReplaceOrder(ID, 4L, null, null))
        .expectException(OrderRuleViolation.class)
        .expectExceptionMessage("quantity must be more than the 4 already filled");
    fixture
        .given(limitSellPlaced(), ACCEPTED, SUBMITTED)
        .when(new ReplaceOrder(ID, null, null, new BigDecimal("185.00")))
        .expectException(OrderRuleViolation.class)
        .expectExceptionMessage("a LIMIT order has no stopPrice");
    fixture
        .given(limitSellPlaced(), ACCEPTED, SUBMITTED)
        .when(new ReplaceOrder(ID, 10L, new BigDecimal("190.0"), null))
        .expectException(OrderRuleViolation.class)
        .expectExceptionMessage("the replace changes nothing");
    OrderPlaced stop = aSell(10).stop("180.00").placed();
    fixture
        .given(stop, ACCEPTED, SUBMITTED, new OrderTriggered(ID, new BigDecimal("179.90")))
        .when(new ReplaceOrder(ID, null, null, new BigDecimal("175.00")))
        .expectException(OrderRuleViolation.class)
        .expectExceptionMessage("the stop has triggered: stopPrice can no longer change");
  }
}
