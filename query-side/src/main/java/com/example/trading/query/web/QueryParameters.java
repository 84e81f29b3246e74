package com.example.trading.query.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The query API's shared parameters: a closed value, a time, a page size; anything else is 400
 * naming it.
 */
public final class QueryParameters {

  /** An instrument or asset symbol, as the API's documents give it. */
  public static final String SYMBOL_PATTERN = "^[A-Za-z][A-Za-z0-9.]{0,15}$";

  public static final int DEFAULT_PAGE = 20;
  public static final int MAX_PAGE = 100;

  private QueryParameters() {}

  /** One of the enum's values, in any case. */
  public static <E extends Enum<E>> E enumValue(String parameter, String value, Class<E> type) {
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidQueryException(
          parameter, "must be one of " + List.of(type.getEnumConstants()));
    }
  }

  /** An instrument or asset symbol in upper case, or null when not given. */
  public static @Nullable String symbol(String parameter, @Nullable String value) {
    if (value == null) {
      return null;
    }
    if (!value.matches(SYMBOL_PATTERN)) {
      throw new InvalidQueryException(parameter, "must be a symbol of 1-16 letters, digits or '.'");
    }
    return value.toUpperCase(Locale.ROOT);
  }

  /** An ISO-8601 UTC time, or null when not given. */
  public static @Nullable Instant instant(String parameter, @Nullable String value) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new InvalidQueryException(
          parameter, "must be an ISO-8601 UTC time, e.g. 2026-11-22T10:00:00Z");
    }
  }

  /** {@code from} must come before {@code to} when both are given. */
  public static void requireOrdered(@Nullable Instant from, @Nullable Instant to) {
    if (from != null && to != null && !from.isBefore(to)) {
      throw new InvalidQueryException("from", "must be before 'to'");
    }
  }

  /** A page size between 1 and {@value #MAX_PAGE}; {@value #DEFAULT_PAGE} when not given. */
  public static int pageSize(@Nullable Integer size) {
    int pageSize = size == null ? DEFAULT_PAGE : size;
    if (pageSize < 1 || pageSize > MAX_PAGE) {
      throw new InvalidQueryException("size", "must be between 1 and " + MAX_PAGE);
    }
    return pageSize;
  }
}
