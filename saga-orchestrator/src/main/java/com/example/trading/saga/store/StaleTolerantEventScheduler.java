package com.example.trading.saga.store;

import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.eventhandling.scheduling.EventScheduler;
import org.axonframework.eventhandling.scheduling.ScheduleToken;
import org.axonframework.eventhandling.scheduling.dbscheduler.DbSchedulerEventScheduler;

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
    return scheduler.schedule(triggerDateTime, event);
  }

  @Override
  public ScheduleToken schedule(Duration triggerDuration, Object event) {
    return scheduler.schedule(triggerDuration, event);
  }

  @Override
  public void cancelSchedule(ScheduleToken scheduleToken) {
    try {
      scheduler.cancelSchedule(scheduleToken);
    } catch (TaskInstanceNotFoundException | TaskInstanceCurrentlyExecutingException storedOrBeingStored) {
      // on its way to the saga, which ignores it as stale
    }
  }

  @Override
  public void shutdown() {
    scheduler.shutdown();
  }
}
