package com.example.trading.command.holding;

import com.example.trading.command.axon.TradingCommandTargetResolver;
import com.example.trading.schemas.holding.HoldingCommand.CreditHolding;
import com.example.trading.schemas.holding.HoldingCommand.DepositHolding;
import com.example.trading.schemas.holding.HoldingCommand.ReleaseReservation;
import com.example.trading.schemas.holding.HoldingCommand.ReserveHolding;
import com.example.trading.schemas.holding.HoldingCommand.SettleReservation;
import com.example.trading.schemas.holding.HoldingEvent.HoldingCredited;
import com.example.trading.schemas.holding.HoldingEvent.HoldingDebited;
import com.example.trading.schemas.holding.HoldingEvent.HoldingDeposited;
import com.example.trading.schemas.holding.HoldingEvent.HoldingReservationRejected;
import com.example.trading.schemas.holding.HoldingEvent.HoldingReservationReleased;
import com.example.trading.schemas.holding.HoldingEvent.HoldingReserved;
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
    fixture
        .givenNoPriorActivity()
        .when(new DepositHolding(ID, "acc-1", "AAPL", qty("100"), null))
        .expectEvents(deposited("100"));
  }

  @Test
  void cashDepositsKeepTheirCents() {
    fixture
        .givenNoPriorActivity()
        .when(new DepositHolding(CASH_ID, "acc-1", "USD", qty("10000.25"), null))
        .expectEvents(new HoldingDeposited(CASH_ID, "acc-1", "USD", qty("10000.25"), null));
  }

  @Test
  void refusesANegativeOrZeroDeposit() {
    fixture
        .givenNoPriorActivity()
        .when(new DepositHolding(ID, "acc-1", "AAPL", qty("-5"), null))
        .expectException(HoldingRuleViolation.class)
        .expectNoEvents();
    fixture
        .givenNoPriorActivity()
        .when(new DepositHolding(ID, "acc-1", "AAPL", qty("0"), null))
        .expectException(HoldingRuleViolation.class)
        .expectNoEvents();
  }

  @Test
  void refusesFractionalShares() {
    fixture
        .givenNoPriorActivity()
        .when(new DepositHolding(ID, "acc-1", "AAPL", qty("1.5"), null))
        .expectException(HoldingRuleViolation.class)
        .expectNoEvents();
  }

  @Test
  void refusesSubCentCash() {
    fixture
        .givenNoPriorActivity()
        .when(new DepositHolding(CASH_ID, "acc-1", "USD", qty("1.005"), null))
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
        .expectEvents(new HoldingReservationReleased(ID, "acc-1", "AAPL", "o-1", qty("10")));
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
        .given(
            deposited("100"),
            reserved("o-1", "10"),
            new HoldingReservationReleased(ID, "acc-1", "AAPL", "o-1", qty("10")))
        .when(new ReleaseReservation(ID, "o-1"))
        .expectSuccessfulHandlerExecution()
        .expectNoEvents();
  }

  @Test
  void settlementDebitsFromTheReservation() {
    fixture
        .given(deposited("100"), reserved("o-1", "10"))
        .when(new SettleReservation(ID, "o-1", "f-1", qty("4")))
        .expectEvents(new HoldingDebited(ID, "acc-1", "AAPL", "o-1", "f-1", qty("4")));
  }

  @Test
  void settlingTheSameFillTwiceChangesNothing() {
    fixture
        .given(
            deposited("100"),
            reserved("o-1", "10"),
            new HoldingDebited(ID, "acc-1", "AAPL", "o-1", "f-1", qty("4")))
        .when(new SettleReservation(ID, "o-1", "f-1", qty("4")))
        .expectSuccessfulHandlerExecution()
        .expectNoEvents();
  }

  @Test
  void refusesToSettleMoreThanIsReserved() {
    fixture
        .given(
            deposited("100"),
            reserved("o-1", "10"),
            new HoldingDebited(ID, "acc-1", "AAPL", "o-1", "f-1", qty("8")))
        .when(new SettleReservation(ID, "o-1", "f-2", qty("3")))
        .expectException(HoldingRuleViolation.class)
        .expectNoEvents();
  }

  @Test
  void releaseAfterAPartialSettlementFreesOnlyTheRemainder() {
    fixture
        .given(
            deposited("100"),
            reserved("o-1", "10"),
            new HoldingDebited(ID, "acc-1", "AAPL", "o-1", "f-1", qty("4")))
        .when(new ReleaseReservation(ID, "o-1"))
        .expectEvents(new HoldingReservationReleased(ID, "acc-1", "AAPL", "o-1", qty("6")));
  }

  @Test
  void aDebitedQuantityIsNoLongerAvailableToOtherOrders() {
    fixture
        .given(
            deposited("100"),
            reserved("o-1", "10"),
            new HoldingDebited(ID, "acc-1", "AAPL", "o-1", "f-1", qty("10")),
            new HoldingReservationReleased(ID, "acc-1", "AAPL", "o-1", qty("0")))
        .when(reserve("o-2", "91"))
        .expectEvents(rejected("o-2", "91", "90"));
  }

  @Test
  void creditAddsTheProceedsOfAFillEvenToANewHolding() {
    fixture
        .givenNoPriorActivity()
        .when(new CreditHolding(CASH_ID, "acc-1", "USD", "o-1", "f-1", qty("1899.20")))
        .expectEvents(new HoldingCredited(CASH_ID, "acc-1", "USD", "o-1", "f-1", qty("1899.20")));
  }

  @Test
  void creditingTheSameFillTwiceChangesNothing() {
    fixture
        .given(new HoldingCredited(CASH_ID, "acc-1", "USD", "o-1", "f-1", qty("1899.20")))
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
}
