package com.example.trading.projections.prices;

import co.elastic.clients.elasticsearch.core.BulkRequest;
import com.example.trading.platform.elasticsearch.ElasticsearchErrors;
import com.example.trading.projections.pipeline.ViewMappings;
import com.example.trading.schemas.ReadModel;
import com.example.trading.schemas.ViewFields.Prices;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the latest reference price of every instrument in the {@value #INDEX} index, read from the
 * exchange's market-data feed ({@code GET /venue/prices}) on a fixed delay. Prices are kept apart
 * from the views (which must stay a pure function of the events): the query side values holdings
 * with them at query time. When the exchange does not answer, the last prices stay.
 */
@Component
@ConditionalOnProperty(
    name = "trading.projections.live",
    havingValue = "true",
    matchIfMissing = true)
class PriceFeed {

  static final String INDEX = ReadModel.PRICES_INDEX;
  private static final Logger log = LoggerFactory.getLogger(PriceFeed.class);

  private final co.elastic.clients.elasticsearch.ElasticsearchClient elasticsearch;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ObjectMapper json = new ObjectMapper();
  private final URI pricesUri;
  private volatile boolean indexReady;

  PriceFeed(
      co.elastic.clients.elasticsearch.ElasticsearchClient elasticsearch,
      @Value("${trading.exchange.url:http://127.0.0.1:8090}") String exchangeUrl) {
    this.elasticsearch = elasticsearch;
    this.pricesUri = URI.create(exchangeUrl + "/venue/prices");
  }

  @Scheduled(fixedDelayString = "${trading.projections.price-poll-interval:1s}")
  void refresh() {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(pricesUri).timeout(Duration.ofSeconds(3)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        log.debug("price feed answered {}", response.statusCode());
        return;
      }
      ensureIndex();
      BulkRequest.Builder bulk = new BulkRequest.Builder();
      for (JsonNode price : json.readTree(response.body())) {
        PriceDocument document =
            new PriceDocument(
                price.path("instrument").asText(),
                price.path("price").asText(),
                price.path("at").asText());
        bulk.operations(
            op -> op.index(i -> i.index(INDEX).id(document.instrument()).document(document)));
      }
      elasticsearch.bulk(bulk.build());
    } catch (Exception e) {
      log.debug("price feed not available: {}", e.toString());
    }
  }

  private void ensureIndex() throws java.io.IOException {
    if (indexReady) {
      return;
    }
    if (!elasticsearch.indices().exists(e -> e.index(INDEX)).value()) {
      try {
        elasticsearch
            .indices()
            .create(
                c ->
                    c.index(INDEX)
                        .settings(s -> s.numberOfShards("1").numberOfReplicas("0"))
                        .mappings(
                            m ->
                                m.properties(
                                    Map.of(
                                        Prices.INSTRUMENT, ViewMappings.keyword(),
                                        Prices.PRICE, ViewMappings.storedOnly(),
                                        Prices.AT, ViewMappings.date()))));
      } catch (RuntimeException e) {
        if (!ElasticsearchErrors.isStatus(e, 400)) {
          throw e;
        }
        // created concurrently (resource_already_exists_exception)
      }
    }
    indexReady = true;
  }
}
