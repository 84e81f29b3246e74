package com.example.trading.platform.axon;

import java.util.function.Supplier;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

/**
 * The event store's transactions: its writes (appends, snapshots) run in a transaction, the
 * caller's when there is one; its reads start none. A read inside a transaction (an aggregate
 * loaded while a command is handled) uses that transaction's connection, as before; a read outside
 * one (a tracking processor's poll) runs on a pooled connection in autocommit mode. Under
 * PostgreSQL's read committed every statement sees what was committed when it started, inside a
 * transaction or not, so the reads see the same rows; each poll just costs two round trips fewer
 * ({@code BEGIN}, {@code COMMIT}). Such polls were ~10 of the command database's ~24 transactions
 * per order (README "Benchmarks").
 */
final class ReadsWithoutTransactions implements TransactionManager {

  private final TransactionManager writes;

  ReadsWithoutTransactions(TransactionManager writes) {
    this.writes = writes;
  }

  @Override
  public Transaction startTransaction() {
    return writes.startTransaction();
  }

  /** Runs the read as it is: in the caller's transaction if there is one, else in autocommit. */
  @Override
  public <T> T fetchInTransaction(Supplier<T> read) {
    return read.get();
  }
}
