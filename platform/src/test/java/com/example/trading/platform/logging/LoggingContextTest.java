package com.example.trading.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.trading.schemas.HoldingCommand.SettleReservation;
import com.example.trading.schemas.OrderEvent.OrderPlaced;
import com.example.trading.schemas.TimeInForce;
import java.math.BigDecimal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class LoggingContextTest {

  @AfterEach
  void clear() {
    MDC.clear();
  }

  @Test
  void namesTheJourneyTheOrderAndTheAccountOfAMessageAndRestoresTheOuterContext() {
    MDC.put("correlationId", "outer");
    MDC.put("accountId", "outer-account");
    OrderPlaced placed =
        new OrderPlaced(
            "o-1", "acc-1", "c-1", null, "MSFT", 1, null, null, null, TimeInForce.DAY, null);

    try (LoggingContext context = LoggingContext.of("corr-1", placed)) {
      assertThat(MDC.get("correlationId")).isEqualTo("corr-1");
      assertThat(MDC.get("orderId")).isEqualTo("o-1");
      assertThat(MDC.get("accountId")).isEqualTo("acc-1");
    }

    assertThat(MDC.get("correlationId")).isEqualTo("outer");
    assertThat(MDC.get("accountId")).isEqualTo("outer-account");
    assertThat(MDC.get("orderId")).isNull();
  }

  @Test
  void aHoldingNamesItsAccountBeforeTheSlash() {
    try (LoggingContext context =
        LoggingContext.of(
            null, new SettleReservation("acc-7/AAPL", "o-7", "f-1", BigDecimal.ONE))) {
      assertThat(MDC.get("accountId")).isEqualTo("acc-7");
      assertThat(MDC.get("orderId")).isEqualTo("o-7");
      assertThat(MDC.get("correlationId")).isNull();
    }
  }

  @Test
  void whatAMessageDoesNotNameIsLeftAsTheSurroundingContextHasIt() {
    MDC.put("accountId", "acc-outer");
    try (LoggingContext context =
        LoggingContext.of("corr-2", "not a record").with("command", "Poke")) {
      assertThat(MDC.get("accountId")).isEqualTo("acc-outer");
      assertThat(MDC.get("command")).isEqualTo("Poke");
    }
    assertThat(MDC.get("command")).isNull();
    assertThat(MDC.get("accountId")).isEqualTo("acc-outer");
  }
}
