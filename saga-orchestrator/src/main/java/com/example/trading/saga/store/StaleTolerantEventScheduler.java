package com.example.trading.saga.store;

import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.scheduling.EventScheduler;
import org.axonframework.eventhandling.scheduling.ScheduleToken;
import org.axonframework.eventhandling.scheduling.dbscheduler.DbSchedulerEventScheduler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * The sagas' deadline scheduler: Axon's {@link DbSchedulerEventScheduler}, except that cancelling a
 * deadline that db-scheduler is storing at that moment (or has stored already) is not an error:
 * that deadline is on its way to the saga, which will find itself past it and ignore it. Without
 * this, a saga moving on just as its deadline fired would fail its processor's whole batch.
 */
final class StaleTolerantEventScheduler implements EventScheduler {

  private final DbSchedulerEventScheduler scheduler;

  StaleTolerantEventScheduler(DbSchedulerEventScheduler scheduler) {
    this.scheduler = scheduler;
  }

  @Override
  public ScheduleToken schedule(Instant triggerDateTime, Object event) {
    return scheduler.schedule(triggerDateTime, withCorrelationData(event));
  }

  @Override
  public ScheduleToken schedule(Duration triggerDuration, Object event) {
    return scheduler.schedule(triggerDuration, withCorrelationData(event));
  }

  /**
   * The deadline carries the envelope of the step that set it (correlation id, trace context,
   * cause), as anything else the saga decides does: it is published later, on db-scheduler's
   * thread, where that step's unit of work is gone.
   */
  private static Object withCorrelationData(Object event) {
    if (event instanceof EventMessage<?> || !CurrentUnitOfWork.isStarted()) {
      return event;
    }
    return GenericEventMessage.asEventMessage(event)
        .andMetaData(CurrentUnitOfWork.get().getCorrelationData());
  }

  @Override
  public void cancelSchedule(ScheduleToken scheduleToken) {
    try {
      scheduler.cancelSchedule(scheduleToken);
    } catch (TaskInstanceNotFoundException
        | TaskInstanceCurrentlyExecutingException storedOrBeingStored) {
      // on its way to the saga, which ignores it as stale
    }
  }

  @Override
  public void shutdown() {
    scheduler.shutdown();
  }
}
