package com.example.trading.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PositionTokenTest {

  @Test
  void survivesItsTextForm() {
    var token = new PositionToken(Topics.ORDER_EVENTS, 2, 1234);
    assertThat(token.toString()).isEqualTo("order-2-1234");
    assertThat(PositionToken.parse("order-2-1234")).isEqualTo(token);
    assertThat(PositionToken.parse("holding-0-7").topic()).isEqualTo(Topics.HOLDING_EVENTS);
  }

  @Test
  void refusesTextThatIsNotAToken() {
    for (String bad :
        new String[] {
          "", "1234", "order-x-1", "trade-1-1", "order--1-5", "order-1-99999999999999999999"
        }) {
      assertThatThrownBy(() -> PositionToken.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
