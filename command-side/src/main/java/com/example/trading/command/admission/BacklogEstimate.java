package com.example.trading.command.admission;

/**
 * The work queued in front of the saga orchestrator.
 *
 * @param events events it has not read yet
 * @param eventsPerSecond how fast it has been reading them lately (0 when unknown or stalled)
 */
record BacklogEstimate(long events, double eventsPerSecond) {

  static final BacklogEstimate NONE = new BacklogEstimate(0, 0);

  /** The backlog in seconds of work at the recent rate; infinite when events wait and nothing is read. */
  double seconds() {
    if (events == 0) {
      return 0;
    }
    return eventsPerSecond <= 0 ? Double.POSITIVE_INFINITY : events / eventsPerSecond;
  }
}
