package com.example.trading.saga.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.trading.schemas.ContractCompiler;
import com.example.trading.schemas.Side;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The point of {@code OrderTerms} being sealed, shown on the real sources: a new kind of order
 * terms does not compile until what an order reserves handles it. The test compiles {@code
 * ReservationPlan} against {@code OrderTerms} as it is (it compiles) and with one more kind (it
 * does not, at each switch over the terms).
 */
class OrderTermsExhaustivenessTest {

  private static final Path RESERVATION_PLAN =
      Path.of("src/main/java/com/example/trading/saga/order/ReservationPlan.java");

  @TempDir Path work;

  @Test
  void theReservationCompilesAgainstTheTermsAsTheyAre() throws Exception {
    assertThat(compile(ContractCompiler.contractSource("OrderTerms.java"))).isEmpty();
  }

  @Test
  void aNewKindOfTermsDoesNotCompileUntilTheReservationHandlesIt() throws Exception {
    String withATrailingStop =
        ContractCompiler.contractSource("OrderTerms.java")
            .replace(
                "public sealed interface OrderTerms {",
                "public sealed interface OrderTerms {\n"
                    + "  record TrailingStop(BigDecimal trail) implements OrderTerms {}\n");

    List<String> errors = compile(withATrailingStop);

    assertThat(errors)
        .hasSize(2)
        .allMatch(
            error ->
                error.startsWith("ReservationPlan.java:")
                    && error.endsWith(
                        "the switch expression does not cover all possible input values"));
  }

  /** The errors of compiling {@code ReservationPlan} against these {@code OrderTerms}. */
  private List<String> compile(String orderTerms) throws Exception {
    // the rest of the contract (Side, Assets, FeeSchedule) from the built event-schemas
    return new ContractCompiler(work, Side.class)
        .errors(Map.of("OrderTerms.java", orderTerms), RESERVATION_PLAN);
  }
}
