package com.example.trading.saga.store;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import java.time.Instant;
import org.axonframework.common.Registration;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * The sagas' deadline manager: Axon's {@link DbSchedulerDeadlineManager}, except that cancelling
 * a deadline db-scheduler is delivering at that moment (or has already delivered) is not an error.
 * Axon cancels at prepare-commit, so such a failure would roll back the saga processor's whole
 * batch and retry it for as long as the delivery runs; with deliveries held back until the
 * processor has caught up ({@link CaughtUpDeadlineTask}) that is exactly when a saga moves on.
 * The delivery then arrives for a step (or retry) the saga has left, and the saga ignores it.
 * Like Axon's, the cancel is written in the saga's transaction (prepare-commit).
 */
final class StaleTolerantDeadlineManager implements DeadlineManager {

  /** db-scheduler's task name for Axon's deadlines. */
  static final String TASK_NAME = "AxonDeadline";

  private final DbSchedulerDeadlineManager deadlines;
  private final SchedulerClient scheduler;

  StaleTolerantDeadlineManager(DbSchedulerDeadlineManager deadlines, SchedulerClient scheduler) {
    this.deadlines = deadlines;
    this.scheduler = scheduler;
  }

  @Override
  public String schedule(Instant triggerDateTime, String deadlineName, Object messageOrPayload,
      ScopeDescriptor deadlineScope) {
    return deadlines.schedule(triggerDateTime, deadlineName, messageOrPayload, deadlineScope);
  }

  @Override
  public void cancelSchedule(String deadlineName, String scheduleId) {
    Runnable cancel = () -> {
      try {
        scheduler.cancel(TaskInstanceId.of(TASK_NAME, scheduleId));
      } catch (TaskInstanceNotFoundException | TaskInstanceCurrentlyExecutingException goneOrFiring) {
        // delivered already, or being delivered now: it will find the saga past it
      }
    };
    if (CurrentUnitOfWork.isStarted()) {
      CurrentUnitOfWork.get().onPrepareCommit(unitOfWork -> cancel.run());
    } else {
      cancel.run();
    }
  }

  @Override
  public void cancelAll(String deadlineName) {
    deadlines.cancelAll(deadlineName);
  }

  @Override
  public void cancelAllWithinScope(String deadlineName, ScopeDescriptor scope) {
    deadlines.cancelAllWithinScope(deadlineName, scope);
  }

  @Override
  public Registration registerDispatchInterceptor(
      MessageDispatchInterceptor<? super DeadlineMessage<?>> dispatchInterceptor) {
    return deadlines.registerDispatchInterceptor(dispatchInterceptor);
  }

  @Override
  public Registration registerHandlerInterceptor(
      MessageHandlerInterceptor<? super DeadlineMessage<?>> handlerInterceptor) {
    return deadlines.registerHandlerInterceptor(handlerInterceptor);
  }

  @Override
  public void shutdown() {
    deadlines.shutdown();
  }
}
