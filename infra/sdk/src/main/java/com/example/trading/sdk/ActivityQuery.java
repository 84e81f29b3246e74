package com.example.trading.sdk;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The filters and page of {@code GET /api/accounts/{accountId}/activities}; null or empty means
 * "any" (or the API's default page size). Start with {@link #all()} and narrow it.
 *
 * @param types entry types, e.g. {@code FILL}, {@code DEPOSIT}
 * @param asset e.g. {@code USD} or {@code AAPL}
 * @param from entries at or after
 * @param to entries before
 * @param size the page size (JSON pages only)
 * @param cursor the previous page's {@code nextCursor}
 * @param minPosition a command's position token to wait for (null: the client's last write)
 */
public record ActivityQuery(
    List<String> types,
    String asset,
    OffsetDateTime from,
    OffsetDateTime to,
    Integer size,
    String cursor,
    String minPosition) {

  public ActivityQuery {
    types = types == null ? List.of() : List.copyOf(types);
  }

  public static ActivityQuery all() {
    return new ActivityQuery(List.of(), null, null, null, null, null, null);
  }

  public ActivityQuery types(List<String> value) {
    return new ActivityQuery(value, asset, from, to, size, cursor, minPosition);
  }

  public ActivityQuery asset(String value) {
    return new ActivityQuery(types, value, from, to, size, cursor, minPosition);
  }

  public ActivityQuery between(OffsetDateTime fromInclusive, OffsetDateTime toExclusive) {
    return new ActivityQuery(types, asset, fromInclusive, toExclusive, size, cursor, minPosition);
  }

  public ActivityQuery size(Integer value) {
    return new ActivityQuery(types, asset, from, to, value, cursor, minPosition);
  }

  public ActivityQuery cursor(String value) {
    return new ActivityQuery(types, asset, from, to, size, value, minPosition);
  }

  public ActivityQuery minPosition(String value) {
    return new ActivityQuery(types, asset, from, to, size, cursor, value);
  }
}
