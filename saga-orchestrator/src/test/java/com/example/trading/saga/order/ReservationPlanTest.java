package com.example.trading.saga.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.trading.schemas.OrderTerms;
import com.example.trading.schemas.Side;
import com.example.trading.schemas.fee.FeeSchedule;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** What each kind of order reserves, per DOMAIN.md, under the standard schedule (10 bps). */
class ReservationPlanTest {

  private static final BigDecimal REFERENCE = new BigDecimal("100.00");

  private static ReservationPlan plan(Side side, OrderTerms terms) {
    return ReservationPlan.of(side, "AAPL", 10, terms, REFERENCE, FeeSchedule.STANDARD_V1);
  }

  private static BigDecimal $(String amount) {
    return new BigDecimal(amount);
  }

  @Test
  void aMarketBuyReservesCashAtTheReferencePriceWithItsMarginAndCarriesItAsItsProtection() {
    assertThat(plan(Side.BUY, new OrderTerms.Market()))
        .isEqualTo(new ReservationPlan("USD", $("1051.05"), $("105.00"), $("105.00")));
  }

  @Test
  void aStopBuyReservesLikeAMarketBuyAtItsStopPrice() {
    assertThat(plan(Side.BUY, new OrderTerms.Stop($("120.00"))))
        .isEqualTo(new ReservationPlan("USD", $("1261.26"), $("126.00"), $("126.00")));
  }

  @Test
  void limitAndStopLimitBuysReserveCashAtTheirLimitWithoutAProtection() {
    assertThat(plan(Side.BUY, new OrderTerms.Limit($("99.00"))))
        .isEqualTo(new ReservationPlan("USD", $("991.00"), $("99.00"), null));
    assertThat(plan(Side.BUY, new OrderTerms.StopLimit($("101.00"), $("102.00"))))
        .isEqualTo(new ReservationPlan("USD", $("1021.02"), $("102.00"), null));
  }

  @Test
  void aSaleReservesTheSharesAndEstimatesItsFeeAtThePriceItExpects() {
    assertThat(plan(Side.SELL, new OrderTerms.Market()).priceEstimate()).isEqualTo(REFERENCE);
    assertThat(plan(Side.SELL, new OrderTerms.Limit($("99.00"))).priceEstimate())
        .isEqualTo($("99.00"));
    assertThat(plan(Side.SELL, new OrderTerms.Stop($("95.00"))).priceEstimate())
        .isEqualTo($("95.00"));
    assertThat(plan(Side.SELL, new OrderTerms.StopLimit($("95.00"), $("94.00"))))
        .isEqualTo(new ReservationPlan("AAPL", BigDecimal.valueOf(10), $("94.00"), null));
  }
}
