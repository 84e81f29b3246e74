package com.example.trading.teststack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/** What tests named is deleted from the shared stack, and only that (real Elasticsearch, Kafka). */
class NamedResourcesIT {

  private final TestStack stack = TestStack.get();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void theIndicesAndTopicsNamedAfterAGivenOutNameAreDeletedAndNothingElse() throws Exception {
    String issued = TestStack.uniqueName("it-named");
    // Not given out by uniqueName: somebody else's.
    String kept = "it-kept-" + UUID.randomUUID().toString().substring(0, 8);
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
      try {
        createIndex(issued + "-customer-orders-1");
        createIndex(issued);
        createIndex(kept);
        admin
            .createTopics(
                List.of(
                    new NewTopic(issued + ".trading.order.events", 1, (short) 1),
                    new NewTopic(kept + ".trading.order.events", 1, (short) 1)))
            .all()
            .get();

        stack.deleteWhatTestsNamed();

        assertThat(status(issued + "-customer-orders-1")).isEqualTo(404);
        assertThat(status(issued)).isEqualTo(404);
        assertThat(status(kept)).isEqualTo(200);
        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () ->
                    assertThat(admin.listTopics().names().get())
                        .doesNotContain(issued + ".trading.order.events")
                        .contains(kept + ".trading.order.events"));
      } finally {
        http.send(
            HttpRequest.newBuilder(URI.create(stack.elasticsearchUrl() + "/" + kept))
                .DELETE()
                .build(),
            HttpResponse.BodyHandlers.discarding());
        admin.deleteTopics(List.of(kept + ".trading.order.events"));
      }
    }
  }

  private void createIndex(String index) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(stack.elasticsearchUrl() + "/" + index))
                .PUT(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private int status(String index) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(stack.elasticsearchUrl() + "/" + index)).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
