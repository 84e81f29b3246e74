package com.example.trading.command.relay;

import static com.example.trading.teststack.KafkaTail.header;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.trading.command.CommandSideIntegrationTest;
import com.example.trading.schemas.PositionToken;
import com.example.trading.schemas.Topics;
import com.example.trading.teststack.KafkaTail;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class EventRelayIT extends CommandSideIntegrationTest {

  @Autowired JdbcTemplate jdbc;
  @Autowired EventProcessingConfiguration processing;

  private PositionToken lastToken;

  private String placeAndCancel(String account) {
    openAccount(account, "cust-relay");
    String orderId =
        json(OPERATOR.postJson(
                port,
                "/api/orders",
                """
        {"accountId":"%s","clientOrderId":"c-1","side":"SELL","instrument":"AAPL","quantity":10,"type":"MARKET"}"""
                    .formatted(account)))
            .get("orderId")
            .asText();
    lastToken =
        PositionToken.parse(
            json(OPERATOR.postJson(port, "/api/orders/" + orderId + "/cancel", ""))
                .get("position")
                .asText());
    return orderId;
  }

  @Test
  void anOrdersEventsAreStoredAndPublishedInOrderWithTheirEnvelope() {
    try (KafkaTail orders = KafkaTail.open(kafka(), topic(Topics.ORDER_EVENTS))) {
      String orderId = placeAndCancel("acc-" + UUID.randomUUID());

      List<ConsumerRecord<String, byte[]>> published =
          orders.await(r -> orderId.equals(r.key()), 2, Duration.ofSeconds(30));

      List<Map<String, Object>> stored =
          jdbc.queryForList(
              "select event_identifier, global_index, sequence_number from domain_event_entry "
                  + "where aggregate_identifier = ? order by sequence_number",
              orderId);
      assertThat(stored).hasSize(2);
      assertThat(published)
          .extracting(r -> header(r, "type"))
          .containsExactly("OrderPlaced", "OrderCancellationRequested");
      for (int i = 0; i < 2; i++) {
        ConsumerRecord<String, byte[]> record = published.get(i);
        assertThat(header(record, "messageId")).isEqualTo(stored.get(i).get("event_identifier"));
        assertThat(header(record, Topics.POSITION_HEADER))
            .isEqualTo(stored.get(i).get("global_index").toString());
        assertThat(header(record, Topics.SEQUENCE_HEADER)).isEqualTo(Integer.toString(i));
        assertThat(header(record, "correlationId")).isEqualTo(orderId);
        assertThat(header(record, "causationId")).isNotBlank();
        // OrderPlaced is of revision 2 (time in force), OrderCancellationRequested of revision 2
        // (who asked and why)
        assertThat(header(record, "revision")).isEqualTo("2");
        assertThat(header(record, "timestamp")).isNotBlank();
      }
      assertThat(lastToken.partition()).isEqualTo(published.get(1).partition());
      assertThat(lastToken.position()).isEqualTo(stored.get(1).get("global_index"));
      assertThat(new String(published.get(0).value())).contains("\"orderId\":\"" + orderId + "\"");
    }
  }

  @Test
  void eventsStoredWhileTheRelayIsDownArePublishedWhenItComesBack() {
    EventProcessor relay = processing.eventProcessor("kafka-relay").orElseThrow();
    try (KafkaTail orders = KafkaTail.open(kafka(), topic(Topics.ORDER_EVENTS))) {
      relay.shutDown();
      String orderId = placeAndCancel("acc-" + UUID.randomUUID());
      assertThat(orders.readFor(Duration.ofSeconds(2), r -> orderId.equals(r.key()))).isEmpty();

      relay.start();

      assertThat(orders.await(r -> orderId.equals(r.key()), 2, Duration.ofSeconds(30)))
          .extracting(r -> header(r, "type"))
          .containsExactly("OrderPlaced", "OrderCancellationRequested");
    } finally {
      relay.start();
    }
  }
}
