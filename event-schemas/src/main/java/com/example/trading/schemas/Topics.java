package com.example.trading.schemas;

/**
 * The Kafka topics of the contract. Event topics are per aggregate type, keyed by aggregate id (so
 * each aggregate's events stay in order) and retained forever: they are the replay source of the
 * views. Commands from the saga to the command side travel on one topic keyed by the target
 * aggregate id; those that cannot be applied end on its dead-letter topic.
 */
public final class Topics {

  public static final String HOLDING_EVENTS = "trading.holding.events";
  public static final String FEE_EVENTS = "trading.fee.events";
  public static final String ORDER_EVENTS = "trading.order.events";
  public static final String ACCOUNT_EVENTS = "trading.account.events";

  /** Every event topic, one per aggregate type ({@link EventStream}). */
  public static final java.util.List<String> EVENT_TOPICS =
      EventStream.topicsOf(java.util.List.of(EventStream.values()));

  public static final String COMMANDS = "trading.commands";
  public static final String COMMANDS_DEAD_LETTER = "trading.commands.dlt";

  /** Header with the event's global position in the command-side event store (a decimal long). */
  public static final String POSITION_HEADER = "position";

  /** Header with the event's sequence number within its aggregate (a decimal long). */
  public static final String SEQUENCE_HEADER = "aggregateSequence";

  /** Header on a dead-lettered message: why it could not be applied. */
  public static final String FAILURE_HEADER = "failure";

  private Topics() {}

  /** The event topic of an event class of the contract. */
  public static String eventTopicOf(Class<?> eventClass) {
    return EventStream.of(eventClass).topic();
  }
}
