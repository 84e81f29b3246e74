package com.example.trading.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.trading.schemas.ContractCompiler;
import com.example.trading.schemas.TradingEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The point of {@code TradingEvent} being sealed, shown on the real audit: a new family of events
 * (a new aggregate's stream) does not compile until the audit's reading of the store handles it.
 * The test compiles {@code EventStoreAudit} against the contract as it is (it compiles) and with
 * one more family permitted (it does not, at the switch over the stored events).
 */
class TradingEventExhaustivenessTest {

  private static final Path AUDIT =
      Path.of("src/main/java/com/example/trading/audit/EventStoreAudit.java");

  @TempDir Path work;

  @Test
  void theAuditCompilesAgainstTheEventsAsTheyAre() throws Exception {
    assertThat(compile(Map.of("TradingEvent.java", tradingEvent()))).isEmpty();
  }

  @Test
  void aNewFamilyOfEventsDoesNotCompileUntilTheAuditHandlesIt() throws Exception {
    String withMarginEvents =
        tradingEvent().replace("permits OrderEvent,", "permits MarginEvent, OrderEvent,");
    assertThat(withMarginEvents).isNotEqualTo(tradingEvent());
    String marginEvent =
        """
        package com.example.trading.schemas;

        public non-sealed interface MarginEvent extends TradingEvent {}
        """;

    List<String> errors =
        compile(Map.of("TradingEvent.java", withMarginEvents, "MarginEvent.java", marginEvent));

    assertThat(errors)
        .singleElement()
        .satisfies(
            error ->
                assertThat(error)
                    .startsWith("EventStoreAudit.java:")
                    .endsWith("the switch statement does not cover all possible input values"));
  }

  private static String tradingEvent() throws Exception {
    return ContractCompiler.contractSource("TradingEvent.java");
  }

  /** The errors of compiling the audit against these contract types. */
  private List<String> compile(Map<String, String> contract) throws Exception {
    // the audit's other classes and the rest of the contract as built
    return new ContractCompiler(work, EventStoreAudit.class, TradingEvent.class)
        .errors(contract, AUDIT);
  }
}
