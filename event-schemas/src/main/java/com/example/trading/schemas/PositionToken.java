package com.example.trading.schemas;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The read-your-writes token a command response carries and a query may pass back as {@code
 * minPosition}: the global position of the newest event the command stored, and the event topic and
 * partition it is published on. Because the event relay publishes each partition in position order,
 * a view that has applied position {@code p} on that partition reflects the command. Text form
 * {@code <aggregate>-<partition>-<position>}, e.g. {@code order-2-1234}.
 */
public record PositionToken(String topic, int partition, long position) {

  private static final Pattern TEXT =
      Pattern.compile("(holding|fee|order|account)-(\\d{1,4})-(\\d{1,19})");

  public PositionToken {
    if (!topic.equals(Topics.HOLDING_EVENTS)
        && !topic.equals(Topics.FEE_EVENTS)
        && !topic.equals(Topics.ORDER_EVENTS)
        && !topic.equals(Topics.ACCOUNT_EVENTS)) {
      throw new IllegalArgumentException("not an event topic: " + topic);
    }
    if (partition < 0 || position < 0) {
      throw new IllegalArgumentException("partition and position are not negative");
    }
  }

  /**
   * Reads the text form.
   *
   * @throws IllegalArgumentException when the text is not a token
   */
  public static PositionToken parse(String text) {
    Matcher matcher = TEXT.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "not a position token: '" + text + "' (expected e.g. order-2-1234)");
    }
    return new PositionToken(
        "trading." + matcher.group(1) + ".events",
        Integer.parseInt(matcher.group(2)),
        Long.parseLong(matcher.group(3)));
  }

  @Override
  public String toString() {
    String aggregate = topic.substring("trading.".length(), topic.length() - ".events".length());
    return aggregate + "-" + partition + "-" + position;
  }
}
