package com.example.trading.saga.store;

import com.example.trading.platform.worker.PollingWorker;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * How work written in the saga's transaction tells the in-process worker that picks it up that it
 * is there: the worker is woken once the transaction has committed (never on rollback), once per
 * transaction however many rows it wrote (Spring keeps a transaction's synchronizations in a set,
 * and two wake-ups of one worker are equal).
 */
public final class AfterCommit {

  private AfterCommit() {}

  /**
   * Wakes {@code worker} after the current transaction's commit; requires an active transaction.
   */
  public static void wakeUp(PollingWorker worker) {
    TransactionSynchronizationManager.registerSynchronization(new WakeUp(worker));
  }

  private record WakeUp(PollingWorker worker) implements TransactionSynchronization {
    @Override
    public void afterCommit() {
      worker.wakeUp();
    }
  }
}
