package com.example.trading.saga.order;

/**
 * Where the order saga records its progress for operators (the {@code saga_status} table behind
 * the stuck-saga query and the by-step metrics). Called inside the saga's transaction, so the
 * journal never disagrees with the saga's stored state.
 */
public interface SagaJournal {

  /** The saga of {@code orderId} is now at {@code step}; {@code ending} is its decided end or null. */
  void moved(String orderId, SagaStep step, Ending ending);

  /** The step's deadline passed {@code retry} times without what it waits for. */
  void retrying(String orderId, SagaStep step, int retry, String waitingFor);

  /** The saga ended with {@code ending}. */
  void finished(String orderId, Ending ending);
}
