package com.example.trading.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.trading.teststack.TestStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class KafkaConnectivityIT {

  private final TestStack stack = TestStack.get();
  private final ApplicationContextRunner context =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(KafkaConnectivityAutoConfiguration.class));

  @Test
  void healthIsUpWhileTheBrokerAnswers() {
    context
        .withPropertyValues("trading.kafka.bootstrap-servers=" + stack.kafkaBootstrapServers())
        .run(
            ctx -> {
              var health = ctx.getBean(KafkaHealthIndicator.class).health(true);
              assertThat(health.getStatus()).isEqualTo(Status.UP);
              assertThat(health.getDetails()).containsKey("clusterId");
            });
  }

  @Test
  void healthIsDownWhenNoBrokerAnswers() {
    context
        .withPropertyValues(
            "trading.kafka.bootstrap-servers=127.0.0.1:1", "trading.kafka.health-timeout=1s")
        .run(
            ctx ->
                assertThat(ctx.getBean(KafkaHealthIndicator.class).health(true).getStatus())
                    .isEqualTo(Status.DOWN));
  }

  @Test
  void aProducedRecordIsConsumedWithItsKeyAndHeaders() throws Exception {
    String topic = TestStack.uniqueName("it-roundtrip");
    context
        .withPropertyValues("trading.kafka.bootstrap-servers=" + stack.kafkaBootstrapServers())
        .run(
            ctx ->
                ctx.getBean(Admin.class)
                    .createTopics(Set.of(new NewTopic(topic, 1, (short) 1)))
                    .all()
                    .get());

    try (var producer =
        new KafkaProducer<String, String>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true),
            new StringSerializer(),
            new StringSerializer())) {
      var record = new ProducerRecord<>(topic, "acc-1/AAPL", "{\"quantity\":\"100\"}");
      record.headers().add("messageId", "m-1".getBytes(StandardCharsets.UTF_8));
      producer.send(record).get();
    }

    List<ConsumerRecord<String, String>> received = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<String, String>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, TestStack.uniqueName("it-group"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (received.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(received::add);
      }
    }

    assertThat(received)
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.key()).isEqualTo("acc-1/AAPL");
              assertThat(record.value()).isEqualTo("{\"quantity\":\"100\"}");
              assertThat(
                      new String(
                          record.headers().lastHeader("messageId").value(), StandardCharsets.UTF_8))
                  .isEqualTo("m-1");
            });
  }
}
