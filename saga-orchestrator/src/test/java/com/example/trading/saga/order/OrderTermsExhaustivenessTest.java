package com.example.trading.saga.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.trading.schemas.Side;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The point of {@code OrderTerms} being sealed, shown on the real sources: a new kind of order
 * terms does not compile until what an order reserves handles it. The test compiles {@code
 * ReservationPlan} against {@code OrderTerms} as it is (it compiles) and with one more kind (it
 * does not, at each switch over the terms).
 */
class OrderTermsExhaustivenessTest {

  private static final Path ORDER_TERMS =
      Path.of("../event-schemas/src/main/java/com/example/trading/schemas/OrderTerms.java");
  private static final Path RESERVATION_PLAN =
      Path.of("src/main/java/com/example/trading/saga/order/ReservationPlan.java");

  @TempDir Path work;

  @Test
  void theReservationCompilesAgainstTheTermsAsTheyAre() throws Exception {
    assertThat(compile(Files.readString(ORDER_TERMS))).isEmpty();
  }

  @Test
  void aNewKindOfTermsDoesNotCompileUntilTheReservationHandlesIt() throws Exception {
    String withATrailingStop =
        Files.readString(ORDER_TERMS)
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
    Path terms = work.resolve("src/com/example/trading/schemas/OrderTerms.java");
    Files.createDirectories(terms.getParent());
    Files.writeString(terms, orderTerms);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
      // The rest of the contract (Side, Assets, FeeSchedule) from the built event-schemas.
      String contract =
          new File(Side.class.getProtectionDomain().getCodeSource().getLocation().toURI())
              .getPath();
      Files.createDirectories(work.resolve("classes"));
      boolean compiled =
          javac
              .getTask(
                  null,
                  files,
                  diagnostics,
                  List.of(
                      "-classpath",
                      contract,
                      "-d",
                      work.resolve("classes").toString(),
                      "--release",
                      "21",
                      "-proc:none"),
                  null,
                  files.getJavaFileObjects(terms.toFile(), RESERVATION_PLAN.toFile()))
              .call();
      List<String> errors =
          diagnostics.getDiagnostics().stream()
              .filter(diagnostic -> diagnostic.getKind() == Diagnostic.Kind.ERROR)
              .map(
                  diagnostic ->
                      (diagnostic.getSource() == null
                              ? "javac"
                              : Path.of(diagnostic.getSource().getName()).getFileName())
                          + ":"
                          + diagnostic.getLineNumber()
                          + ": "
                          + diagnostic.getMessage(Locale.ROOT))
              .toList();
      assertThat(compiled).isEqualTo(errors.isEmpty());
      return errors;
    }
  }
}
