package com.example.trading.query.portfolio;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.example.trading.platform.elasticsearch.ElasticsearchErrors;
import com.example.trading.query.consistency.ViewAliases;
import com.example.trading.schemas.ViewDocuments;
import com.example.trading.schemas.ViewFields.Portfolios;
import com.example.trading.schemas.ViewFields.Prices;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Every question the query API asks of the Portfolio view and of the latest prices the projections
 * keep, and the only place that knows their documents' fields.
 */
@Component
class PortfolioQueries {

  /**
   * One holding as the view keeps it; quantities are decimal strings, the position its newest
   * change's token.
   */
  record HoldingDocument(
      String asset,
      String quantity,
      String reserved,
      String available,
      @Nullable String position) {}

  private final ElasticsearchClient client;
  private final ViewAliases aliases;

  PortfolioQueries(ElasticsearchClient client, ViewAliases aliases) {
    this.client = client;
    this.aliases = aliases;
  }

  /** The account's holdings (at most 1,000 assets). */
  List<HoldingDocument> holdings(String accountId) throws IOException {
    List<Hit<ObjectNode>> hits =
        client
            .search(
                s ->
                    s.index(aliases.portfolios())
                        .size(1_000)
                        .query(
                            q ->
                                q.bool(
                                    b ->
                                        b.filter(
                                            term(ViewDocuments.KIND_FIELD, ViewDocuments.HOLDING),
                                            term(Portfolios.ACCOUNT_ID, accountId)))),
                ObjectNode.class)
            .hits()
            .hits();
    return hits.stream()
        .map(Hit::source)
        .map(
            doc ->
                new HoldingDocument(
                    doc.path(Portfolios.ASSET).asText(),
                    doc.path(Portfolios.QUANTITY).asText("0"),
                    doc.path(Portfolios.RESERVED).asText(),
                    doc.path(Portfolios.AVAILABLE).asText(),
                    doc.hasNonNull(Portfolios.POSITION)
                        ? doc.get(Portfolios.POSITION).asText()
                        : null))
        .toList();
  }

  /**
   * The latest known price of each of {@code assets} that has one; none at all before the first
   * price.
   */
  Map<String, BigDecimal> latestPrices(Collection<String> assets) throws IOException {
    Map<String, BigDecimal> prices = new HashMap<>();
    if (assets.isEmpty()) {
      return prices;
    }
    try {
      client
          .mget(m -> m.index(aliases.prices()).ids(List.copyOf(assets)), ObjectNode.class)
          .docs()
          .forEach(
              item -> {
                if (item.isResult() && item.result().found() && item.result().source() != null) {
                  prices.put(
                      item.result().id(),
                      new BigDecimal(item.result().source().path(Prices.PRICE).asText()));
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
