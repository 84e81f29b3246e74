package com.example.trading.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.trading.teststack.ContractProxy;
import com.example.trading.teststack.Issuer;
import com.example.trading.teststack.TestStack;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The customer CLI (infra/cli's fat jar, run as a user runs it) against the running system through
 * the validating proxies: log in with client credentials, fund (as the operator), place, read and
 * cancel, as tables and as {@code --json}; and its errors: a clear message on stderr and the
 * documented non-zero exit code.
 */
class CustomerCliE2EIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path JAR = Path.of("../cli/target/trading-cli.jar");
  private static RunningSystem system;

  private final String account = "acc-" + UUID.randomUUID().toString().substring(0, 8);
  private final String customerId = "cust-" + UUID.randomUUID().toString().substring(0, 8);

  /** What one invocation printed and answered. */
  private record Run(int exit, String out, String err) {
    JsonNode json() {
      try {
        return JSON.readTree(out);
      } catch (IOException e) {
        throw new AssertionError("not JSON (exit " + exit + "): " + out + "\nstderr: " + err, e);
      }
    }
  }

  @BeforeAll
  static void start() {
    assertThat(JAR).as("the CLI's jar (built by the infra/cli module)").isRegularFile();
    system = RunningSystem.get();
  }

  private static Path home() {
    try {
      return Files.createTempDirectory("trading-cli");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Run trading(Path home, String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElse("java"), "-jar", JAR.toString()));
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile("cli-out", ".txt");
      Path err = Files.createTempFile("cli-err", ".txt");
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      Map<String, String> environment = builder.environment();
      environment.put("TRADING_CLI_HOME", home.toString());
      environment.remove("TRADING_CLIENT_ID");
      environment.remove("TRADING_CLIENT_SECRET");
      Process process = builder.start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("trading " + String.join(" ", args) + " did not end within 120 s");
      }
      return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static Run login(Path home, String clientId, String secret, String scope) {
    Issuer issuer = TestStack.get().issuer();
    Run run =
        trading(
            home,
            "login",
            "--client-id",
            clientId,
            "--client-secret",
            secret,
            "--scope",
            scope,
            "--issuer",
            issuer.uri(),
            "--command-api",
            ContractProxy.baseUri(system.commandSide.port()).toString(),
            "--query-api",
            ContractProxy.baseUri(system.querySide.port()).toString());
    assertThat(run.exit()).as(run.err()).isZero();
    return run;
  }

  private Path operator() {
    Path home = home();
    login(
        home,
        Issuer.OPERATOR_CLIENT,
        TestStack.get().issuer().operatorSecret(),
        Issuer.OPERATOR_SCOPE);
    return home;
  }

  private Path customer() {
    Path home = home();
    Run run =
        login(
            home,
            customerId,
            TestStack.get().issuer().createCustomer(customerId),
            Issuer.CUSTOMER_SCOPE);
    assertThat(run.out()).contains("Logged in as " + customerId);
    return home;
  }

  @Test
  void aCustomerLogsInPlacesReadsAndCancels() throws IOException {
    Path operator = operator();
    assertThat(
            trading(operator, "open-account", "--account", account, "--customer", customerId)
                .exit())
        .isZero();
    Run funded =
        trading(
            operator, "deposit", "--account", account, "--asset", "USD", "--quantity", "20000.00");
    assertThat(funded.exit()).as(funded.err()).isZero();
    assertThat(funded.out()).contains("ASSET").contains("USD").contains("20000.00");
    Path customer = customer();
    assertThat(Files.getPosixFilePermissions(customer.resolve("profile.properties")))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    Run placed =
        trading(
            customer,
            "place",
            "--json",
            "--account",
            account,
            "--side",
            "BUY",
            "--instrument",
            "AAPL",
            "--quantity",
            "3",
            "--limit-price",
            "1.00",
            "--max-fee",
            "5.00",
            "--time-in-force",
            "GTC",
            "--client-order-id",
            "cli-1");
    assertThat(placed.exit()).as(placed.err()).isZero();
    JsonNode order = placed.json();
    String orderId = order.path("orderId").asText();
    assertThat(order.path("type").asText()).isEqualTo("LIMIT");
    assertThat(order.path("clientOrderId").asText()).isEqualTo("cli-1");
    assertThat(order.path("timeInForce").asText()).isEqualTo("GTC");
    assertThat(order.path("timeline").path(0).path("event").asText()).isEqualTo("OrderPlaced");

    Run again =
        trading(
            customer,
            "place",
            "--json",
            "--no-wait",
            "--account",
            account,
            "--side",
            "BUY",
            "--instrument",
            "AAPL",
            "--quantity",
            "3",
            "--limit-price",
            "1.00",
            "--max-fee",
            "5.00",
            "--time-in-force",
            "GTC",
            "--client-order-id",
            "cli-1");
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.json().path("orderId").asText())
        .as("the same client order id: the same order")
        .isEqualTo(orderId);

    Run listed = trading(customer, "orders", "--account", account);
    assertThat(listed.exit()).as(listed.err()).isZero();
    assertThat(listed.out())
        .contains("ORDER")
        .contains("STATUS")
        .contains(orderId)
        .contains("AAPL");

    Run cancelled = trading(customer, "cancel", "--json", "--await-end", orderId);
    assertThat(cancelled.exit()).as(cancelled.err()).isZero();
    assertThat(cancelled.json().path("status").asText()).isEqualTo("CANCELLED");

    Run shown = trading(customer, "order", orderId);
    assertThat(shown.out())
        .contains("status")
        .contains("CANCELLED")
        .contains("OrderPlaced")
        .contains("LIMIT @ 1.00 GTC")
        .contains("0.00 paid of 1.00 held");

    Run portfolio = trading(customer, "portfolio", "--json", "--account", account);
    assertThat(portfolio.exit()).as(portfolio.err()).isZero();
    assertThat(portfolio.json().path("holdings").findValuesAsText("asset")).contains("USD");
    assertThat(portfolio.json().path("openOrders").asLong()).isZero();

    // the ledger: the deposit, the order's reservation and fee, their release and refund
    Run ledger =
        Eventually.within(
            Duration.ofSeconds(60),
            () -> {
              Run listedEntries = trading(customer, "activities", "--json", "--account", account);
              return listedEntries.exit() == 0 && listedEntries.json().path("items").size() == 5
                  ? listedEntries
                  : null;
            });
    assertThat(ledger.json().path("items").findValuesAsText("type"))
        .containsExactlyInAnyOrder(
            "DEPOSIT", "RESERVED", "FEE_CHARGED", "RELEASED", "FEE_REFUNDED");
    Run deposits =
        trading(customer, "activities", "--account", account, "--type", "DEPOSIT,FEE_CHARGED");
    assertThat(deposits.exit()).as(deposits.err()).isZero();
    assertThat(deposits.out())
        .contains("TYPE")
        .contains("BALANCE")
        .contains("DEPOSIT")
        .contains("20000.00")
        .contains("FEE_CHARGED");
    assertThat(deposits.out().lines().toList())
        .as("a header and the two entries of those types")
        .hasSize(3);
    Run csv = trading(customer, "activities", "--csv", "--account", account);
    assertThat(csv.exit()).as(csv.err()).isZero();
    assertThat(csv.out().lines().toList())
        .hasSize(6)
        .first()
        .isEqualTo(
            "at,type,asset,amount,balanceAfter,reservedAfter,orderId,fillId,price,quantity,fee,depositId,activityId");
  }

  @Test
  void everyErrorSaysWhatAndExitsNonZero() {
    Run notLoggedIn = trading(home(), "orders", "--account", account);
    assertThat(notLoggedIn.exit()).isEqualTo(3);
    assertThat(notLoggedIn.err()).contains("not logged in").contains("trading login");

    Run wrongSecret =
        trading(
            home(),
            "login",
            "--client-id",
            customerId,
            "--client-secret",
            "wrong",
            "--issuer",
            TestStack.get().issuer().uri());
    assertThat(wrongSecret.exit()).isEqualTo(4);
    assertThat(wrongSecret.err()).contains("the issuer refused client '" + customerId + "'");

    Path operator = operator();
    assertThat(
            trading(operator, "open-account", "--account", account, "--customer", customerId)
                .exit())
        .isZero();
    Path customer = customer();

    Run invalid =
        trading(
            customer,
            "place",
            "--account",
            account,
            "--side",
            "BUY",
            "--instrument",
            "AAPL",
            "--quantity",
            "0");
    assertThat(invalid.exit()).isEqualTo(4);
    assertThat(invalid.err()).startsWith("error: ").contains("HTTP 400").contains("quantity");

    Run invalidJson =
        trading(
            customer,
            "place",
            "--json",
            "--account",
            account,
            "--side",
            "BUY",
            "--instrument",
            "AAPL",
            "--quantity",
            "0");
    assertThat(invalidJson.exit()).isEqualTo(4);
    JsonNode error;
    try {
      error = JSON.readTree(invalidJson.err()).path("error");
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + invalidJson.err(), e);
    }
    assertThat(error.path("status").asInt()).isEqualTo(400);
    assertThat(error.path("errors").findValuesAsText("field")).contains("quantity");

    Run unknown = trading(customer, "order", UUID.randomUUID().toString());
    assertThat(unknown.exit()).isEqualTo(4);
    assertThat(unknown.err()).contains("HTTP 404");

    Run usage = trading(customer, "place", "--account", account);
    assertThat(usage.exit()).isEqualTo(2);
    assertThat(usage.err()).contains("Missing required option");

    Run forbidden =
        trading(customer, "deposit", "--account", account, "--asset", "USD", "--quantity", "1.00");
    assertThat(forbidden.exit()).isEqualTo(4);
    assertThat(forbidden.err()).contains("HTTP 403");
  }
}
