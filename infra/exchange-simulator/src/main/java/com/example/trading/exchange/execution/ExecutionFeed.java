package com.example.trading.exchange.execution;

import java.util.ArrayList;
import java.util.List;

/**
 * The venue's sequenced executions feed. Sequences start at 1 and increase by one with every
 * append, so a reader that remembers the last sequence it applied and asks for what follows misses
 * nothing and sees nothing twice. Only the order book appends, and only executions it has already
 * made durable; so whatever a reader sees survives a restart with the same sequence.
 *
 * <p>Thread-safe: reads never see a half-appended entry.
 */
public final class ExecutionFeed {

  private final List<Execution> executions = new ArrayList<>();

  /**
   * Appends the next execution.
   *
   * @throws IllegalStateException when its sequence is not the next one (a gap or a repeat)
   */
  public synchronized void append(Execution execution) {
    long expected = executions.size() + 1L;
    if (execution.sequence() != expected) {
      throw new IllegalStateException(
          "execution " + execution.sequence() + " out of sequence; expected " + expected);
    }
    executions.add(execution);
  }

  /** The sequence of the last execution, 0 while the feed is empty. */
  public synchronized long lastSequence() {
    return executions.size();
  }

  /** Up to {@code limit} executions with sequence greater than {@code after}, in sequence order. */
  public synchronized ExecutionPage after(long after, int limit) {
    if (after < 0 || limit < 1) {
      throw new IllegalArgumentException("after must be >= 0 and limit >= 1");
    }
    if (after >= executions.size()) {
      return new ExecutionPage(List.of(), after);
    }
    int from = (int) after;
    int to = (int) Math.min(executions.size(), after + limit);
    List<Execution> page = List.copyOf(executions.subList(from, to));
    return new ExecutionPage(page, page.getLast().sequence());
  }
}
