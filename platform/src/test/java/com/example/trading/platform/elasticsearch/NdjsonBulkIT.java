package com.example.trading.platform.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import com.example.trading.teststack.TestStack;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class NdjsonBulkIT {

  record Holding(String accountId, String asset, String quantity) {}

  private final ApplicationContextRunner context =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ElasticsearchClientAutoConfiguration.class))
          .withPropertyValues("trading.elasticsearch.url=" + TestStack.get().elasticsearchUrl());

  @Test
  void everyDocumentIsIndexedUnderItsIdAsTheClientWouldWriteIt() {
    String index = TestStack.uniqueName("it-ndjson");
    context.run(
        ctx -> {
          ElasticsearchClient client = ctx.getBean(ElasticsearchClient.class);
          Map<String, Holding> documents = new LinkedHashMap<>();
          for (int i = 0; i < 1_200; i++) {
            documents.put("acc-" + i + "/\"AAPL\"", new Holding("acc-" + i, "AAPL", i + ".5"));
          }

          new NdjsonBulk(client).index(index, List.copyOf(documents.entrySet()), 500, 2);
          new NdjsonBulk(client)
              .index(
                  index,
                  List.of(Map.entry("acc-7/\"AAPL\"", new Holding("acc-7", "AAPL", "0"))),
                  500,
                  2);
          client.indices().refresh(r -> r.index(index));

          assertThat(client.count(c -> c.index(index)).count()).isEqualTo(1_200);
          assertThat(client.get(g -> g.index(index).id("acc-3/\"AAPL\""), Holding.class).source())
              .isEqualTo(new Holding("acc-3", "AAPL", "3.5"));
          assertThat(client.get(g -> g.index(index).id("acc-7/\"AAPL\""), Holding.class).source())
              .as("replaced")
              .isEqualTo(new Holding("acc-7", "AAPL", "0"));
          client.indices().delete(d -> d.index(index));
        });
  }

  @Test
  void aDocumentElasticsearchRefusesIsNamed() {
    String index = TestStack.uniqueName("it-ndjson");
    context.run(
        ctx -> {
          ElasticsearchClient client = ctx.getBean(ElasticsearchClient.class);
          client
              .indices()
              .create(
                  c ->
                      c.index(index)
                          .mappings(
                              m ->
                                  m.dynamic(DynamicMapping.Strict)
                                      .properties("accountId", p -> p.keyword(k -> k))
                                      .properties("asset", p -> p.keyword(k -> k))
                                      .properties("quantity", p -> p.keyword(k -> k))));

          assertThatThrownBy(
                  () ->
                      new NdjsonBulk(client)
                          .index(
                              index,
                              List.of(
                                  Map.entry("fits", new Holding("acc-1", "AAPL", "1")),
                                  Map.entry("does-not-fit", Map.of("unmapped", "x"))),
                              1,
                              2))
              .isInstanceOf(IllegalStateException.class)
              .hasMessageContaining("does-not-fit")
              .hasMessageContaining(index)
              .hasMessageContaining("unmapped");
          client.indices().delete(d -> d.index(index));
        });
  }
}
