package com.example.trading.exchange.order;

import com.example.trading.exchange.execution.Execution;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One atomic change of the order book, as one line of its journal: optionally an order the venue
 * received, then the executions that change caused (a placement's rejection or fills, a cancel
 * confirmation, a tick's fills and expiries), in sequence order. The book is the fold of its
 * entries, so replaying the journal restores it exactly, with the same sequences and fill ids.
 *
 * @param placed the order received, when the change is a placement
 * @param executions what happened to orders, consecutive in the feed's sequence
 * @param replaced the new terms of a live order, when the change is a replace (then the executions
 *     are what the new terms filled at once)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BookEntry(
    @Nullable PlacedOrder placed, List<Execution> executions, @Nullable Replacement replaced) {

  public BookEntry {
    executions = List.copyOf(executions);
  }

  /** A placement (or, without one, a change to orders the book has) and what it caused. */
  public BookEntry(@Nullable PlacedOrder placed, List<Execution> executions) {
    this(placed, executions, null);
  }
}
