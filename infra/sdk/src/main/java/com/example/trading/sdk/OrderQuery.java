package com.example.trading.sdk;

import java.time.OffsetDateTime;

/**
 * The filters and page of {@code GET /api/accounts/{accountId}/orders}; null means "any" (or the
 * API's default page size). Start with {@link #all()} and narrow it.
 *
 * @param status an order status, e.g. {@code FILLED}
 * @param instrument e.g. {@code AAPL}
 * @param side {@code BUY} or {@code SELL}
 * @param from orders placed at or after
 * @param to orders placed before
 * @param size the page size
 * @param cursor the previous page's {@code nextCursor}
 * @param minPosition a command's position token to wait for (null: the client's last write)
 */
public record OrderQuery(
    String status,
    String instrument,
    String side,
    OffsetDateTime from,
    OffsetDateTime to,
    Integer size,
    String cursor,
    String minPosition) {

  public static OrderQuery all() {
    return new OrderQuery(null, null, null, null, null, null, null, null);
  }

  public OrderQuery status(String value) {
    return new OrderQuery(value, instrument, side, from, to, size, cursor, minPosition);
  }

  public OrderQuery instrument(String value) {
    return new OrderQuery(status, value, side, from, to, size, cursor, minPosition);
  }

  public OrderQuery side(String value) {
    return new OrderQuery(status, instrument, value, from, to, size, cursor, minPosition);
  }

  public OrderQuery placedBetween(OffsetDateTime fromInclusive, OffsetDateTime toExclusive) {
    return new OrderQuery(
        status, instrument, side, fromInclusive, toExclusive, size, cursor, minPosition);
  }

  public OrderQuery size(Integer value) {
    return new OrderQuery(status, instrument, side, from, to, value, cursor, minPosition);
  }

  public OrderQuery cursor(String value) {
    return new OrderQuery(status, instrument, side, from, to, size, value, minPosition);
  }

  public OrderQuery minPosition(String value) {
    return new OrderQuery(status, instrument, side, from, to, size, cursor, value);
  }
}
