package com.example.trading.platform.kafka;

import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * UP when the Kafka cluster answers a describe-cluster request within the timeout, DOWN otherwise.
 * Part of the readiness group of every service that needs Kafka. Thread-safe: the admin client is.
 */
public class KafkaHealthIndicator extends AbstractHealthIndicator {

  private final Admin admin;
  private final KafkaClientProperties properties;

  public KafkaHealthIndicator(Admin admin, KafkaClientProperties properties) {
    super("Kafka health check failed");
    this.admin = admin;
    this.properties = properties;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) throws Exception {
    long timeoutMs = properties.healthTimeout().toMillis();
    DescribeClusterResult cluster =
        admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeoutMs));
    String clusterId = cluster.clusterId().get(timeoutMs, TimeUnit.MILLISECONDS);
    int nodes = cluster.nodes().get(timeoutMs, TimeUnit.MILLISECONDS).size();
    builder
        .up()
        .withDetail("bootstrapServers", properties.bootstrapServers())
        .withDetail("clusterId", clusterId)
        .withDetail("nodes", nodes);
  }
}
