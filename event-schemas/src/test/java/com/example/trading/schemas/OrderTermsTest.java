package com.example.trading.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class OrderTermsTest {

  private static final BigDecimal LIMIT = new BigDecimal("101.50");
  private static final BigDecimal STOP = new BigDecimal("99.00");

  @Test
  void eachTypeTakesExactlyThePricesItHas() {
    assertThat(OrderTerms.of(OrderType.MARKET, null, null)).isEqualTo(new OrderTerms.Market());
    assertThat(OrderTerms.of(OrderType.LIMIT, LIMIT, null)).isEqualTo(new OrderTerms.Limit(LIMIT));
    assertThat(OrderTerms.of(OrderType.STOP, null, STOP)).isEqualTo(new OrderTerms.Stop(STOP));
    assertThat(OrderTerms.of(OrderType.STOP_LIMIT, LIMIT, STOP))
        .isEqualTo(new OrderTerms.StopLimit(STOP, LIMIT));
  }

  @Test
  void aMissingOrExtraPriceIsNamed() {
    assertThatThrownBy(() -> OrderTerms.of(OrderType.LIMIT, null, null))
        .hasMessage("a LIMIT order needs a positive limitPrice");
    assertThatThrownBy(() -> OrderTerms.of(OrderType.STOP_LIMIT, LIMIT, BigDecimal.ZERO))
        .hasMessage("a STOP_LIMIT order needs a positive stopPrice");
    assertThatThrownBy(() -> OrderTerms.of(OrderType.MARKET, LIMIT, null))
        .hasMessage("a MARKET order has no limitPrice");
    assertThatThrownBy(() -> OrderTerms.of(OrderType.LIMIT, LIMIT, STOP))
        .hasMessage("a LIMIT order has no stopPrice");
  }

  @Test
  void aPriceOfTheTermsIsPositive() {
    assertThatThrownBy(() -> new OrderTerms.Limit(new BigDecimal("-1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("limitPrice must be positive");
  }
}
