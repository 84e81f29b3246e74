package com.example.trading.saga.order;

import java.time.Duration;

/**
 * Where the order saga records its progress for operators (the {@code saga_status} table behind the
 * stuck-saga query and the by-step metrics) and arms its step's deadline: one deadline per saga,
 * replaced by every move and retry, cleared by the end; when it comes due, a {@link
 * StepDeadlinePassed} naming the step and retry is appended to the saga's event store. Called
 * inside the saga's transaction, so neither ever disagrees with the saga's stored state.
 */
public interface SagaJournal {

  /**
   * The saga of {@code orderId} is now at {@code step}; {@code ending} is its decided end or null.
   * Its deadline (retry 0) comes due {@code deadlineIn} from now.
   */
  void moved(String orderId, SagaStep step, Ending ending, Duration deadlineIn);

  /**
   * The step's deadline passed {@code retry} times without what it waits for; the next one (that
   * retry's) comes due {@code deadlineIn} from now.
   */
  void retrying(String orderId, SagaStep step, int retry, String waitingFor, Duration deadlineIn);

  /** The saga ended with {@code ending}; its deadline is cleared. */
  void finished(String orderId, Ending ending);
}
