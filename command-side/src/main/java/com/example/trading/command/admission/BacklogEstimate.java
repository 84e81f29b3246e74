package com.example.trading.command.admission;

/**
 * Work queued in front of the order saga's steps.
 *
 * @param events messages waiting
 * @param seconds how long they take at the recent rate of their consumers; infinite when messages
 *     wait and nothing consumes them
 */
record BacklogEstimate(long events, double seconds) {

  static final BacklogEstimate NONE = new BacklogEstimate(0, 0);

  /** {@code events} waiting for a consumer that lately read {@code eventsPerSecond}. */
  static BacklogEstimate of(long events, double eventsPerSecond) {
    if (events == 0) {
      return NONE;
    }
    return new BacklogEstimate(
        events, eventsPerSecond <= 0 ? Double.POSITIVE_INFINITY : events / eventsPerSecond);
  }

  /** Both queues, passed one after the other. */
  BacklogEstimate plus(BacklogEstimate other) {
    return new BacklogEstimate(events + other.events, seconds + other.seconds);
  }
}
