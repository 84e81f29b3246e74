package com.example.trading.saga.store;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs an action once the current transaction has committed (never on rollback): how work written
 * in the saga's transaction tells an in-process worker that it is there to be picked up.
 */
public final class AfterCommit {

  private AfterCommit() {
  }

  /** Runs {@code action} after the current transaction's commit; requires an active transaction. */
  public static void run(Runnable action) {
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        action.run();
      }
    });
  }
}
