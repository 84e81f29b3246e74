package com.example.trading.platform.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch.cluster.HealthResponse;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** UP while the cluster answers with status green or yellow; DOWN when red or unreachable. */
public class ElasticsearchHealthIndicator extends AbstractHealthIndicator {

  private final ElasticsearchClient client;

  public ElasticsearchHealthIndicator(ElasticsearchClient client) {
    super("Elasticsearch health check failed");
    this.client = client;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) throws Exception {
    HealthResponse health = client.cluster().health();
    if (health.status() == HealthStatus.Red) {
      builder.down();
    } else {
      builder.up();
    }
    builder
        .withDetail("cluster", health.clusterName())
        .withDetail("status", health.status().jsonValue())
        .withDetail("nodes", health.numberOfNodes());
  }
}
