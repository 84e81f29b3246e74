package com.example.trading.schemas;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the one form {@link Instant#toString()} writes for the envelope's timestamps ({@code
 * 2026-12-01T10:15:30.123456Z}, 0 to 9 fraction digits) without the general ISO parser, which cost
 * as much as decoding the event's JSON on the projections' hot path; anything else (other years,
 * offsets, a leap second) goes to {@link Instant#parse}, so the result is always what {@code
 * Instant.parse} answers.
 */
final class InstantText {

  private static final int SECONDS_PER_DAY = 86_400;

  private InstantText() {}

  static Instant parse(String text) {
    int length = text.length();
    boolean wholeSeconds = length == 20;
    boolean fraction = length >= 22 && length <= 30 && text.charAt(19) == '.';
    if (!(wholeSeconds || fraction)
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':'
        || text.charAt(length - 1) != 'Z') {
      return Instant.parse(text);
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 7);
    int day = digits(text, 8, 10);
    int hour = digits(text, 11, 13);
    int minute = digits(text, 14, 16);
    int second = digits(text, 17, 19);
    int nanos = fraction ? digits(text, 20, length - 1) : 0;
    if (year < 0
        || month < 0
        || day < 0
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59
        || nanos < 0) {
      return Instant.parse(text);
    }
    for (int scale = fraction ? length - 21 : 9; scale < 9; scale++) {
      nanos *= 10;
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(
        epochDay * SECONDS_PER_DAY + hour * 3_600L + minute * 60L + second, nanos);
  }

  /** The number written in {@code text[from, to)}, or -1 when a character is not a digit. */
  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
