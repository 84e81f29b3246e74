package com.example.trading.command.holding;

import com.example.trading.command.axon.TradingCommandTargetResolver;
import com.example.trading.schemas.HoldingCommand.AdjustReservation;
import com.example.trading.schemas.HoldingCommand.CreditHolding;
import com.example.trading.schemas.HoldingCommand.DepositHolding;
import com.example.trading.schemas.HoldingCommand.ReleaseReservation;
import com.example.trading.schemas.HoldingCommand.ReserveHolding;
import com.example.trading.schemas.HoldingCommand.SettleReservation;
import com.example.trading.schemas.HoldingEvent.HoldingCredited;
import com.example.trading.schemas.HoldingEvent.HoldingDebited;
import com.example.trading.schemas.HoldingEvent.HoldingDeposited;
import com.example.trading.schemas.HoldingEvent.HoldingReservationAdjusted;
import com.example.trading.schemas.HoldingEvent.HoldingReservationAdjustmentRejected;
import com.example.trading.schemas.HoldingEvent.HoldingReservationRejected;
import com.example.trading.schemas.HoldingEvent.HoldingReservationReleased;
import com.example.trading.schemas.HoldingEvent.HoldingReserved;
import com.example.trading.schemas.holding.HoldingRejectionReason;
import java.math.BigDecimal;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HoldingTest {

  private static final String ID = "acc-1/AAPL";
  private static final String CASH_ID = "acc-1/USD";

  private AggregateTestFixture<Holding> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Holding.class);
    fixture.registerCommandTargetResolver(new TradingCommandTargetResolver());
  }

  private static BigDecimal qty(String value) {
    return new BigDecimal(value);
  }

  private static HoldingDeposited deposited(String quantity) {
    return new HoldingDeposited(ID, "acc-1", "AAPL", qty(quantity), null);
  }

  private static DepositHolding deposit(String quantity) {
    return new DepositHolding(ID, "acc-1", "AAPL", qty(quantity), null);
  }

  private static DepositHolding depositCash(String amount) {
    return new DepositHolding(CASH_ID, "acc-1", "USD", qty(amount), null);
  }

  /** The release of order o-1's reservation of {@code quantity}. */
  private static HoldingReservationReleased released(String quantity) {
    return new HoldingReservationReleased(ID, "acc-1", "AAPL", "o-1", qty(quantity));
  }

  /** Fill f-1 of order o-1 took {@code quantity} shares. */
  private static HoldingDebited debitedByFill(String quantity) {
    return new HoldingDebited(ID, "acc-1", "AAPL", "o-1", "f-1", qty(quantity));
  }

  /** Fill f-1 of order o-1 brought {@code amount} dollars. */
  private static HoldingCredited cashCreditedByFill(String amount) {
    return new HoldingCredited(CASH_ID, "acc-1", "USD", "o-1", "f-1", qty(amount));
  }

  private static ReserveHolding reserve(String orderId, String quantity) {
    return new ReserveHolding(ID, "acc-1", "AAPL", orderId, qty(quantity));
  }

  private static HoldingReserved reserved(String orderId, String quantity) {
    return new HoldingReserved(ID, "acc-1", "AAPL", orderId, qty(quantity));
  }

  private static HoldingReservationRejected rejected(
      String orderId, String requested, String available) {
    return new HoldingReservationRejected(
        ID,
        "acc-1",
        "AAPL",
        orderId,
        qty(requested),
        qty(available),
        HoldingRejectionReason.INSUFFICIENT_HOLDING);
  }

  @Test
  void aDepositCreatesTheHolding() {
    fixture.givenNoPriorActivity().when(deposit("100")).expectEvents(deposited("100"));
  }

  @Test
  void cashDepositsKeepTheirCents() {
    fixture
        .givenNoPriorActivity()
        .when(depositCash("10000.25"))
        .expectEvents(new HoldingDeposited(CASH_ID, "acc-1", "USD", qty("10000.25"), null));
  }

  @Test
  void refusesANegativeOrZeroDeposit() {
    fixture
        .givenNoPriorActivity()
        .when(deposit("-5"))
        .expectException(HoldingRuleViolation.class)
        .expectNoEvents();
    fixture
        .givenNoPriorActivity()
        .when(deposit("0"))
        .expectException(HoldingRuleViolation.class)
        .expectNoEvents();
  }

  @Test
  void refusesFractionalShares() {
    fixture
        .givenNoPriorActivity()
        .when(deposit("1.5"))
        .expectException(HoldingRuleViolation.class)
        .expectNoEvents();
  }

  @Test
  void refusesSubCentCash() {
    fixture
        .givenNoPriorActivity()
        .when(depositCash("1.005"))
        .expectException(HoldingRuleViolation.class)
        .expectNoEvents();
  }

  @Test
  void reservesWhenAvailableCoversTheQuantity() {
    fixture
        .given(deposited("100"))
        .when(reserve("o-1", "100"))
        .expectEvents(reserved("o-1", "100"));
  }

  @Test
  void rejectsAReservationWhenAvailableIsBelowTheQuantity() {
    fixture
        .given(deposited("100"))
        .when(reserve("o-1", "120"))
        .expectEvents(rejected("o-1", "120", "100"));
  }

  @Test
  void rejectsAReservationOnAHoldingNeverFunded() {
    fixture
        .givenNoPriorActivity()
        .when(reserve("o-1", "10"))
        .expectEvents(rejected("o-1", "10", "0"));
  }

  @Test
  void otherOrdersReservationsReduceWhatIsAvailable() {
    fixture
        .given(deposited("100"), reserved("o-1", "60"))
        .when(reserve("o-2", "50"))
        .expectEvents(rejected("o-2", "50", "40"));
  }

  @Test
  void aRepeatedReservationForTheSameOrderChangesNothing() {
    fixture
        .given(deposited("100"), reserved("o-1", "10"))
        .when(reserve("o-1", "10"))
        .expectSuccessfulHandlerExecution()
        .expectNoEvents();
  }

  @Test
  void aReservationRepeatedAfterARefusalChangesNothing() {
    fixture
        .given(deposited("100"), rejected("o-1", "120", "100"))
        .when(reserve("o-1", "120"))
        .expectSuccessfulHandlerExecution()
        .expectNoEvents();
  }

  @Test
  void releaseFreesWhatIsStillReserved() {
    fixture
        .given(deposited("100"), reserved("o-1", "10"))
        .when(new ReleaseReservation(ID, "o-1"))
        .expectEvents(released("10"));
  }

  @Test
  void releaseOfAReservationTheHoldingNeverMadeIsRefused() {
    fixture
        .given(deposited("100"))
        .when(new ReleaseReservation(ID, "o-1"))
        .expectException(HoldingRuleViolation.class)
        .expectExceptionMessage("holding " + ID + " has no reservation of order o-1 to release")
        .expectNoEvents();
  }

  @Test
  void releaseAfterARejectedReservationChangesNothing() {
    fixture
        .given(deposited("5"), rejected("o-1", "10", "5"))
        .when(new ReleaseReservation(ID, "o-1"))
        .expectSuccessfulHandlerExecution()
        .expectNoEvents();
  }

  @Test
  void aSecondReleaseChangesNothing() {
    fixture
        .given(deposited("100"), reserved("o-1", "10"), released("10"))
        .when(new ReleaseReservation(ID, "o-1"))
        .expectSuccessfulHandlerExecution()
        .expectNoEvents();
  }

  @Test
  void settlementDebitsFromTheReservation() {
    fixture
        .given(deposited("100"), reserved("o-1", "10"))
        .when(new SettleReservation(ID, "o-1", "f-1", qty("4")))
        .expectEvents(debitedByFill("4"));
  }

  @Test
  void settlingTheSameFillTwiceChangesNothing() {
    fixture
        .given(deposited("100"), reserved("o-1", "10"), debitedByFill("4"))
        .when(new SettleReservation(ID, "o-1", "f-1", qty("4")))
        .expectSuccessfulHandlerExecution()
        .expectNoEvents();
  }

  @Test
  void refusesToSettleMoreThanIsReserved() {
    fixture
        .given(deposited("100"), reserved("o-1", "10"), debitedByFill("8"))
        .when(new SettleReservation(ID, "o-1", "f-2", qty("3")))
        .expectException(HoldingRuleViolation.class)
        .expectNoEvents();
  }

  @Test
  void releaseAfterAPartialSettlementFreesOnlyTheRemainder() {
    fixture
        .given(deposited("100"), reserved("o-1", "10"), debitedByFill("4"))
        .when(new ReleaseReservation(ID, "o-1"))
        .expectEvents(released("6"));
  }

  @Test
  void aDebitedQuantityIsNoLongerAvailableToOtherOrders() {
    fixture
        .given(deposited("100"), reserved("o-1", "10"), debitedByFill("10"), released("0"))
        .when(reserve("o-2", "91"))
        .expectEvents(rejected("o-2", "91", "90"));
  }

  @Test
  void creditAddsTheProceedsOfAFillEvenToANewHolding() {
    fixture
        .givenNoPriorActivity()
        .when(new CreditHolding(CASH_ID, "acc-1", "USD", "o-1", "f-1", qty("1899.20")))
        .expectEvents(cashCreditedByFill("1899.20"));
  }

  @Test
  void creditingTheSameFillTwiceChangesNothing() {
    fixture
        .given(cashCreditedByFill("1899.20"))
        .when(new CreditHolding(CASH_ID, "acc-1", "USD", "o-1", "f-1", qty("1899.20")))
        .expectSuccessfulHandlerExecution()
        .expectNoEvents();
  }

  @Test
  void creditedQuantityCanBeReserved() {
    fixture
        .given(new HoldingCredited(ID, "acc-1", "AAPL", "o-1", "f-1", qty("5")))
        .when(reserve("o-2", "5"))
        .expectEvents(reserved("o-2", "5"));
  }

  // ---- adjustments (a replace of the order's terms) ---------------------------------------------

  private static AdjustReservation adjust(String adjustmentId, String change) {
    return new AdjustReservation(ID, "acc-1", "AAPL", "o-1", adjustmentId, qty(change));
  }

  private static HoldingReservationAdjusted adjusted(String adjustmentId, String change) {
    return new HoldingReservationAdjusted(ID, "acc-1", "AAPL", "o-1", adjustmentId, qty(change));
  }

  @Test
  void aReservationGrowsByWhatIsAvailableAndShrinksByWhatIsReleased() {
    fixture
        .given(deposited("100"), reserved("o-1", "10"))
        .when(adjust("o-1:r1:reserve", "5"))
        .expectEvents(adjusted("o-1:r1:reserve", "5"));
    fixture
        .given(deposited("100"), reserved("o-1", "10"), adjusted("o-1:r1:reserve", "5"))
        .when(new ReleaseReservation(ID, "o-1"))
        .expectEvents(released("15"));
    fixture
        .given(deposited("100"), reserved("o-1", "10"))
        .when(adjust("o-1:r1:release", "-4"))
        .expectEvents(adjusted("o-1:r1:release", "-4"));
  }

  @Test
  void aGrowthBeyondWhatIsAvailableIsRefusedWithAnEventAndChangesNothing() {
    fixture
        .given(deposited("20"), reserved("o-1", "10"), reserved("o-2", "5"))
        .when(adjust("o-1:r1:reserve", "6"))
        .expectEvents(
            new HoldingReservationAdjustmentRejected(
                ID,
                "acc-1",
                "AAPL",
                "o-1",
                "o-1:r1:reserve",
                qty("6"),
                qty("5"),
                HoldingRejectionReason.INSUFFICIENT_HOLDING));
    fixture
        .given(
            deposited("20"),
            reserved("o-1", "10"),
            new HoldingReservationAdjustmentRejected(
                ID,
                "acc-1",
                "AAPL",
                "o-1",
                "o-1:r1:reserve",
                qty("6"),
                qty("5"),
                HoldingRejectionReason.INSUFFICIENT_HOLDING))
        .when(new ReleaseReservation(ID, "o-1"))
        .expectEvents(released("10"));
  }

  @Test
  void anAdjustmentIsDecidedOnce() {
    fixture
        .given(deposited("100"), reserved("o-1", "10"), adjusted("o-1:r1:reserve", "5"))
        .when(adjust("o-1:r1:reserve", "5"))
        .expectSuccessfulHandlerExecution()
        .expectNoEvents();
  }

  @Test
  void anAdjustmentNeedsAnOpenReservationAndCannotReleaseMoreThanItHolds() {
    fixture
        .given(deposited("100"))
        .when(adjust("o-1:r1:reserve", "5"))
        .expectException(HoldingRuleViolation.class);
    fixture
        .given(deposited("100"), reserved("o-1", "10"))
        .when(adjust("o-1:r1:release", "-11"))
        .expectException(HoldingRuleViolation.class);
  }
}
