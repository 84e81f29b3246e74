package com.example.trading.platform.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import com.example.trading.teststack.TestStack;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ElasticsearchClientIT {

  record Probe(String accountId, String instrument, long quantity) {}

  private final ApplicationContextRunner context =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ElasticsearchClientAutoConfiguration.class));

  @Test
  void anIndexedDocumentIsFoundBySearch() {
    String index = TestStack.uniqueName("it-probe");
    context
        .withPropertyValues("trading.elasticsearch.url=" + TestStack.get().elasticsearchUrl())
        .run(
            ctx -> {
              ElasticsearchClient client = ctx.getBean(ElasticsearchClient.class);
              client.index(
                  i ->
                      i.index(index)
                          .id("o-1")
                          .document(new Probe("acc-1", "AAPL", 10))
                          .refresh(Refresh.True));

              var hits =
                  client
                      .search(
                          s ->
                              s.index(index)
                                  .query(
                                      q ->
                                          q.term(t -> t.field("instrument.keyword").value("AAPL"))),
                          Probe.class)
                      .hits()
                      .hits();

              assertThat(hits)
                  .singleElement()
                  .satisfies(
                      hit -> {
                        assertThat(hit.id()).isEqualTo("o-1");
                        assertThat(hit.source()).isEqualTo(new Probe("acc-1", "AAPL", 10));
                      });
              client.indices().delete(d -> d.index(index));
            });
  }

  @Test
  void healthIsUpWhileTheClusterAnswersAndDownWhenItDoesNot() {
    context
        .withPropertyValues("trading.elasticsearch.url=" + TestStack.get().elasticsearchUrl())
        .run(
            ctx ->
                assertThat(ctx.getBean(ElasticsearchHealthIndicator.class).health(true).getStatus())
                    .isEqualTo(Status.UP));
    context
        .withPropertyValues("trading.elasticsearch.url=http://127.0.0.1:1")
        .run(
            ctx ->
                assertThat(ctx.getBean(ElasticsearchHealthIndicator.class).health(true).getStatus())
                    .isEqualTo(Status.DOWN));
  }
}
