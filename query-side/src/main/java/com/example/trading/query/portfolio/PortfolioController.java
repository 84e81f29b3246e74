package com.example.trading.query.portfolio;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.example.trading.platform.elasticsearch.ElasticsearchErrors;
import com.example.trading.platform.openapi.ApiSchemas;
import com.example.trading.platform.openapi.ProblemResponses;
import com.example.trading.platform.security.Caller;
import com.example.trading.query.accounts.AccountOwners;
import com.example.trading.query.consistency.ReadYourWrites;
import com.example.trading.query.consistency.ViewAliases;
import com.example.trading.query.web.MinPosition;
import com.example.trading.query.web.NotFoundException;
import com.example.trading.query.web.PathIds;
import com.example.trading.schemas.Assets;
import com.example.trading.schemas.PositionToken;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.HashMap;
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

  private static final List<String> OPEN_STATUSES =
      List.of("PENDING", "ACCEPTED", "SUBMITTED", "PARTIALLY_FILLED", "CANCEL_REQUESTED");

  /** One holding; a priced asset's valuation (cash has none, nor an asset never priced). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Holding(String asset, @Schema(pattern = ApiSchemas.DECIMAL_PATTERN) String quantity,
      @Schema(pattern = ApiSchemas.DECIMAL_PATTERN) String reserved,
      @Schema(pattern = ApiSchemas.DECIMAL_PATTERN) String available,
      @Schema(pattern = ApiSchemas.DECIMAL_PATTERN) @Nullable String lastPrice,
      @Schema(pattern = ApiSchemas.DECIMAL_PATTERN) @Nullable String marketValue) {
  }

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Portfolio(String accountId, @Schema(format = "date-time") String asOf,
      @Schema(description = "the position token of the newest holding change; null before any") @Nullable
      String position, List<Holding> holdings, long openOrders,
      @Schema(pattern = ApiSchemas.DECIMAL_PATTERN) String feesPaid) {
  }

  private final ElasticsearchClient client;
  private final ViewAliases aliases;
  private final ReadYourWrites readYourWrites;
  private final Clock clock;
  private final AccountOwners owners;

  PortfolioController(ElasticsearchClient client, ViewAliases aliases, ReadYourWrites readYourWrites,
      AccountOwners owners) {
    this.owners = owners;
    this.client = client;
    this.aliases = aliases;
    this.readYourWrites = readYourWrites;
    this.clock = Clock.systemUTC();
  }

  @Operation(operationId = "getPortfolio",
      summary = "An account's holdings, valued at the latest prices, with open orders and fees paid",
      description = "A customer sees their own accounts (another's is 404), an operator every one. "
          + MinPosition.WAITS,
      responses = {
          @ApiResponse(responseCode = "200", description = "The portfolio"),
          @ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND),
          @ApiResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE)})
  @GetMapping("/api/accounts/{accountId}/portfolio")
  Portfolio portfolio(@Parameter(hidden = true) Caller caller,
      @Parameter(schema = @Schema(type = "string", pattern = PathIds.ACCOUNT_ID_PATTERN))
      @PathVariable String accountId,
      @Parameter(description = MinPosition.DESCRIPTION) @RequestParam(required = false) String minPosition,
      @Parameter(description = MinPosition.DESCRIPTION)
      @RequestHeader(name = MinPosition.HEADER, required = false) String minPositionHeader) throws IOException {
    PathIds.requireAccountId(accountId);
    readYourWrites.await(MinPosition.of(minPosition, minPositionHeader), aliases.portfolios(), aliases.customerOrders(),
        aliases.accounts());
    owners.requireReading(caller, accountId);

    var holdingHits = client.search(s -> s.index(aliases.portfolios()).size(1_000)
        .query(q -> q.bool(b -> b.filter(term("kind", "holding"), term("accountId", accountId)))), ObjectNode.class)
        .hits().hits();
    var orders = client.search(s -> s.index(aliases.customerOrders()).size(0)
        .query(q -> q.bool(b -> b.filter(term("kind", "order"), term("accountId", accountId))))
        .aggregations("open", a -> a.filter(f -> f.terms(t -> t.field("status")
            .terms(v -> v.value(OPEN_STATUSES.stream().map(FieldValue::of).toList())))))
        .aggregations("settled", a -> a.filter(f -> f.term(t -> t.field("feeStatus").value("SETTLED")))
            .aggregations("fees", sum -> sum.sum(m -> m.field("feeCents")))), ObjectNode.class);
    long orderCount = orders.hits().total() == null ? 0 : orders.hits().total().value();
    if (holdingHits.isEmpty() && orderCount == 0 && !owners.isOpen(accountId)) {
      throw new NotFoundException("No such account: " + accountId);
    }

    Map<String, BigDecimal> prices = latestPrices(holdingHits);
    List<Holding> holdings = new ArrayList<>();
    PositionToken newest = null;
    for (Hit<ObjectNode> hit : holdingHits) {
      ObjectNode doc = hit.source();
      String asset = doc.path("asset").asText();
      BigDecimal price = Assets.isCash(asset) ? null : prices.get(asset);
      BigDecimal quantity = new BigDecimal(doc.path("quantity").asText("0"));
      holdings.add(new Holding(asset, doc.path("quantity").asText(), doc.path("reserved").asText(),
          doc.path("available").asText(), price == null ? null : price.toPlainString(),
          price == null ? null : Assets.cents(price.multiply(quantity)).toPlainString()));
      if (doc.hasNonNull("position")) {
        PositionToken token = PositionToken.parse(doc.get("position").asText());
        if (newest == null || token.position() > newest.position()) {
          newest = token;
        }
      }
    }
    holdings.sort(Comparator.comparing(Holding::asset));
    long open = orders.aggregations().get("open").filter().docCount();
    double feeCents = orders.aggregations().get("settled").filter().aggregations().get("fees").sum().value();
    return new Portfolio(accountId, clock.instant().toString(), newest == null ? null : newest.toString(), holdings, open,
        BigDecimal.valueOf(Math.round(feeCents), 2).toPlainString());
  }

  private Map<String, BigDecimal> latestPrices(List<Hit<ObjectNode>> holdings) throws IOException {
    List<String> assets = holdings.stream().map(h -> h.source().path("asset").asText())
        .filter(asset -> !Assets.isCash(asset)).toList();
    Map<String, BigDecimal> prices = new HashMap<>();
    if (assets.isEmpty()) {
      return prices;
    }
    try {
      client.mget(m -> m.index(aliases.prices()).ids(assets), ObjectNode.class).docs().forEach(item -> {
        if (item.isResult() && item.result().found() && item.result().source() != null) {
          prices.put(item.result().id(), new BigDecimal(item.result().source().path("price").asText()));
        }
      });
    } catch (RuntimeException e) {
      if (!ElasticsearchErrors.isStatus(e, 404)) {
        throw e;
      }
      // No price index yet: holdings show without valuation.
    }
    return prices;
  }

  private static Query term(String field, String value) {
    return Query.of(q -> q.term(t -> t.field(field).value(value)));
  }
}
