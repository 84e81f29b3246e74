package com.example.trading.teststack;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.elasticsearch.ElasticsearchContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The same servers as Testcontainers containers, for machines with a Docker daemon ({@code
 * -Dinfra=containers}). Started once per JVM, in parallel, and left to Testcontainers' reaper to
 * remove. Images match the versions of the local stack.
 */
record ContainerEndpoints(
    PostgreSQLContainer postgres,
    KafkaContainer kafka,
    ElasticsearchContainer elasticsearch,
    GenericContainer<?> zipkin)
    implements TestStack.Endpoints {

  static ContainerEndpoints start() {
    PostgreSQLContainer postgres =
        new PostgreSQLContainer("postgres:17-alpine")
            .withUsername("trading")
            .withPassword("trading")
            .withDatabaseName("postgres");
    KafkaContainer kafka = new KafkaContainer("apache/kafka:4.2.1");
    ElasticsearchContainer elasticsearch =
        new ElasticsearchContainer("docker.elastic.co/elasticsearch/elasticsearch:8.19.21")
            .withEnv("xpack.security.enabled", "false")
            .withEnv("ES_JAVA_OPTS", "-Xms512m -Xmx512m");
    GenericContainer<?> zipkin =
        new GenericContainer<>("openzipkin/zipkin:3.5.1").withExposedPorts(9411);
    java.util.stream.Stream.of(postgres, kafka, elasticsearch, zipkin)
        .parallel()
        .forEach(c -> c.start());
    return new ContainerEndpoints(postgres, kafka, elasticsearch, zipkin);
  }

  @Override
  public String postgresHost() {
    return postgres.getHost();
  }

  @Override
  public int postgresPort() {
    return postgres.getMappedPort(5432);
  }

  @Override
  public String postgresUser() {
    return postgres.getUsername();
  }

  @Override
  public String postgresPassword() {
    return postgres.getPassword();
  }

  @Override
  public String maintenanceDatabase() {
    return "postgres";
  }

  @Override
  public String kafkaBootstrapServers() {
    return kafka.getBootstrapServers();
  }

  @Override
  public String elasticsearchUrl() {
    return "http://" + elasticsearch.getHttpHostAddress();
  }

  @Override
  public String zipkinUrl() {
    return "http://" + zipkin.getHost() + ":" + zipkin.getMappedPort(9411);
  }
}
