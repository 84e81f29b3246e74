package com.example.trading.saga.store;

import java.util.function.Supplier;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Runs work that appends events (the inbox, the market gateway) in one database transaction inside
 * an Axon unit of work: the events are appended at prepare-commit in the same transaction as the
 * rest of the work (offset-independent inbox rows, cursor advance, request completion), and the
 * event store wakes the saga processor only after the commit, so it finds them at once instead of
 * at its next poll. All of it commits, or none of it.
 */
@Component
public class EventStoreTransactions {

  private final TransactionManager transactionManager;

  EventStoreTransactions(TransactionManager transactionManager) {
    this.transactionManager = transactionManager;
  }

  public <T> T execute(Supplier<T> work) {
    UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
    unitOfWork.attachTransaction(transactionManager);
    var result = unitOfWork.executeWithResult(work::get);
    if (result.isExceptional()) {
      Throwable failure = result.exceptionResult();
      if (failure instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (failure instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(failure);
    }
    return result.getPayload();
  }

  public void execute(Runnable work) {
    execute(
        () -> {
          work.run();
          return null;
        });
  }
}
