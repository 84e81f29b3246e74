package com.example.trading.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class CommandLoggingContextTest {

  record DepositHolding(String holdingId) {}

  private final CommandLoggingContext context = new CommandLoggingContext();

  @Test
  void aCommandIsHandledWithItsCorrelationIdAndNameInTheLoggingContextAndTheOuterOnesComeBack()
      throws Exception {
    MDC.put("correlationId", "outer");
    var command =
        GenericCommandMessage.asCommandMessage(new DepositHolding("acc-1/USD"))
            .withMetaData(MetaData.with("correlationId", "acc-1/USD"));
    Map<String, String> seen = new HashMap<>();

    var unitOfWork = DefaultUnitOfWork.startAndGet(command);
    try {
      context.handle(
          unitOfWork,
          () -> {
            seen.put("correlationId", MDC.get("correlationId"));
            seen.put("command", MDC.get("command"));
            return null;
          });
    } finally {
      unitOfWork.commit();
    }

    assertThat(seen)
        .containsEntry("correlationId", "acc-1/USD")
        .containsEntry("command", "DepositHolding");
    assertThat(MDC.get("correlationId")).isEqualTo("outer");
    assertThat(MDC.get("command")).isNull();
    MDC.clear();
  }
}
