package com.example.trading.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.trading.sdk.AccessTokens;
import com.example.trading.sdk.ActivityQuery;
import com.example.trading.sdk.OrderQuery;
import com.example.trading.sdk.TradingApiException;
import com.example.trading.sdk.TradingClient;
import com.example.trading.sdk.command.model.DepositAccepted;
import com.example.trading.sdk.command.model.OrderAccepted;
import com.example.trading.sdk.command.model.PlaceOrderRequest;
import com.example.trading.sdk.query.model.Activity;
import com.example.trading.sdk.query.model.Fill;
import com.example.trading.sdk.query.model.Holding;
import com.example.trading.sdk.query.model.OrderView;
import com.example.trading.sdk.query.model.Portfolio;
import com.example.trading.teststack.ContractProxy;
import com.example.trading.teststack.Issuer;
import com.example.trading.teststack.TestStack;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The system driven through the SDK generated from the published OpenAPI documents (infra/sdk), as
 * a brokerage's developer would: client-credentials tokens from the issuer, idempotent deposits,
 * read-your-writes by the position tokens, the API's problems as exceptions. Every request goes
 * through the validating proxies, and every answer's {@code sl-violations} is checked, so a drift
 * between the services, the documents and the generated code fails here.
 */
class SdkE2EIT {

  private static RunningSystem system;
  private static TradingClient operator;

  private final String account = "acc-" + UUID.randomUUID().toString().substring(0, 8);
  private final String customerId = "cust-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeAll
  static void start() {
    system = RunningSystem.get();
    Issuer issuer = TestStack.get().issuer();
    operator = client(AccessTokens.fixed(issuer.operatorToken()), null, null);
  }

  /** A client through the proxies, with tokens from {@code tokens} or by client credentials. */
  private static TradingClient client(AccessTokens tokens, String clientId, String secret) {
    TradingClient.Builder builder =
        TradingClient.builder()
            .commandApi(ContractProxy.baseUri(system.commandSide.port()))
            .queryApi(ContractProxy.baseUri(system.querySide.port()))
            .retryBudget(Duration.ofSeconds(20))
            .responseListener(
                response -> ContractProxy.check(response, "(the body is read by the SDK)"));
    if (tokens != null) {
      return builder.accessTokens(tokens).build();
    }
    return builder
        .clientCredentials(
            URI.create(TestStack.get().issuer().uri()), clientId, secret, Issuer.CUSTOMER_SCOPE)
        .build();
  }

  private TradingClient customer() {
    String secret = TestStack.get().issuer().createCustomer(customerId);
    return client(null, customerId, secret);
  }

  @Test
  void aCustomerTradesThroughTheSdk() {
    operator.openAccount(account, customerId);
    DepositAccepted deposit = operator.deposit(account, "USD", "50000.00");
    assertThat(operator.portfolio(account, deposit.getPosition()).getHoldings())
        .anySatisfy(
            holding -> {
              assertThat(holding.getAsset()).isEqualTo("USD");
              assertThat(holding.getQuantity()).isEqualTo("50000.00");
            });
    TradingClient customer = customer();

    OrderAccepted resting =
        customer.placeOrder(
            new PlaceOrderRequest()
                .accountId(account)
                .side(PlaceOrderRequest.SideEnum.BUY)
                .instrument("AAPL")
                .quantity(5L)
                .type(PlaceOrderRequest.TypeEnum.LIMIT)
                .limitPrice("1.00")
                .maxFee("5.00"));
    assertThat(resting.getStatus()).isEqualTo(OrderAccepted.StatusEnum.PENDING);
    // Read-your-writes: the client passes its placement's position without being asked to.
    OrderView read = customer.order(resting.getOrderId());
    assertThat(read.getOrderId()).isEqualTo(resting.getOrderId());
    assertThat(read.getLimitPrice()).isEqualTo("1.00");
    assertThat(read.getClientOrderId()).isNotBlank();
    assertThat(customer.orders(account, OrderQuery.all().instrument("AAPL")).getItems())
        .extracting(OrderView::getOrderId)
        .contains(resting.getOrderId());

    OrderAccepted cancelling = customer.cancelOrder(resting.getOrderId());
    assertThat(cancelling.getStatus()).isEqualTo(OrderAccepted.StatusEnum.CANCEL_REQUESTED);
    OrderView cancelled =
        Eventually.within(
            Duration.ofSeconds(60),
            () -> {
              OrderView now = customer.order(resting.getOrderId());
              return now.getStatus() == OrderView.StatusEnum.CANCELLED ? now : null;
            });
    assertThat(cancelled.getFilledQuantity()).isZero();

    OrderAccepted market =
        customer.placeOrder(
            new PlaceOrderRequest()
                .accountId(account)
                .side(PlaceOrderRequest.SideEnum.BUY)
                .instrument("MSFT")
                .quantity(2L)
                .type(PlaceOrderRequest.TypeEnum.MARKET)
                .maxFee("10.00"));
    OrderView filled =
        Eventually.within(
            Duration.ofSeconds(90),
            () -> {
              OrderView now = customer.order(market.getOrderId());
              return now.getStatus() == OrderView.StatusEnum.FILLED ? now : null;
            });
    assertThat(filled.getFilledQuantity()).isEqualTo(2L);
    assertThat(filled.getAveragePrice()).matches("\\d+\\.\\d+");
    Portfolio portfolio =
        Eventually.within(
            Duration.ofSeconds(30),
            () -> {
              Portfolio now = customer.portfolio(account);
              return now.getHoldings().stream()
                      .anyMatch(holding -> holding.getAsset().equals("MSFT"))
                  ? now
                  : null;
            });
    assertThat(portfolio.getHoldings()).extracting(Holding::getAsset).contains("USD", "MSFT");

    // The order's fills, and the ledger's fill entries with their price and shares.
    assertThat(filled.getFills())
        .isNotEmpty()
        .allSatisfy(fill -> assertThat(fill.getPrice()).matches("\\d+\\.\\d+"));
    assertThat(filled.getFills().stream().mapToLong(Fill::getQuantity).sum()).isEqualTo(2L);
    List<Activity> shares =
        Eventually.within(
            Duration.ofSeconds(30),
            () -> {
              List<Activity> entries =
                  customer
                      .activities(account, ActivityQuery.all().types(List.of("FILL")).asset("MSFT"))
                      .getItems();
              long bought =
                  entries.stream().mapToLong(entry -> Long.parseLong(entry.getAmount())).sum();
              return bought == 2 && entries.stream().allMatch(entry -> entry.getPrice() != null)
                  ? entries
                  : null;
            });
    assertThat(shares)
        .allSatisfy(
            entry -> {
              assertThat(entry.getOrderId()).isEqualTo(market.getOrderId());
              assertThat(entry.getQuantity()).isEqualTo(Long.parseLong(entry.getAmount()));
              assertThat(entry.getBalanceAfter()).isNotNull();
            });
    try (InputStream csv = customer.activitiesCsv(account, ActivityQuery.all().asset("MSFT"))) {
      List<String> lines = new String(csv.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      assertThat(lines.getFirst()).startsWith("at,type,asset,amount,balanceAfter");
      assertThat(lines).hasSize(1 + shares.size());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void aRepeatedDepositWithItsKeyIsAppliedOnce() {
    operator.openAccount(account, customerId);
    String key = UUID.randomUUID().toString();

    DepositAccepted first = operator.deposit(account, "AAPL", "10", key);
    DepositAccepted again = operator.deposit(account, "AAPL", "10", key);

    assertThat(again.getPosition()).isEqualTo(first.getPosition());
    assertThat(operator.portfolio(account, again.getPosition()).getHoldings())
        .filteredOn(holding -> holding.getAsset().equals("AAPL"))
        .singleElement()
        .satisfies(holding -> assertThat(holding.getQuantity()).isEqualTo("10"));
    assertThatThrownBy(() -> operator.deposit(account, "AAPL", "11", key))
        .isInstanceOfSatisfying(
            TradingApiException.class, e -> assertThat(e.status()).isEqualTo(409));
  }

  @Test
  void theApisProblemsArriveAsExceptionsWithTheirFields() {
    operator.openAccount(account, customerId);
    TradingClient customer = customer();

    assertThatThrownBy(
            () ->
                customer.placeOrder(
                    new PlaceOrderRequest()
                        .accountId(account)
                        .side(PlaceOrderRequest.SideEnum.BUY)
                        .instrument("AAPL")
                        .quantity(0L)
                        .type(PlaceOrderRequest.TypeEnum.MARKET)))
        .isInstanceOfSatisfying(
            TradingApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.fieldErrors())
                  .extracting(TradingApiException.FieldError::field)
                  .contains("quantity");
            });
    assertThatThrownBy(() -> customer.order(UUID.randomUUID().toString()))
        .isInstanceOfSatisfying(
            TradingApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    String stranger = "cust-" + UUID.randomUUID().toString().substring(0, 8);
    TradingClient other = client(null, stranger, TestStack.get().issuer().createCustomer(stranger));
    assertThatThrownBy(() -> other.portfolio(account))
        .isInstanceOfSatisfying(
            TradingApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThatThrownBy(() -> customer.feeReport("instrument"))
        .isInstanceOfSatisfying(
            TradingApiException.class, e -> assertThat(e.status()).isEqualTo(403));
  }
}
