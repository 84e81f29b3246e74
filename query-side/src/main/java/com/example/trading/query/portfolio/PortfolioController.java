package com.example.trading.query.portfolio;

import com.example.trading.platform.openapi.ApiSchemas;
import com.example.trading.platform.openapi.ProblemResponses;
import com.example.trading.platform.security.Caller;
import com.example.trading.query.accounts.AccountOwners;
import com.example.trading.query.consistency.ReadYourWrites;
import com.example.trading.query.consistency.ViewAliases;
import com.example.trading.query.orders.CustomerOrdersQueries;
import com.example.trading.query.orders.CustomerOrdersQueries.AccountTotals;
import com.example.trading.query.portfolio.PortfolioQueries.HoldingDocument;
import com.example.trading.query.web.MinPosition;
import com.example.trading.query.web.NotFoundException;
import com.example.trading.query.web.PathIds;
import com.example.trading.schemas.Assets;
import com.example.trading.schemas.PositionToken;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An account's portfolio: its holdings (from the Portfolio view), valued at query time with the
 * latest known prices (a holding without a price shows without valuation), the number of open
 * orders and the fees paid (from the CustomerOrders view).
 */
@RestController
@Tag(name = "portfolios", description = "Holdings, open orders and fees of an account")
class PortfolioController {

  /** One holding; a priced asset's valuation (cash has none, nor an asset never priced). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Holding(
      String asset,
      @Schema(pattern = ApiSchemas.DECIMAL_PATTERN) String quantity,
      @Schema(pattern = ApiSchemas.DECIMAL_PATTERN) String reserved,
      @Schema(pattern = ApiSchemas.DECIMAL_PATTERN) String available,
      @Schema(pattern = ApiSchemas.DECIMAL_PATTERN) @Nullable String lastPrice,
      @Schema(pattern = ApiSchemas.DECIMAL_PATTERN) @Nullable String marketValue) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Portfolio(
      String accountId,
      @Schema(format = "date-time") String asOf,
      @Schema(description = "the position token of the newest holding change; null before any")
          @Nullable String position,
      List<Holding> holdings,
      long openOrders,
      @Schema(pattern = ApiSchemas.DECIMAL_PATTERN) String feesPaid) {}

  private final PortfolioQueries portfolios;
  private final CustomerOrdersQueries orders;
  private final ViewAliases aliases;
  private final ReadYourWrites readYourWrites;
  private final Clock clock;
  private final AccountOwners owners;

  PortfolioController(
      PortfolioQueries portfolios,
      CustomerOrdersQueries orders,
      ViewAliases aliases,
      ReadYourWrites readYourWrites,
      AccountOwners owners) {
    this.portfolios = portfolios;
    this.orders = orders;
    this.aliases = aliases;
    this.readYourWrites = readYourWrites;
    this.owners = owners;
    this.clock = Clock.systemUTC();
  }

  @Operation(
      operationId = "getPortfolio",
      summary =
          "An account's holdings, valued at the latest prices, with open orders and fees paid",
      description =
          "A customer sees their own accounts (another's is 404), an operator every one. "
              + MinPosition.WAITS,
      responses = {
        @ApiResponse(responseCode = "200", description = "The portfolio"),
        @ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND),
        @ApiResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE)
      })
  @GetMapping("/api/accounts/{accountId}/portfolio")
  Portfolio portfolio(
      @Parameter(hidden = true) Caller caller,
      @Parameter(schema = @Schema(type = "string", pattern = PathIds.ACCOUNT_ID_PATTERN))
          @PathVariable
          String accountId,
      @Parameter(description = MinPosition.DESCRIPTION) @RequestParam(required = false)
          String minPosition,
      @Parameter(description = MinPosition.DESCRIPTION)
          @RequestHeader(name = MinPosition.HEADER, required = false)
          String minPositionHeader)
      throws IOException {
    PathIds.requireAccountId(accountId);
    readYourWrites.await(
        MinPosition.of(minPosition, minPositionHeader),
        aliases.portfolios(),
        aliases.customerOrders(),
        aliases.accounts());
    owners.requireReading(caller, accountId);

    List<HoldingDocument> documents = portfolios.holdings(accountId);
    AccountTotals totals = orders.accountTotals(accountId);
    if (documents.isEmpty() && totals.orders() == 0 && !owners.isOpen(accountId)) {
      throw new NotFoundException("No such account: " + accountId);
    }

    Map<String, BigDecimal> prices =
        portfolios.latestPrices(
            documents.stream()
                .map(HoldingDocument::asset)
                .filter(asset -> !Assets.isCash(asset))
                .toList());
    List<Holding> holdings = new ArrayList<>();
    PositionToken newest = null;
    for (HoldingDocument doc : documents) {
      BigDecimal price = Assets.isCash(doc.asset()) ? null : prices.get(doc.asset());
      holdings.add(
          new Holding(
              doc.asset(),
              doc.quantity(),
              doc.reserved(),
              doc.available(),
              price == null ? null : price.toPlainString(),
              price == null
                  ? null
                  : Assets.cents(price.multiply(new BigDecimal(doc.quantity()))).toPlainString()));
      if (doc.position() != null) {
        PositionToken token = PositionToken.parse(doc.position());
        if (newest == null || token.position() > newest.position()) {
          newest = token;
        }
      }
    }
    holdings.sort(Comparator.comparing(Holding::asset));
    return new Portfolio(
        accountId,
        clock.instant().toString(),
        newest == null ? null : newest.toString(),
        holdings,
        totals.open(),
        totals.feesPaid().toPlainString());
  }
}
