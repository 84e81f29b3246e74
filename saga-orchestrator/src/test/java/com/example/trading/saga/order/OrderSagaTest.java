package com.example.trading.saga.order;

import static com.example.trading.schemas.fixtures.OrderTicket.order;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.trading.saga.market.MarketCommand.CancelAtMarket;
import com.example.trading.saga.market.MarketCommand.ReplaceAtMarket;
import com.example.trading.saga.market.MarketCommand.RequestReferencePrice;
import com.example.trading.saga.market.MarketCommand.SubmitToMarket;
import com.example.trading.saga.market.MarketEvent.MarketOrderAccepted;
import com.example.trading.saga.market.MarketEvent.MarketOrderCancelled;
import com.example.trading.saga.market.MarketEvent.MarketOrderExpired;
import com.example.trading.saga.market.MarketEvent.MarketOrderFilled;
import com.example.trading.saga.market.MarketEvent.MarketOrderRejected;
import com.example.trading.saga.market.MarketEvent.MarketOrderReplaceRejected;
import com.example.trading.saga.market.MarketEvent.MarketOrderReplaced;
import com.example.trading.saga.market.MarketEvent.MarketOrderTriggered;
import com.example.trading.saga.market.MarketEvent.MarketOrderUnknown;
import com.example.trading.saga.market.MarketEvent.ReferencePriceQuoted;
import com.example.trading.saga.market.MarketEvent.ReferencePriceUnavailable;
import com.example.trading.schemas.FeeCommand.AdjustFeeHold;
import com.example.trading.schemas.FeeCommand.ChargeFee;
import com.example.trading.schemas.FeeCommand.RefundFee;
import com.example.trading.schemas.FeeCommand.SettleFee;
import com.example.trading.schemas.FeeEvent.FeeChargeRejected;
import com.example.trading.schemas.FeeEvent.FeeCharged;
import com.example.trading.schemas.FeeEvent.FeeHoldAdjusted;
import com.example.trading.schemas.FeeEvent.FeeHoldAdjustmentRejected;
import com.example.trading.schemas.FeeEvent.FeeRefunded;
import com.example.trading.schemas.FeeEvent.FeeSettled;
import com.example.trading.schemas.HoldingCommand.AdjustReservation;
import com.example.trading.schemas.HoldingCommand.CreditHolding;
import com.example.trading.schemas.HoldingCommand.ReleaseReservation;
import com.example.trading.schemas.HoldingCommand.ReserveHolding;
import com.example.trading.schemas.HoldingCommand.SettleReservation;
import com.example.trading.schemas.HoldingEvent.HoldingCredited;
import com.example.trading.schemas.HoldingEvent.HoldingDebited;
import com.example.trading.schemas.HoldingEvent.HoldingReservationAdjusted;
import com.example.trading.schemas.HoldingEvent.HoldingReservationAdjustmentRejected;
import com.example.trading.schemas.HoldingEvent.HoldingReservationRejected;
import com.example.trading.schemas.HoldingEvent.HoldingReservationReleased;
import com.example.trading.schemas.HoldingEvent.HoldingReserved;
import com.example.trading.schemas.OrderCommand.AcceptOrder;
import com.example.trading.schemas.OrderCommand.CompleteOrder;
import com.example.trading.schemas.OrderCommand.ConfirmCancellation;
import com.example.trading.schemas.OrderCommand.ConfirmReplace;
import com.example.trading.schemas.OrderCommand.ExpireOrder;
import com.example.trading.schemas.OrderCommand.RecordFill;
import com.example.trading.schemas.OrderCommand.RecordOrderSubmission;
import com.example.trading.schemas.OrderCommand.RecordOrderTrigger;
import com.example.trading.schemas.OrderCommand.RejectOrder;
import com.example.trading.schemas.OrderCommand.RejectReplace;
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
import com.example.trading.schemas.OrderType;
import com.example.trading.schemas.Side;
import com.example.trading.schemas.TimeInForce;
import com.example.trading.schemas.fee.FeeRejectionReason;
import com.example.trading.schemas.fee.FeeSchedule;
import com.example.trading.schemas.holding.HoldingRejectionReason;
import com.example.trading.schemas.order.OrderRejectReason;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.saga.SagaTestFixture;
import org.axonframework.test.saga.WhenState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every path of the order saga, in the fixture's words: given what already happened, when one more
 * event (or a deadline) arrives, then exactly these commands go out.
 */
class OrderSagaTest {

  static final String ORDER = "o-1";
  static final String ACCOUNT = "acc-1";
  static final String AAPL_HOLDING = "acc-1/AAPL";
  static final String CASH_HOLDING = "acc-1/USD";
  static final SagaTimeouts TIMEOUTS = SagaTimeouts.defaults();

  SagaTestFixture<OrderSaga> fixture;
  RecordingJournal journal;

  @BeforeEach
  void setUp() {
    journal = new RecordingJournal();
    freshFixture();
  }

  /**
   * A new fixture (no saga yet) on the same journal, with the resources a saga gets: as an
   * orchestrator that starts a saga again from the events after it was lost.
   */
  void freshFixture() {
    fixture = new SagaTestFixture<>(OrderSaga.class);
    fixture.registerResource(journal);
    fixture.registerResource(TIMEOUTS);
    fixture.registerResource(FeeSchedule.STANDARD_V1);
  }

  WhenState given(List<Object> history) {
    if (history.isEmpty()) {
      return fixture.givenNoPriorActivity();
    }
    var state = fixture.givenAPublished(history.get(0));
    for (Object event : history.subList(1, history.size())) {
      state = state.andThenAPublished(event);
    }
    return state;
  }

  static List<Object> then(List<Object> history, Object... more) {
    List<Object> all = new ArrayList<>(history);
    all.addAll(List.of(more));
    return all;
  }

  static BigDecimal $(String amount) {
    return new BigDecimal(amount);
  }

  // ---- the events of the command side and the gateway, in the order's words ----

  static OrderPlaced placed(Side side, OrderType type, String limitPrice) {
    return placed(side, type, limitPrice, TimeInForce.DAY);
  }

  static OrderPlaced placed(Side side, OrderType type, String limitPrice, TimeInForce timeInForce) {
    return order(ORDER)
        .account(ACCOUNT)
        .side(side)
        .type(type)
        .limitPrice(limitPrice)
        .timeInForce(timeInForce)
        .placed();
  }

  static OrderPlaced placedStop(Side side, OrderType type, String limitPrice, String stopPrice) {
    return order(ORDER)
        .account(ACCOUNT)
        .side(side)
        .type(type)
        .limitPrice(limitPrice)
        .stopPrice(stopPrice)
        .timeInForce(TimeInForce.GTC)
        .placed();
  }

  static HoldingReserved reservedShares(long quantity) {
    return new HoldingReserved(AAPL_HOLDING, ACCOUNT, "AAPL", ORDER, BigDecimal.valueOf(quantity));
  }

  static HoldingReserved reservedCash(String amount) {
    return new HoldingReserved(CASH_HOLDING, ACCOUNT, "USD", ORDER, $(amount));
  }

  static HoldingReservationReleased releasedShares(long quantity) {
    return new HoldingReservationReleased(
        AAPL_HOLDING, ACCOUNT, "AAPL", ORDER, BigDecimal.valueOf(quantity));
  }

  static HoldingReservationReleased releasedCash(String amount) {
    return new HoldingReservationReleased(CASH_HOLDING, ACCOUNT, "USD", ORDER, $(amount));
  }

  static MarketOrderAccepted acceptedByTheVenue() {
    return new MarketOrderAccepted(ORDER, ORDER);
  }

  static StepDeadlinePassed deadlinePassed(SagaStep step, int retry) {
    return new StepDeadlinePassed(ORDER, step, retry);
  }

  // ---- the commands the saga sends for a fill ----

  static RecordFill recordFill(String fillId, long quantity, String price) {
    return new RecordFill(ORDER, fillId, quantity, $(price));
  }

  static SettleReservation debitShares(String fillId, long quantity) {
    return new SettleReservation(AAPL_HOLDING, ORDER, fillId, BigDecimal.valueOf(quantity));
  }

  static SettleReservation debitCash(String fillId, String amount) {
    return new SettleReservation(CASH_HOLDING, ORDER, fillId, $(amount));
  }

  static CreditHolding creditCash(String fillId, String amount) {
    return new CreditHolding(CASH_HOLDING, ACCOUNT, "USD", ORDER, fillId, $(amount));
  }

  static CreditHolding creditShares(String fillId, long quantity) {
    return new CreditHolding(
        AAPL_HOLDING, ACCOUNT, "AAPL", ORDER, fillId, BigDecimal.valueOf(quantity));
  }

  /** The order recorded fill {@code fillId}, bringing what it filled to {@code filledSoFar}. */
  static OrderFilled orderFilled(String fillId, long quantity, String price, long filledSoFar) {
    return new OrderFilled(ORDER, fillId, quantity, $(price), filledSoFar);
  }

  static HoldingDebited sharesDebited(String fillId, long quantity) {
    return new HoldingDebited(
        AAPL_HOLDING, ACCOUNT, "AAPL", ORDER, fillId, BigDecimal.valueOf(quantity));
  }

  static HoldingDebited cashDebited(String fillId, String amount) {
    return new HoldingDebited(CASH_HOLDING, ACCOUNT, "USD", ORDER, fillId, $(amount));
  }

  static HoldingCredited cashCredited(String fillId, String amount) {
    return new HoldingCredited(CASH_HOLDING, ACCOUNT, "USD", ORDER, fillId, $(amount));
  }

  static HoldingCredited sharesCredited(String fillId, long quantity) {
    return new HoldingCredited(
        AAPL_HOLDING, ACCOUNT, "AAPL", ORDER, fillId, BigDecimal.valueOf(quantity));
  }

  static FeeRefunded feeRefunded(String amount) {
    return new FeeRefunded(ORDER, ACCOUNT, $(amount));
  }

  /** The fee settled on what traded: {@code due} paid, {@code refunded} given back. */
  static FeeSettled feeSettled(String due, String refunded, String executedNotional) {
    return new FeeSettled(ORDER, ACCOUNT, $(due), $(refunded), $(executedNotional));
  }

  static FeeCharged feeCharged(String amount) {
    return new FeeCharged(ORDER, ACCOUNT, $(amount), "standard-v1");
  }

  static MarketOrderFilled filled(String fillId, long quantity, String price, long sequence) {
    return new MarketOrderFilled(ORDER, fillId, quantity, $(price), sequence);
  }

  // A MARKET SELL of 10 AAPL quoted at 190.00: fee 1.90.
  static final List<Object> SELL_ON_MARKET =
      List.of(
          placed(Side.SELL, OrderType.MARKET, null),
          new ReferencePriceQuoted(ORDER, "AAPL", $("190.00")),
          reservedShares(10),
          feeCharged("1.90"),
          acceptedByTheVenue());

  // A MARKET BUY of 10 AAPL quoted at 100.00: reserved at 105.00 → 1050.00 + fee 1.05.
  static final List<Object> BUY_ON_MARKET =
      List.of(
          placed(Side.BUY, OrderType.MARKET, null),
          new ReferencePriceQuoted(ORDER, "AAPL", $("100.00")),
          reservedCash("1051.05"),
          feeCharged("1.05"),
          acceptedByTheVenue());

  // A LIMIT BUY of 10 AAPL at 150.00 resting on the venue: 1500.00 + fee 1.50.
  static final List<Object> LIMIT_BUY_ON_MARKET =
      List.of(
          placed(Side.BUY, OrderType.LIMIT, "150.00"),
          reservedCash("1501.50"),
          feeCharged("1.50"),
          acceptedByTheVenue());

  @Nested
  class SellFill {

    @Test
    void placingAMarketOrderAsksTheVenueForTheReferencePrice() {
      given(List.of())
          .whenPublishingA(placed(Side.SELL, OrderType.MARKET, null))
          .expectActiveSagas(1)
          .expectDispatchedCommands(new RequestReferencePrice(ORDER, "AAPL"));
      assertThat(journal.lastStep()).isEqualTo(SagaStep.PRICING);
      assertThat(journal.lastDeadline())
          .isEqualTo(RecordingJournal.armed(SagaStep.PRICING, 0, TIMEOUTS.pricing()));
    }

    @Test
    void aQuotedSellReservesTheShares() {
      given(List.of(placed(Side.SELL, OrderType.MARKET, null)))
          .whenPublishingA(new ReferencePriceQuoted(ORDER, "AAPL", $("190.00")))
          .expectDispatchedCommands(
              new ReserveHolding(AAPL_HOLDING, ACCOUNT, "AAPL", ORDER, BigDecimal.valueOf(10)));
    }

    @Test
    void aGrantedReservationChargesTheFeeAtTheReferencePrice() {
      given(SELL_ON_MARKET.subList(0, 2))
          .whenPublishingA(reservedShares(10))
          .expectDispatchedCommands(
              new ChargeFee(
                  ORDER, ACCOUNT, Side.SELL, "AAPL", 10, $("190.00"), $("25.00"), "standard-v1"));
    }

    @Test
    void aChargedFeeAcceptsTheOrderAndSubmitsItWithoutPriceProtection() {
      given(SELL_ON_MARKET.subList(0, 3))
          .whenPublishingA(feeCharged("1.90"))
          .expectDispatchedCommands(
              new AcceptOrder(ORDER, "AAPL", BigDecimal.valueOf(10), $("1.90")),
              new SubmitToMarket(
                  ORDER,
                  Side.SELL,
                  "AAPL",
                  10,
                  OrderType.MARKET,
                  null,
                  null,
                  TimeInForce.DAY,
                  null));
      assertThat(journal.lastDeadline())
          .isEqualTo(RecordingJournal.armed(SagaStep.SUBMITTING, 0, TIMEOUTS.submitting()));
    }

    @Test
    void theVenuesAcceptanceIsRecordedAsTheSubmission() {
      given(SELL_ON_MARKET.subList(0, 4))
          .whenPublishingA(acceptedByTheVenue())
          .expectDispatchedCommands(new RecordOrderSubmission(ORDER, ORDER));
      assertThat(journal.lastStep()).isEqualTo(SagaStep.ON_MARKET);
    }

    @Test
    void aFullFillSettlesTheSharesAndCreditsTheProceedsLessTheFeeDueOnWhatTraded() {
      // 10 × 180.00 = 1,800.00 traded: 1.80 due of the 1.90 held on the quote.
      given(SELL_ON_MARKET)
          .whenPublishingA(filled("f-1", 10, "180.00", 1))
          .expectDispatchedCommands(
              recordFill("f-1", 10, "180.00"),
              debitShares("f-1", 10),
              creditCash("f-1", "1798.20"));
      assertThat(journal.lastStep()).isEqualTo(SagaStep.SETTLING);
    }

    List<Object> filledAndConfirmed() {
      return then(
          SELL_ON_MARKET,
          filled("f-1", 10, "180.00", 1),
          orderFilled("f-1", 10, "180.00", 10),
          sharesDebited("f-1", 10));
    }

    @Test
    void theLastConfirmationOfTheFillReleasesWhatIsLeftAndSettlesTheFeeOnWhatTraded() {
      given(filledAndConfirmed())
          .whenPublishingA(cashCredited("f-1", "1798.20"))
          .expectDispatchedCommands(
              new ReleaseReservation(AAPL_HOLDING, ORDER),
              new SettleFee(ORDER, $("1.80"), $("1800.00")));
      assertThat(journal.lastStep()).isEqualTo(SagaStep.RELEASING);
    }

    @Test
    void theReleaseAndTheSettlementCompleteTheOrderAndItsCompletionEndsTheSaga() {
      List<Object> settled =
          then(
              filledAndConfirmed(),
              cashCredited("f-1", "1798.20"),
              feeSettled("1.80", "0.10", "1800.00"));
      given(settled)
          .whenPublishingA(releasedShares(0))
          .expectDispatchedCommands(new CompleteOrder(ORDER));

      freshFixture();
      given(then(settled, releasedShares(0)))
          .whenPublishingA(new OrderCompleted(ORDER, 10))
          .expectActiveSagas(0)
          .expectNoDispatchedCommands();
      assertThat(journal.finished).containsExactly(Ending.completed());
      assertThat(journal.lastDeadline())
          .as("the end clears the deadline")
          .isEqualTo(RecordingJournal.CLEARED);
    }

    @Test
    void theOrderWaitsForTheFeesSettlement() {
      given(then(filledAndConfirmed(), cashCredited("f-1", "1798.20")))
          .whenPublishingA(releasedShares(0))
          .expectNoDispatchedCommands();
    }
  }

  @Nested
  class BuyFill {

    @Test
    void aQuotedBuyReservesCashAtFivePercentAboveTheQuotePlusTheLargestFee() {
      given(List.of(placed(Side.BUY, OrderType.MARKET, null)))
          .whenPublishingA(new ReferencePriceQuoted(ORDER, "AAPL", $("100.00")))
          .expectDispatchedCommands(
              new ReserveHolding(CASH_HOLDING, ACCOUNT, "USD", ORDER, $("1051.05")));
    }

    @Test
    void aLimitBuyReservesCashAtItsLimitWithoutAskingForAPrice() {
      given(List.of())
          .whenPublishingA(placed(Side.BUY, OrderType.LIMIT, "150.00"))
          .expectDispatchedCommands(
              new ReserveHolding(CASH_HOLDING, ACCOUNT, "USD", ORDER, $("1501.50")));
    }

    @Test
    void theFeeIsChargedAtTheReservedPriceSoItIsTheFeeReserved() {
      given(BUY_ON_MARKET.subList(0, 2))
          .whenPublishingA(reservedCash("1051.05"))
          .expectDispatchedCommands(
              new ChargeFee(
                  ORDER, ACCOUNT, Side.BUY, "AAPL", 10, $("105.00"), $("25.00"), "standard-v1"));
    }

    @Test
    void aMarketBuyCarriesThePriceItsCashWasReservedAtAsProtection() {
      given(BUY_ON_MARKET.subList(0, 3))
          .whenPublishingA(feeCharged("1.05"))
          .expectDispatchedCommands(
              new AcceptOrder(ORDER, "USD", $("1051.05"), $("1.05")),
              new SubmitToMarket(
                  ORDER,
                  Side.BUY,
                  "AAPL",
                  10,
                  OrderType.MARKET,
                  null,
                  $("105.00"),
                  TimeInForce.DAY,
                  null));
    }

    @Test
    void aFullFillSettlesTheCostPlusTheFeeDueOnWhatTradedAndCreditsTheShares() {
      // 10 × 100.20 = 1,002.00 traded: the minimum fee 1.00 is due, not the 1.05 held.
      given(BUY_ON_MARKET)
          .whenPublishingA(filled("f-1", 10, "100.20", 1))
          .expectDispatchedCommands(
              recordFill("f-1", 10, "100.20"),
              debitCash("f-1", "1003.00"),
              creditShares("f-1", 10));
    }

    @Test
    void afterTheFillIsConfirmedTheUnusedCashIsReleasedAndTheFeeSettledOnWhatTraded() {
      List<Object> confirmed =
          then(
              BUY_ON_MARKET,
              filled("f-1", 10, "100.20", 1),
              orderFilled("f-1", 10, "100.20", 10),
              cashDebited("f-1", "1003.00"));
      given(confirmed)
          .whenPublishingA(sharesCredited("f-1", 10))
          .expectDispatchedCommands(
              new ReleaseReservation(CASH_HOLDING, ORDER),
              new SettleFee(ORDER, $("1.00"), $("1002.00")));
    }
  }

  @Nested
  class PartialFills {

    @Test
    void aSalePaysTheFeeDueOnWhatTradedSoFarFillByFill() {
      // f-1: 760.00 traded, the minimum 1.00 due; f-2: 1,900.00 traded, 1.90 due, 0.90 more.
      given(then(SELL_ON_MARKET, filled("f-1", 4, "190.00", 1)))
          .whenPublishingA(filled("f-2", 6, "190.00", 2))
          .expectDispatchedCommands(
              recordFill("f-2", 6, "190.00"), debitShares("f-2", 6), creditCash("f-2", "1139.10"));
    }

    @Test
    void aSaleWhoseFirstFillDoesNotCoverTheFeeTakesTheRestFromTheNext() {
      // A tiny first fill: 1 share at 0.50 pays 0.50 of the minimum 1.00; nothing is credited.
      // Then 1,710.50 traded: 1.71 due, 1.21 of it still unpaid.
      given(then(SELL_ON_MARKET, filled("f-1", 1, "0.50", 1)))
          .whenPublishingA(filled("f-2", 9, "190.00", 2))
          .expectDispatchedCommands(
              recordFill("f-2", 9, "190.00"), debitShares("f-2", 9), creditCash("f-2", "1708.79"));
    }

    @Test
    void aPartialBuyFillPaysTheFeeDueSoFarAndStaysOnTheMarket() {
      given(BUY_ON_MARKET)
          .whenPublishingA(filled("f-1", 4, "100.00", 1))
          .expectDispatchedCommands(
              recordFill("f-1", 4, "100.00"), debitCash("f-1", "401.00"), creditShares("f-1", 4));
      assertThat(journal.lastStep()).isEqualTo(SagaStep.ON_MARKET);
    }

    @Test
    void theFillThatCompletesTheQuantityEndsTheMarketPhase() {
      // 400.00 + 606.00 = 1,006.00 traded: 1.01 due, 0.01 more than the first fill paid.
      given(then(BUY_ON_MARKET, filled("f-1", 4, "100.00", 1)))
          .whenPublishingA(filled("f-2", 6, "101.00", 2))
          .expectDispatchedCommands(
              recordFill("f-2", 6, "101.00"), debitCash("f-2", "606.01"), creditShares("f-2", 6));
      assertThat(journal.lastStep()).isEqualTo(SagaStep.SETTLING);
    }

    @Test
    void theOrderSettlesItsFeeOnlyAfterEveryFillIsConfirmed() {
      List<Object> history =
          then(
              BUY_ON_MARKET,
              filled("f-1", 4, "100.00", 1),
              filled("f-2", 6, "101.00", 2),
              orderFilled("f-1", 4, "100.00", 4),
              cashDebited("f-1", "401.00"),
              sharesCredited("f-1", 4),
              orderFilled("f-2", 6, "101.00", 10),
              cashDebited("f-2", "606.01"));
      given(history)
          .whenPublishingA(sharesCredited("f-2", 6))
          .expectDispatchedCommands(
              new ReleaseReservation(CASH_HOLDING, ORDER),
              new SettleFee(ORDER, $("1.01"), $("1006.00")));
    }
  }

  @Nested
  class Rejections {

    @Test
    void anInsufficientHoldingRejectsTheOrderWithNothingToUndo() {
      given(SELL_ON_MARKET.subList(0, 2))
          .whenPublishingA(
              new HoldingReservationRejected(
                  AAPL_HOLDING,
                  ACCOUNT,
                  "AAPL",
                  ORDER,
                  BigDecimal.valueOf(10),
                  BigDecimal.valueOf(3),
                  HoldingRejectionReason.INSUFFICIENT_HOLDING))
          .expectDispatchedCommands(
              new RejectOrder(
                  ORDER, OrderRejectReason.INSUFFICIENT_HOLDING, "requested 10 AAPL, available 3"));
    }

    @Test
    void aRejectedOrderEndsTheSagaWhenTheOrderRecordsIt() {
      given(
              then(
                  SELL_ON_MARKET.subList(0, 2),
                  new HoldingReservationRejected(
                      AAPL_HOLDING,
                      ACCOUNT,
                      "AAPL",
                      ORDER,
                      BigDecimal.valueOf(10),
                      BigDecimal.valueOf(3),
                      HoldingRejectionReason.INSUFFICIENT_HOLDING)))
          .whenPublishingA(new OrderRejected(ORDER, OrderRejectReason.INSUFFICIENT_HOLDING, "x"))
          .expectActiveSagas(0);
    }

    @Test
    void aRejectedFeeReleasesTheReservationBeforeRejecting() {
      given(SELL_ON_MARKET.subList(0, 3))
          .whenPublishingA(
              new FeeChargeRejected(
                  ORDER, ACCOUNT, $("30.00"), $("25.00"), FeeRejectionReason.FEE_LIMIT_EXCEEDED))
          .expectDispatchedCommands(new ReleaseReservation(AAPL_HOLDING, ORDER));
    }

    @Test
    void theReleaseAfterARejectedFeeRejectsTheOrder() {
      given(
              then(
                  SELL_ON_MARKET.subList(0, 3),
                  new FeeChargeRejected(
                      ORDER,
                      ACCOUNT,
                      $("30.00"),
                      $("25.00"),
                      FeeRejectionReason.FEE_LIMIT_EXCEEDED)))
          .whenPublishingA(releasedShares(10))
          .expectDispatchedCommands(
              new RejectOrder(
                  ORDER, OrderRejectReason.FEE_REJECTED, "fee 30.00 above maxFee 25.00"));
    }

    @Test
    void aMarketRejectionReleasesTheReservationAndRefundsTheFee() {
      given(SELL_ON_MARKET.subList(0, 4))
          .whenPublishingA(new MarketOrderRejected(ORDER, "instrument halted"))
          .expectDispatchedCommands(
              new ReleaseReservation(AAPL_HOLDING, ORDER), new RefundFee(ORDER));
    }

    @Test
    void theMarketRejectionIsRecordedOnceBothCompensationsAreConfirmed() {
      List<Object> history =
          then(
              SELL_ON_MARKET.subList(0, 4),
              new MarketOrderRejected(ORDER, "instrument halted"),
              feeRefunded("1.90"));
      given(history)
          .whenPublishingA(releasedShares(10))
          .expectDispatchedCommands(
              new RejectOrder(ORDER, OrderRejectReason.MARKET_REJECTED, "instrument halted"));
    }

    @Test
    void aUnknownInstrumentHasNoReferencePriceAndIsRejectedBeforeAnythingIsReserved() {
      given(List.of(placed(Side.BUY, OrderType.MARKET, null)))
          .whenPublishingA(new ReferencePriceUnavailable(ORDER, "AAPL", "unknown instrument"))
          .expectDispatchedCommands(
              new RejectOrder(
                  ORDER,
                  OrderRejectReason.MARKET_REJECTED,
                  "no reference price: unknown instrument"));
    }
  }

  @Nested
  class TimeoutAtTheVenue {

    @Test
    void noAnswerFromTheVenueBeforeTheDeadlineCancelsTheOrderThere() {
      given(SELL_ON_MARKET.subList(0, 4))
          .whenPublishingA(deadlinePassed(SagaStep.SUBMITTING, 0))
          .expectDispatchedCommands(new CancelAtMarket(ORDER));
      assertThat(journal.lastStep()).isEqualTo(SagaStep.CANCELLING_AT_MARKET);
    }

    @Test
    void aVenueThatNeverSawTheOrderLeadsToTheCompensationsOfAReject() throws Exception {
      fixture
          .givenAPublished(SELL_ON_MARKET.get(0))
          .andThenAPublished(SELL_ON_MARKET.get(1))
          .andThenAPublished(SELL_ON_MARKET.get(2))
          .andThenAPublished(SELL_ON_MARKET.get(3))
          .andThenAPublished(deadlinePassed(SagaStep.SUBMITTING, 0))
          .whenPublishingA(new MarketOrderUnknown(ORDER))
          .expectDispatchedCommands(
              new ReleaseReservation(AAPL_HOLDING, ORDER), new RefundFee(ORDER));
    }

    @Test
    void theTimeoutIsRecordedAsTheRejectReason() throws Exception {
      fixture
          .givenAPublished(SELL_ON_MARKET.get(0))
          .andThenAPublished(SELL_ON_MARKET.get(1))
          .andThenAPublished(SELL_ON_MARKET.get(2))
          .andThenAPublished(SELL_ON_MARKET.get(3))
          .andThenAPublished(deadlinePassed(SagaStep.SUBMITTING, 0))
          .andThenAPublished(new MarketOrderCancelled(ORDER, 0L))
          .andThenAPublished(feeRefunded("1.90"))
          .whenPublishingA(releasedShares(10))
          .expectDispatchedCommands(
              new RejectOrder(
                  ORDER,
                  OrderRejectReason.MARKET_TIMEOUT,
                  "no answer from the venue within PT30S"));
    }

    @Test
    void aTimedOutOrderThatFilledAtTheVenueIsSettledAndCompleted() throws Exception {
      fixture
          .givenAPublished(SELL_ON_MARKET.get(0))
          .andThenAPublished(SELL_ON_MARKET.get(1))
          .andThenAPublished(SELL_ON_MARKET.get(2))
          .andThenAPublished(SELL_ON_MARKET.get(3))
          .andThenAPublished(deadlinePassed(SagaStep.SUBMITTING, 0))
          .whenPublishingA(filled("f-1", 10, "190.00", 7))
          .expectDispatchedCommands(
              new RecordOrderSubmission(ORDER, ORDER),
              recordFill("f-1", 10, "190.00"),
              debitShares("f-1", 10),
              creditCash("f-1", "1898.10"));
    }
  }

  @Nested
  class CancelBeforeSubmission {

    @Test
    void whileWaitingForAPriceThereIsNothingToUndo() {
      given(List.of(placed(Side.SELL, OrderType.MARKET, null)))
          .whenPublishingA(new OrderCancellationRequested(ORDER))
          .expectDispatchedCommands(new ConfirmCancellation(ORDER));
    }

    @Test
    void whileTheFeeIsBeingChargedTheSagaWaitsForItsAnswer() {
      given(SELL_ON_MARKET.subList(0, 3))
          .whenPublishingA(new OrderCancellationRequested(ORDER))
          .expectNoDispatchedCommands();
    }

    @Test
    void theChargedFeeIsThenRefundedAndTheReservationReleased() {
      given(then(SELL_ON_MARKET.subList(0, 3), new OrderCancellationRequested(ORDER)))
          .whenPublishingA(feeCharged("1.90"))
          .expectDispatchedCommands(
              new ReleaseReservation(AAPL_HOLDING, ORDER), new RefundFee(ORDER));
    }

    @Test
    void theCancellationIsConfirmedOnceEverythingIsUndone() {
      given(
              then(
                  SELL_ON_MARKET.subList(0, 3),
                  new OrderCancellationRequested(ORDER),
                  feeCharged("1.90"),
                  releasedShares(10)))
          .whenPublishingA(feeRefunded("1.90"))
          .expectDispatchedCommands(new ConfirmCancellation(ORDER));
    }

    @Test
    void aCancellationWhileReservingThatIsRefusedAnywayIsConfirmedAsCancelled() {
      given(then(SELL_ON_MARKET.subList(0, 2), new OrderCancellationRequested(ORDER)))
          .whenPublishingA(
              new HoldingReservationRejected(
                  AAPL_HOLDING,
                  ACCOUNT,
                  "AAPL",
                  ORDER,
                  BigDecimal.valueOf(10),
                  BigDecimal.ZERO,
                  HoldingRejectionReason.INSUFFICIENT_HOLDING))
          .expectDispatchedCommands(new ConfirmCancellation(ORDER));
    }
  }

  @Nested
  class CancelAfterAPartialFill {

    // 4 × 190.00 = 760.00 traded: the minimum fee 1.00 is due of the 1.90 held.
    List<Object> partiallyFilled() {
      return then(
          SELL_ON_MARKET,
          filled("f-1", 4, "190.00", 1),
          orderFilled("f-1", 4, "190.00", 4),
          sharesDebited("f-1", 4),
          cashCredited("f-1", "759.00"));
    }

    static final FeeSettled FEE_ON_WHAT_TRADED = feeSettled("1.00", "0.90", "760.00");

    @Test
    void theCustomersCancelIsSentToTheVenue() {
      given(partiallyFilled())
          .whenPublishingA(new OrderCancellationRequested(ORDER))
          .expectDispatchedCommands(new CancelAtMarket(ORDER));
    }

    @Test
    void theVenuesCancelReleasesTheRestAndSettlesTheFeeOnWhatTradedOnly() {
      given(then(partiallyFilled(), new OrderCancellationRequested(ORDER)))
          .whenPublishingA(new MarketOrderCancelled(ORDER, 4L))
          .expectDispatchedCommands(
              new ReleaseReservation(AAPL_HOLDING, ORDER),
              new SettleFee(ORDER, $("1.00"), $("760.00")));
    }

    @Test
    void theCancellationIsConfirmedAfterTheReleaseAndTheSettlement() {
      given(
              then(
                  partiallyFilled(),
                  new OrderCancellationRequested(ORDER),
                  new MarketOrderCancelled(ORDER, 4L),
                  FEE_ON_WHAT_TRADED))
          .whenPublishingA(releasedShares(6))
          .expectDispatchedCommands(new ConfirmCancellation(ORDER));
    }

    @Test
    void aCancelAnsweredBeforeTheFeedDeliveredTheFillsWaitsForThem() {
      given(then(SELL_ON_MARKET, new OrderCancellationRequested(ORDER)))
          .whenPublishingA(new MarketOrderCancelled(ORDER, 4L))
          .expectNoDispatchedCommands();
      assertThat(journal.lastStep()).isEqualTo(SagaStep.CANCELLING_AT_MARKET);
    }

    @Test
    void theAwaitedFillEndsTheMarketPhase() {
      given(
              then(
                  SELL_ON_MARKET,
                  new OrderCancellationRequested(ORDER),
                  new MarketOrderCancelled(ORDER, 4L)))
          .whenPublishingA(filled("f-1", 4, "190.00", 1))
          .expectDispatchedCommands(
              recordFill("f-1", 4, "190.00"), debitShares("f-1", 4), creditCash("f-1", "759.00"));
      assertThat(journal.lastStep()).isEqualTo(SagaStep.SETTLING);
    }

    @Test
    void theCancelledOrderEndsTheSaga() {
      given(
              then(
                  partiallyFilled(),
                  new OrderCancellationRequested(ORDER),
                  new MarketOrderCancelled(ORDER, 4L),
                  FEE_ON_WHAT_TRADED,
                  releasedShares(6)))
          .whenPublishingA(new OrderCancelled(ORDER, 4))
          .expectActiveSagas(0);
    }
  }

  @Nested
  class Replace {

    static final String R1 = ORDER + ":r1";

    static OrderReplaceRequested replaceRequested(long quantity, String limitPrice) {
      return new OrderReplaceRequested(ORDER, R1, quantity, $(limitPrice), null);
    }

    static AdjustReservation adjustCash(String adjustmentId, String change) {
      return new AdjustReservation(CASH_HOLDING, ACCOUNT, "USD", ORDER, adjustmentId, $(change));
    }

    static HoldingReservationAdjusted cashAdjusted(String adjustmentId, String change) {
      return new HoldingReservationAdjusted(
          CASH_HOLDING, ACCOUNT, "USD", ORDER, adjustmentId, $(change));
    }

    static FeeHoldAdjusted feeHeld(String adjustmentId, String from, String to, String notional) {
      return new FeeHoldAdjusted(ORDER, ACCOUNT, adjustmentId, $(from), $(to), $(notional));
    }

    // The resting LIMIT BUY of 10 at 150.00 (1501.50 reserved, fee 1.50) asks for 12 at 150.00:
    // 1800.00 + fee 1.80 = 1801.80 needed, 300.30 more than reserved.
    List<Object> growing() {
      return then(LIMIT_BUY_ON_MARKET, replaceRequested(12, "150.00"));
    }

    List<Object> atTheVenue() {
      return then(
          growing(),
          cashAdjusted(R1 + ":reserve", "300.30"),
          feeHeld(R1 + ":fee", "1.50", "1.80", "1800.00"));
    }

    @Test
    void aLargerOrderReservesTheDifferenceFirst() {
      given(LIMIT_BUY_ON_MARKET)
          .whenPublishingA(replaceRequested(12, "150.00"))
          .expectDispatchedCommands(adjustCash(R1 + ":reserve", "300.30"));
    }

    @Test
    void thenHoldsTheFeeOfTheNewTermsWithinTheMaxFee() {
      given(growing())
          .whenPublishingA(cashAdjusted(R1 + ":reserve", "300.30"))
          .expectDispatchedCommands(
              new AdjustFeeHold(ORDER, R1 + ":fee", $("1800.00"), $("25.00")));
    }

    @Test
    void thenReplacesTheOrderAtTheVenue() {
      given(then(growing(), cashAdjusted(R1 + ":reserve", "300.30")))
          .whenPublishingA(feeHeld(R1 + ":fee", "1.50", "1.80", "1800.00"))
          .expectDispatchedCommands(new ReplaceAtMarket(ORDER, R1, 12, $("150.00"), null, null));
    }

    @Test
    void theVenuesReplaceIsRecordedOnTheOrder() {
      given(atTheVenue())
          .whenPublishingA(new MarketOrderReplaced(ORDER, R1, 0))
          .expectDispatchedCommands(new ConfirmReplace(ORDER, R1));
    }

    @Test
    void aVenueRefusalGivesBackTheReservationAndTheFeeThenTellsTheOrder() {
      given(atTheVenue())
          .whenPublishingA(new MarketOrderReplaceRejected(ORDER, R1, "it has ended"))
          .expectDispatchedCommands(
              adjustCash(R1 + ":reserve-undo", "-300.30"),
              new AdjustFeeHold(ORDER, R1 + ":fee-undo", $("1500.00"), null),
              new RejectReplace(ORDER, R1, "it has ended"));
    }

    @Test
    void aRefusedReservationLeavesNothingToUndo() {
      given(growing())
          .whenPublishingA(
              new HoldingReservationAdjustmentRejected(
                  CASH_HOLDING,
                  ACCOUNT,
                  "USD",
                  ORDER,
                  R1 + ":reserve",
                  $("300.30"),
                  $("100.00"),
                  HoldingRejectionReason.INSUFFICIENT_HOLDING))
          .expectDispatchedCommands(
              new RejectReplace(
                  ORDER, R1, "reserving 300.30 more USD was refused: 100.00 available"));
    }

    @Test
    void aFeeAboveTheMaxFeeGivesBackTheReservation() {
      given(then(growing(), cashAdjusted(R1 + ":reserve", "300.30")))
          .whenPublishingA(
              new FeeHoldAdjustmentRejected(
                  ORDER,
                  ACCOUNT,
                  R1 + ":fee",
                  $("1.80"),
                  $("1.60"),
                  FeeRejectionReason.FEE_LIMIT_EXCEEDED))
          .expectDispatchedCommands(
              adjustCash(R1 + ":reserve-undo", "-300.30"),
              new RejectReplace(ORDER, R1, "fee 1.80 of the new terms is above maxFee 1.60"));
    }

    @Test
    void aSmallerOrderGoesToTheVenueFirstAndReleasesTheDifferenceOnceReplaced() {
      // 6 at 140.00 needs 840.00 + fee 1.00: nothing more to reserve or hold before the venue.
      given(LIMIT_BUY_ON_MARKET)
          .whenPublishingA(replaceRequested(6, "140.00"))
          .expectDispatchedCommands(new ReplaceAtMarket(ORDER, R1, 6, $("140.00"), null, null));
      freshFixture();
      given(then(LIMIT_BUY_ON_MARKET, replaceRequested(6, "140.00")))
          .whenPublishingA(new MarketOrderReplaced(ORDER, R1, 0))
          .expectDispatchedCommands(
              adjustCash(R1 + ":release", "-660.50"),
              new AdjustFeeHold(ORDER, R1 + ":fee", $("840.00"), null),
              new ConfirmReplace(ORDER, R1));
    }

    @Test
    void aFillOfTheOldQuantityWhileTheVenueDecidesWaitsForItsAnswer() {
      given(atTheVenue())
          .whenPublishingA(filled("f-1", 10, "150.00", 1))
          .expectDispatchedCommands(
              recordFill("f-1", 10, "150.00"),
              debitCash("f-1", "1501.50"),
              creditShares("f-1", 10));
      assertThat(journal.lastStep()).isEqualTo(SagaStep.ON_MARKET);
    }

    @Test
    void theVenueFilledTheOldTermsFirstSoTheReplaceIsUndoneAndTheOrderCompletes() {
      given(then(atTheVenue(), filled("f-1", 10, "150.00", 1)))
          .whenPublishingA(
              new MarketOrderReplaceRejected(ORDER, R1, "quantity 12 is not more than 10"))
          .expectDispatchedCommands(
              adjustCash(R1 + ":reserve-undo", "-300.30"),
              new AdjustFeeHold(ORDER, R1 + ":fee-undo", $("1500.00"), null),
              new RejectReplace(ORDER, R1, "quantity 12 is not more than 10"));
      assertThat(journal.lastStep()).isEqualTo(SagaStep.SETTLING);
    }

    @Test
    void theVenueReplacedFirstSoTheOrderWorksOnForTheRest() {
      given(then(atTheVenue(), filled("f-1", 10, "150.00", 1)))
          .whenPublishingA(new MarketOrderReplaced(ORDER, R1, 10))
          .expectDispatchedCommands(new ConfirmReplace(ORDER, R1));
      assertThat(journal.lastStep()).isEqualTo(SagaStep.ON_MARKET);
    }

    @Test
    void aCancelWhileReservingRefusesTheReplaceAndCancelsAtTheVenue() {
      given(growing())
          .whenPublishingA(new OrderCancellationRequested(ORDER))
          .expectDispatchedCommands(
              new RejectReplace(ORDER, R1, "the order is being cancelled"),
              new CancelAtMarket(ORDER));
    }

    @Test
    void aReplaceBeforeTheVenueAcceptedTheOrderIsRefused() {
      given(
              List.of(
                  placed(Side.BUY, OrderType.LIMIT, "150.00"),
                  reservedCash("1501.50"),
                  feeCharged("1.50")))
          .whenPublishingA(replaceRequested(12, "150.00"))
          .expectDispatchedCommands(
              new RejectReplace(
                  ORDER, R1, "the order is SUBMITTING, not working undisturbed at the venue"));
    }

    @Test
    void anEndAtTheVenueWhileItDecidesAReplaceWaitsForItsAnswer() {
      given(atTheVenue())
          .whenPublishingA(new MarketOrderExpired(ORDER))
          .expectNoDispatchedCommands();
      assertThat(journal.lastStep()).isEqualTo(SagaStep.SETTLING);
      // Replaced before it expired: the order records the terms it ended under, then ends.
      freshFixture();
      given(then(atTheVenue(), new MarketOrderExpired(ORDER)))
          .whenPublishingA(new MarketOrderReplaced(ORDER, R1, 0))
          .expectDispatchedCommands(new ConfirmReplace(ORDER, R1));
      freshFixture();
      given(
              then(
                  atTheVenue(),
                  new MarketOrderExpired(ORDER),
                  new MarketOrderReplaced(ORDER, R1, 0)))
          .whenPublishingA(new OrderReplaced(ORDER, R1, 12, $("150.00"), null))
          .expectDispatchedCommands(
              new ReleaseReservation(CASH_HOLDING, ORDER), new RefundFee(ORDER));
      // Refused because it had ended: the replace is answered, then the order ends.
      freshFixture();
      given(then(atTheVenue(), new MarketOrderExpired(ORDER)))
          .whenPublishingA(new MarketOrderReplaceRejected(ORDER, R1, "it has ended"))
          .expectDispatchedCommands(new RejectReplace(ORDER, R1, "it has ended"));
    }

    @Test
    void theOrdersRecordOfTheAnswerIsAwaitedBeforeTheOrderEnds() {
      given(
              then(
                  atTheVenue(),
                  filled("f-1", 10, "150.00", 1),
                  new MarketOrderReplaceRejected(ORDER, R1, "filled"),
                  orderFilled("f-1", 10, "150.00", 10),
                  cashDebited("f-1", "1501.50"),
                  sharesCredited("f-1", 10),
                  cashAdjusted(R1 + ":reserve-undo", "-300.30"),
                  feeHeld(R1 + ":fee-undo", "1.80", "1.50", "1500.00")))
          .whenPublishingA(new OrderReplaceRejected(ORDER, R1, "filled"))
          .expectDispatchedCommands(
              new ReleaseReservation(CASH_HOLDING, ORDER),
              new SettleFee(ORDER, $("1.50"), $("1500.00")));
    }
  }

  @Nested
  class StopOrders {

    @Test
    void aBuyStopReservesCashAtItsStopPriceWithTheMarketMarginWithoutAskingForAPrice() {
      // 10 × 100.00 × 1.05 = 1,050.00 + the fee on it 1.05
      given(List.of())
          .whenPublishingA(placedStop(Side.BUY, OrderType.STOP, null, "100.00"))
          .expectDispatchedCommands(
              new ReserveHolding(CASH_HOLDING, ACCOUNT, "USD", ORDER, $("1051.05")));
    }

    @Test
    void aBuyStopLimitReservesCashAtItsLimit() {
      // 10 × 102.00 = 1,020.00 + the fee on it 1.02
      given(List.of())
          .whenPublishingA(placedStop(Side.BUY, OrderType.STOP_LIMIT, "102.00", "100.00"))
          .expectDispatchedCommands(
              new ReserveHolding(CASH_HOLDING, ACCOUNT, "USD", ORDER, $("1021.02")));
    }

    @Test
    void aSellStopsFeeIsEstimatedAtItsStopPrice() {
      given(List.of(placedStop(Side.SELL, OrderType.STOP, null, "180.00")))
          .whenPublishingA(reservedShares(10))
          .expectDispatchedCommands(
              new ChargeFee(
                  ORDER, ACCOUNT, Side.SELL, "AAPL", 10, $("180.00"), $("25.00"), "standard-v1"));
    }

    @Test
    void aBuyStopGoesToTheVenueWithItsStopAndThePriceItsCashWasReservedAtAsProtection() {
      given(List.of(placedStop(Side.BUY, OrderType.STOP, null, "100.00"), reservedCash("1051.05")))
          .whenPublishingA(feeCharged("1.05"))
          .expectDispatchedCommands(
              new AcceptOrder(ORDER, "USD", $("1051.05"), $("1.05")),
              new SubmitToMarket(
                  ORDER,
                  Side.BUY,
                  "AAPL",
                  10,
                  OrderType.STOP,
                  null,
                  $("105.00"),
                  TimeInForce.GTC,
                  $("100.00")));
    }

    @Test
    void theVenuesTriggerIsRecordedOnTheOrderOnce() {
      List<Object> resting =
          List.of(
              placedStop(Side.BUY, OrderType.STOP, null, "100.00"),
              reservedCash("1051.05"),
              feeCharged("1.05"),
              acceptedByTheVenue());
      given(resting)
          .whenPublishingA(new MarketOrderTriggered(ORDER, $("100.05")))
          .expectDispatchedCommands(new RecordOrderTrigger(ORDER, $("100.05")));
      freshFixture();
      given(then(resting, new MarketOrderTriggered(ORDER, $("100.05"))))
          .whenPublishingA(new MarketOrderTriggered(ORDER, $("100.05")))
          .expectNoDispatchedCommands();
    }
  }

  @Nested
  class TimeInForceAtTheVenue {

    List<Object> limitBuyAccepted(TimeInForce timeInForce) {
      return List.of(
          placed(Side.BUY, OrderType.LIMIT, "150.00", timeInForce),
          reservedCash("1501.50"),
          feeCharged("1.50"));
    }

    @Test
    void theOrderGoesToTheVenueWithItsTimeInForce() {
      given(limitBuyAccepted(TimeInForce.GTC).subList(0, 2))
          .whenPublishingA(feeCharged("1.50"))
          .expectDispatchedCommands(
              new AcceptOrder(ORDER, "USD", $("1501.50"), $("1.50")),
              new SubmitToMarket(
                  ORDER,
                  Side.BUY,
                  "AAPL",
                  10,
                  OrderType.LIMIT,
                  $("150.00"),
                  null,
                  TimeInForce.GTC,
                  null));
    }

    @Test
    void eachTimeInForceGivesTheVenueItsOwnTimeBeforeTheSagaEndsTheOrderItself() {
      for (TimeInForce timeInForce : TimeInForce.values()) {
        journal = new RecordingJournal();
        freshFixture();
        given(limitBuyAccepted(timeInForce))
            .whenPublishingA(acceptedByTheVenue())
            .expectDispatchedCommands(new RecordOrderSubmission(ORDER, ORDER));
        assertThat(journal.lastDeadline())
            .as(timeInForce.name())
            .isEqualTo(
                RecordingJournal.armed(SagaStep.ON_MARKET, 0, TIMEOUTS.onMarket(timeInForce)));
      }
      assertThat(TIMEOUTS.onMarket(TimeInForce.GTC)).isEqualTo(java.time.Duration.ofDays(90));
      assertThat(TIMEOUTS.onMarket(TimeInForce.IOC)).isEqualTo(java.time.Duration.ofSeconds(30));
    }

    @Test
    void whatAnImmediateOrCancelOrderDidNotFillIsCancelledAtTheVenueAndTheRestSettled() {
      given(
              then(
                  limitBuyAccepted(TimeInForce.IOC),
                  acceptedByTheVenue(),
                  filled("f-1", 4, "149.00", 1)))
          .whenPublishingA(new MarketOrderCancelled(ORDER, null))
          .expectNoDispatchedCommands();
      assertThat(journal.lastStep()).isEqualTo(SagaStep.SETTLING);
    }

    @Test
    void anUnfilledFillOrKillOrderEndsCancelledWithEverythingGivenBack() {
      List<Object> killed =
          then(
              limitBuyAccepted(TimeInForce.FOK),
              acceptedByTheVenue(),
              new MarketOrderCancelled(ORDER, null),
              releasedCash("1501.50"));
      given(then(limitBuyAccepted(TimeInForce.FOK), acceptedByTheVenue()))
          .whenPublishingA(new MarketOrderCancelled(ORDER, null))
          .expectDispatchedCommands(
              new ReleaseReservation(CASH_HOLDING, ORDER), new RefundFee(ORDER));
      freshFixture();
      given(killed)
          .whenPublishingA(feeRefunded("1.50"))
          .expectDispatchedCommands(new ConfirmCancellation(ORDER));
      freshFixture();
      given(then(killed, feeRefunded("1.50")))
          .whenPublishingA(new OrderCancelled(ORDER, 0))
          .expectActiveSagas(0);
      assertThat(journal.finished)
          .containsExactly(
              Ending.cancelled("FOK: what did not fill on arrival was cancelled at the venue"));
    }
  }

  @Nested
  class Expiry {

    @Test
    void anOrderThatExpiresUnfilledReleasesTheCashAndRefundsTheFee() {
      given(LIMIT_BUY_ON_MARKET)
          .whenPublishingA(new MarketOrderExpired(ORDER))
          .expectDispatchedCommands(
              new ReleaseReservation(CASH_HOLDING, ORDER), new RefundFee(ORDER));
    }

    @Test
    void anOrderWhoseDayEndedBeforeItReachedTheVenueExpiresAndGivesEverythingBack() {
      // Still SUBMITTING: the venue refused it as already expired (the gateway's
      // MarketOrderExpired)
      List<Object> submitting =
          List.of(
              placed(Side.BUY, OrderType.LIMIT, "150.00"),
              reservedCash("1501.50"),
              feeCharged("1.50"));
      given(submitting)
          .whenPublishingA(new MarketOrderExpired(ORDER))
          .expectDispatchedCommands(
              new ReleaseReservation(CASH_HOLDING, ORDER), new RefundFee(ORDER));
      freshFixture();
      given(then(submitting, new MarketOrderExpired(ORDER), releasedCash("1501.50")))
          .whenPublishingA(feeRefunded("1.50"))
          .expectDispatchedCommands(new ExpireOrder(ORDER));
    }

    @Test
    void theExpiryIsRecordedOnceUndone() {
      given(then(LIMIT_BUY_ON_MARKET, new MarketOrderExpired(ORDER), releasedCash("1501.50")))
          .whenPublishingA(feeRefunded("1.50"))
          .expectDispatchedCommands(new ExpireOrder(ORDER));
    }

    @Test
    void theExpiredOrderEndsTheSaga() {
      given(
              then(
                  LIMIT_BUY_ON_MARKET,
                  new MarketOrderExpired(ORDER),
                  releasedCash("1501.50"),
                  feeRefunded("1.50")))
          .whenPublishingA(new OrderExpired(ORDER, 0))
          .expectActiveSagas(0);
      assertThat(journal.finished).containsExactly(Ending.expired("expired at the venue"));
    }

    @Test
    void pastTheTimeInForceTheSagaCancelsAtTheVenueAndTheOrderWillExpire() {
      given(LIMIT_BUY_ON_MARKET)
          .whenPublishingA(deadlinePassed(SagaStep.ON_MARKET, 0))
          .expectDispatchedCommands(new CancelAtMarket(ORDER));
    }
  }

  @Nested
  class DuplicatesAndRetries {

    @Test
    void aDuplicateReservationChangesNothing() {
      given(SELL_ON_MARKET.subList(0, 3))
          .whenPublishingA(reservedShares(10))
          .expectNoDispatchedCommands();
    }

    @Test
    void aDuplicateFillChangesNothing() {
      given(then(SELL_ON_MARKET, filled("f-1", 4, "190.00", 1)))
          .whenPublishingA(filled("f-1", 4, "190.00", 1))
          .expectNoDispatchedCommands();
    }

    @Test
    void aDuplicateConfirmationChangesNothing() {
      given(then(SELL_ON_MARKET, filled("f-1", 4, "190.00", 1), orderFilled("f-1", 4, "190.00", 4)))
          .whenPublishingA(orderFilled("f-1", 4, "190.00", 4))
          .expectNoDispatchedCommands();
    }

    @Test
    void anUnansweredCommandIsSentAgainWhenItsDeadlinePasses() {
      given(SELL_ON_MARKET.subList(0, 2))
          .whenPublishingA(deadlinePassed(SagaStep.RESERVING, 0))
          .expectDispatchedCommands(
              new ReserveHolding(AAPL_HOLDING, ACCOUNT, "AAPL", ORDER, BigDecimal.valueOf(10)));
      assertThat(journal.retries).containsExactly("RESERVING#1");
      assertThat(journal.lastDeadline())
          .isEqualTo(
              RecordingJournal.armed(
                  SagaStep.RESERVING, 1, TIMEOUTS.retryInterval(SagaStep.RESERVING, 1)));
    }

    @Test
    void aDeadlineOfAStepTheSagaHasLeftChangesNothing() {
      given(SELL_ON_MARKET.subList(0, 3))
          .whenPublishingA(deadlinePassed(SagaStep.RESERVING, 0))
          .expectNoDispatchedCommands();
    }

    @Test
    void aDeadlineDeliveredTwiceIsActedOnOnce() {
      given(then(SELL_ON_MARKET.subList(0, 2), deadlinePassed(SagaStep.RESERVING, 0)))
          .whenPublishingA(deadlinePassed(SagaStep.RESERVING, 0))
          .expectNoDispatchedCommands();
    }

    @Test
    void aFillBeforeTheVenuesAcceptanceRecordsTheSubmissionFirst() {
      given(SELL_ON_MARKET.subList(0, 4))
          .whenPublishingA(filled("f-1", 10, "190.00", 1))
          .expectDispatchedCommands(
              new RecordOrderSubmission(ORDER, ORDER),
              recordFill("f-1", 10, "190.00"),
              debitShares("f-1", 10),
              creditCash("f-1", "1898.10"));
    }

    @Test
    void aPricingThatNeverAnswersRejectsTheOrderAsAMarketTimeout() {
      given(List.of(placed(Side.SELL, OrderType.MARKET, null)))
          .whenPublishingA(deadlinePassed(SagaStep.PRICING, 0))
          .expectDispatchedCommands(
              new RejectOrder(
                  ORDER, OrderRejectReason.MARKET_TIMEOUT, "no reference price within PT30S"));
    }
  }

  /** Records what the saga reports to operators. */
  static final class RecordingJournal implements SagaJournal {
    final List<SagaStep> steps = new ArrayList<>();
    final List<String> retries = new ArrayList<>();
    final List<Ending> finished = new ArrayList<>();

    /** The deadlines armed and cleared, in order ({@link #armed}, {@link #CLEARED}). */
    final List<String> deadlines = new ArrayList<>();

    static final String CLEARED = "cleared";

    static String armed(SagaStep step, int retry, java.time.Duration in) {
      return step + "#" + retry + " in " + in;
    }

    @Override
    public void moved(String orderId, SagaStep step, Ending ending, java.time.Duration deadlineIn) {
      steps.add(step);
      deadlines.add(armed(step, 0, deadlineIn));
    }

    @Override
    public void retrying(
        String orderId,
        SagaStep step,
        int retry,
        String waitingFor,
        java.time.Duration deadlineIn) {
      retries.add(step + "#" + retry);
      deadlines.add(armed(step, retry, deadlineIn));
    }

    @Override
    public void finished(String orderId, Ending ending) {
      finished.add(ending);
      deadlines.add(CLEARED);
    }

    String lastDeadline() {
      return deadlines.get(deadlines.size() - 1);
    }

    SagaStep lastStep() {
      return steps.get(steps.size() - 1);
    }
  }
}
