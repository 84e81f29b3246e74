package com.example.trading.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.example.trading.platform.kafka.MessageHeader;
import com.example.trading.platform.kafka.ReceivedMessage;
import com.example.trading.platform.kafka.TopicNames;
import com.example.trading.projections.orders.CustomerOrdersView;
import com.example.trading.projections.pipeline.EventDecoder;
import com.example.trading.projections.pipeline.ProjectedEvent;
import com.example.trading.projections.portfolio.PortfoliosView;
import com.example.trading.schemas.GoldenSamples;
import com.example.trading.schemas.Topics;
import com.example.trading.schemas.TradingEvent;
import com.example.trading.schemas.codec.MessageCodec;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every revision of every event of the contract, as the golden samples write it, projects. */
class GoldenEventsTest {

  private final MessageCodec codec = new MessageCodec();
  private final EventDecoder decoder = new EventDecoder(new TopicNames(""));
  private final CustomerOrdersView orders = new CustomerOrdersView();
  private final PortfoliosView portfolios = new PortfoliosView();

  @Test
  void everyGoldenEventIsDecodedAndAppliedByTheViewsThatUseIt() {
    int events = 0;
    for (GoldenSamples.Sample sample : GoldenSamples.all()) {
      if (!TradingEvent.class.isAssignableFrom(codec.classOf(sample.type()))) {
        continue;
      }
      events++;
      String topic = Topics.eventTopicOf(codec.classOf(sample.type()));
      var record =
          new ReceivedMessage(
              topic,
              0,
              7,
              "key",
              sample.json(),
              List.of(
                  MessageHeader.text("messageId", "m-" + sample),
                  MessageHeader.text("type", sample.type()),
                  MessageHeader.text("revision", Integer.toString(sample.revision())),
                  MessageHeader.text("timestamp", "2026-11-22T10:00:00Z"),
                  MessageHeader.text(Topics.POSITION_HEADER, "42"),
                  MessageHeader.text(Topics.SEQUENCE_HEADER, "0")),
              Instant.parse("2026-11-22T10:00:00Z"));

      ProjectedEvent event = decoder.decode(record);

      assertThat(event.token().toString()).endsWith("-0-42");
      assertThatCode(
              () -> {
                if (orders.documentId(event.event()) != null) {
                  assertThat(orders.apply(null, event)).as(sample.toString()).isNotNull();
                }
                if (portfolios.documentId(event.event()) != null) {
                  assertThat(portfolios.apply(null, event)).as(sample.toString()).isNotNull();
                }
              })
          .as(sample.toString())
          .doesNotThrowAnyException();
    }
    assertThat(events).isGreaterThan(15);
  }
}
