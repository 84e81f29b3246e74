package com.example.trading.command.fee;

import com.example.trading.command.axon.TradingCommandTargetResolver;
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
import com.example.trading.schemas.Side;
import com.example.trading.schemas.fee.FeeRejectionReason;
import com.example.trading.schemas.fee.FeeSchedule;
import java.math.BigDecimal;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FeeTest {

  private static final String ORDER = "o-1";

  private AggregateTestFixture<Fee> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Fee.class);
    fixture.registerCommandTargetResolver(new TradingCommandTargetResolver());
  }

  private static ChargeFee charge(long quantity, String price, String maxFee) {
    return chargeUnder(FeeSchedule.STANDARD_V1.name(), quantity, price, maxFee);
  }

  private static ChargeFee chargeUnder(
      String schedule, long quantity, String price, String maxFee) {
    return new ChargeFee(
        ORDER,
        "acc-1",
        Side.SELL,
        "AAPL",
        quantity,
        new BigDecimal(price),
        maxFee == null ? null : new BigDecimal(maxFee),
        schedule);
  }

  private static FeeCharged charged(String amount) {
    return new FeeCharged(ORDER, "acc-1", new BigDecimal(amount), "standard-v1");
  }

  @Test
  void chargesTenBasisPointsOfTheNotional() {
    // 100 × 190.25 = 19,025.00 → 10 bps = 19.025 → 19.02 (half-even)
    fixture.givenNoPriorActivity().when(charge(100, "190.25", null)).expectEvents(charged("19.02"));
  }

  @Test
  void aChargeSentBeforeTheSagaChoseTheScheduleIsChargedUnderTheOnlyOneThereWas() {
    fixture
        .givenNoPriorActivity()
        .when(chargeUnder(null, 100, "190.25", null))
        .expectEvents(charged("19.02"));
  }

  @Test
  void aChargeUnderAScheduleNoOneKnowsIsRefused() {
    fixture
        .givenNoPriorActivity()
        .when(chargeUnder("premium-v9", 100, "190.25", null))
        .expectException(FeeRuleViolation.class)
        .expectExceptionMessage(
            "cannot charge the fee of order o-1: no fee schedule named premium-v9")
        .expectNoEvents();
  }

  @Test
  void chargesAtLeastTheMinimum() {
    fixture.givenNoPriorActivity().when(charge(1, "190.25", null)).expectEvents(charged("1.00"));
  }

  @Test
  void chargesAtMostTheMaximum() {
    fixture
        .givenNoPriorActivity()
        .when(charge(10_000, "190.25", null))
        .expectEvents(charged("50.00"));
  }

  @Test
  void chargesWhenTheFeeEqualsMaxFee() {
    fixture
        .givenNoPriorActivity()
        .when(charge(100, "190.25", "19.02"))
        .expectEvents(charged("19.02"));
  }

  @Test
  void rejectsAFeeAboveTheOrdersMaxFee() {
    fixture
        .givenNoPriorActivity()
        .when(charge(100, "190.25", "10.00"))
        .expectEvents(
            new FeeChargeRejected(
                ORDER,
                "acc-1",
                new BigDecimal("19.02"),
                new BigDecimal("10.00"),
                FeeRejectionReason.FEE_LIMIT_EXCEEDED));
  }

  @Test
  void aRepeatedChargeChangesNothing() {
    fixture
        .given(charged("19.02"))
        .when(charge(100, "190.25", null))
        .expectSuccessfulHandlerExecution()
        .expectNoEvents();
  }

  @Test
  void aChargeRepeatedAfterARefusalChangesNothing() {
    fixture
        .given(
            new FeeChargeRejected(
                ORDER,
                "acc-1",
                new BigDecimal("19.02"),
                new BigDecimal("10.00"),
                FeeRejectionReason.FEE_LIMIT_EXCEEDED))
        .when(charge(100, "190.25", "10.00"))
        .expectSuccessfulHandlerExecution()
        .expectNoEvents();
  }

  @Test
  void refundsAChargedFee() {
    fixture
        .given(charged("19.02"))
        .when(new RefundFee(ORDER))
        .expectEvents(new FeeRefunded(ORDER, "acc-1", new BigDecimal("19.02")));
  }

  @Test
  void aSecondRefundChangesNothing() {
    fixture
        .given(charged("19.02"), new FeeRefunded(ORDER, "acc-1", new BigDecimal("19.02")))
        .when(new RefundFee(ORDER))
        .expectSuccessfulHandlerExecution()
        .expectNoEvents();
  }

  private static FeeSettled settled(String amount, String refunded, String notional) {
    return new FeeSettled(
        ORDER, "acc-1", new BigDecimal(amount), new BigDecimal(refunded), new BigDecimal(notional));
  }

  private static SettleFee settle(String amount, String notional) {
    return new SettleFee(ORDER, new BigDecimal(amount), new BigDecimal(notional));
  }

  @Test
  void settlesTheFeeOnWhatTradedAndRefundsTheRestOfTheHold() {
    // A BUY of 10 held 4.43 on its estimate (442.79 each); it filled at 421.70: 4.22 due on
    // 4,217.00.
    fixture
        .given(charged("4.43"))
        .when(settle("4.22", "4217.00"))
        .expectEvents(settled("4.22", "0.21", "4217.00"));
  }

  @Test
  void settlesTheWholeHoldWhenAllOfItIsDue() {
    fixture
        .given(charged("19.02"))
        .when(settle("19.02", "19025.00"))
        .expectEvents(settled("19.02", "0.00", "19025.00"));
  }

  @Test
  void settlesLessThanDueWhenTheFillsPaidLessAndRefundsTheRest() {
    // A SELL whose only fill's proceeds (0.50) could not pay the minimum fee of 1.00.
    fixture
        .given(charged("1.00"))
        .when(settle("0.50", "0.50"))
        .expectEvents(settled("0.50", "0.50", "0.50"));
  }

  @Test
  void refusesToSettleMoreThanIsDueOnWhatTraded() {
    fixture
        .given(charged("4.43"))
        .when(settle("4.43", "4217.00"))
        .expectException(FeeRuleViolation.class)
        .expectExceptionMessage(
            "fee of order o-1: 4.43 is more than the 4.22 due on 4217.00 traded (held 4.43)")
        .expectNoEvents();
  }

  @Test
  void neverSettlesMoreThanTheHoldEvenWhenMoreIsDue() {
    // A LIMIT SELL held on its limit and filled higher: the fee is capped at the hold.
    fixture
        .given(charged("1.90"))
        .when(settle("1.90", "2100.00"))
        .expectEvents(settled("1.90", "0.00", "2100.00"));
    fixture
        .given(charged("1.90"))
        .when(settle("2.10", "2100.00"))
        .expectException(FeeRuleViolation.class)
        .expectNoEvents();
  }

  @Test
  void refusesASettlementWithoutAnExecutedNotional() {
    fixture
        .given(charged("1.90"))
        .when(new SettleFee(ORDER, new BigDecimal("1.00"), null))
        .expectException(FeeRuleViolation.class)
        .expectNoEvents();
  }

  @Test
  void aRevisionOneSettlementSettlesTheWholeHold() {
    fixture
        .given(charged("19.02"))
        .when(new SettleFee(ORDER, null, null))
        .expectEvents(
            new FeeSettled(ORDER, "acc-1", new BigDecimal("19.02"), new BigDecimal("0.00"), null));
  }

  @Test
  void aSecondSettlementChangesNothing() {
    fixture
        .given(charged("4.43"), settled("4.22", "0.21", "4217.00"))
        .when(settle("4.22", "4217.00"))
        .expectSuccessfulHandlerExecution()
        .expectNoEvents();
  }

  @Test
  void aSettledFeeIsNeverRefunded() {
    fixture
        .given(charged("4.43"), settled("4.22", "0.21", "4217.00"))
        .when(new RefundFee(ORDER))
        .expectException(FeeRuleViolation.class)
        .expectNoEvents();
  }

  @Test
  void aRefundedFeeIsNeverSettled() {
    fixture
        .given(charged("19.02"), new FeeRefunded(ORDER, "acc-1", new BigDecimal("19.02")))
        .when(settle("19.02", "19025.00"))
        .expectException(FeeRuleViolation.class)
        .expectNoEvents();
  }

  @Test
  void refundingARejectedFeeChangesNothing() {
    fixture
        .given(
            new FeeChargeRejected(
                ORDER,
                "acc-1",
                new BigDecimal("19.02"),
                new BigDecimal("10.00"),
                FeeRejectionReason.FEE_LIMIT_EXCEEDED))
        .when(new RefundFee(ORDER))
        .expectSuccessfulHandlerExecution()
        .expectNoEvents();
  }

  // ---- hold adjustments (a replace of the order's terms) ----------------------------------------

  @Test
  void aReplaceHoldsTheFeeOfItsNewEstimateWhichTheSettlementThenAccountsFor() {
    // 12 × 190.00 = 2,280.00 → 2.28; it was 10 × 190.00 → 1.90
    fixture
        .given(charged("1.90"))
        .when(
            new AdjustFeeHold(ORDER, "o-1:r1:fee", new BigDecimal("2280.00"), new BigDecimal("5")))
        .expectEvents(
            new FeeHoldAdjusted(
                ORDER,
                "acc-1",
                "o-1:r1:fee",
                new BigDecimal("1.90"),
                new BigDecimal("2.28"),
                new BigDecimal("2280.00")));
    fixture
        .given(
            charged("1.90"),
            new FeeHoldAdjusted(
                ORDER,
                "acc-1",
                "o-1:r1:fee",
                new BigDecimal("1.90"),
                new BigDecimal("2.28"),
                new BigDecimal("2280.00")))
        .when(new RefundFee(ORDER))
        .expectEvents(new FeeRefunded(ORDER, "acc-1", new BigDecimal("2.28")));
  }

  @Test
  void aHoldAboveTheMaxFeeIsRefusedWithAnEventAndAnAdjustmentIsDecidedOnce() {
    FeeHoldAdjustmentRejected refused =
        new FeeHoldAdjustmentRejected(
            ORDER,
            "acc-1",
            "o-1:r1:fee",
            new BigDecimal("2.28"),
            new BigDecimal("2.00"),
            FeeRejectionReason.FEE_LIMIT_EXCEEDED);
    fixture
        .given(charged("1.90"))
        .when(
            new AdjustFeeHold(
                ORDER, "o-1:r1:fee", new BigDecimal("2280.00"), new BigDecimal("2.00")))
        .expectEvents(refused);
    fixture
        .given(charged("1.90"), refused)
        .when(new AdjustFeeHold(ORDER, "o-1:r1:fee", new BigDecimal("2280.00"), null))
        .expectSuccessfulHandlerExecution()
        .expectNoEvents();
  }

  @Test
  void aFeeNoLongerHeldCannotBeAdjusted() {
    fixture
        .given(charged("1.90"), new FeeRefunded(ORDER, "acc-1", new BigDecimal("1.90")))
        .when(new AdjustFeeHold(ORDER, "o-1:r1:fee", new BigDecimal("2280.00"), null))
        .expectException(FeeRuleViolation.class);
  }
}
