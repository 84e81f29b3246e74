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

  private static final Pattern TEXT = Pattern.compile("([a-z]{1,32})-(\\d{1,4})-(\\d{1,19})");

  public PositionToken {
    if (EventStream.ofTopic(topic).isEmpty()) {
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
    EventStream stream =
        matcher.matches() ? EventStream.ofTokenName(matcher.group(1)).orElse(null) : null;
    if (stream == null) {
      throw new IllegalArgumentException(
          "not a position token: '" + text + "' (expected e.g. order-2-1234)");
    }
    return new PositionToken(
        stream.topic(), Integer.parseInt(matcher.group(2)), Long.parseLong(matcher.group(3)));
  }

  @Override
  public String toString() {
    return EventStream.ofTopic(topic).orElseThrow().tokenName() + "-" + partition + "-" + position;
  }
}
