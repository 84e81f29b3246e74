package com.example.trading.schemas;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The contract's event streams, one per kind of aggregate: the Kafka topic it is published on
 * (keyed by aggregate id, retained for ever), the aggregate type the event stores record, and the
 * sealed family of its events. Every list of event topics in the services derives from here, so a
 * new stream is one new constant, and the services that read it name it where they choose their
 * streams ({@link #SAGA_INPUTS}, {@link ReadModel}).
 */
public enum EventStream {
  HOLDING(Topics.HOLDING_EVENTS, "Holding", "holding", HoldingEvent.class),
  FEE(Topics.FEE_EVENTS, "Fee", "fee", FeeEvent.class),
  ORDER(Topics.ORDER_EVENTS, "Order", "order", OrderEvent.class),
  ACCOUNT(Topics.ACCOUNT_EVENTS, "Account", "account", AccountEvent.class);

  /** The streams the order saga reads (and whose backlog the command side's admission weighs). */
  public static final List<EventStream> SAGA_INPUTS = List.of(ORDER, HOLDING, FEE);

  private final String topic;
  private final String aggregateType;
  private final String tokenName;
  private final Class<? extends TradingEvent> family;

  EventStream(
      String topic, String aggregateType, String tokenName, Class<? extends TradingEvent> family) {
    this.topic = topic;
    this.aggregateType = aggregateType;
    this.tokenName = tokenName;
    this.family = family;
  }

  /** The topic's contract name (before a deployment's prefix). */
  public String topic() {
    return topic;
  }

  /** The aggregate type an Axon event store records for the stream's events. */
  public String aggregateType() {
    return aggregateType;
  }

  /** The stream's name in a read-your-writes {@link PositionToken}. */
  public String tokenName() {
    return tokenName;
  }

  /** The sealed interface of the stream's events. */
  public Class<? extends TradingEvent> family() {
    return family;
  }

  /** The stream of an event class of the contract. */
  public static EventStream of(Class<?> eventClass) {
    return Arrays.stream(values())
        .filter(stream -> stream.family.isAssignableFrom(eventClass))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    eventClass.getName() + " is not an event of the contract"));
  }

  /** The stream published on a topic (a contract name), if it is one. */
  public static Optional<EventStream> ofTopic(String topic) {
    return Arrays.stream(values()).filter(stream -> stream.topic.equals(topic)).findFirst();
  }

  /** The stream of a position token's name. */
  static Optional<EventStream> ofTokenName(String tokenName) {
    return Arrays.stream(values()).filter(stream -> stream.tokenName.equals(tokenName)).findFirst();
  }

  /** The topics (contract names) of the streams. */
  public static List<String> topicsOf(List<EventStream> streams) {
    return streams.stream().map(EventStream::topic).toList();
  }
}
