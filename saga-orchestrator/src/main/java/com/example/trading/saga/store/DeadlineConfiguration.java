package com.example.trading.saga.store;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Task;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.scheduling.EventScheduler;
import org.axonframework.eventhandling.scheduling.dbscheduler.DbSchedulerBinaryEventData;
import org.axonframework.eventhandling.scheduling.dbscheduler.DbSchedulerEventScheduler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * The db-scheduler deadlines of sagas stored before step deadlines moved into {@code saga_status}
 * (see {@link StepDeadlines}): such a saga holds a token of Axon's {@link
 * DbSchedulerEventScheduler} (on db-scheduler's {@code scheduled_tasks} table) that it cancels when
 * it next moves, and one that comes due is still appended to the event store and reaches the saga
 * like any deadline. No saga schedules here any more; this wiring drains what an earlier version
 * scheduled and can go once {@code scheduled_tasks} is empty everywhere.
 *
 * <p>db-scheduler reaches the database through a {@link TransactionAwareDataSourceProxy}, so a
 * cancel is written in the saga's own transaction. A deadline is stored at least once (db-scheduler
 * re-runs an execution whose node died); the saga recognises a stale or repeated one by its
 * payload, and cancelling one already on its way is not an error ({@link
 * StaleTolerantEventScheduler}). The scheduler starts after everything else and stops first. Axon's
 * own db-scheduler auto-configuration is excluded so this is the one wiring.
 */
@Configuration(proxyBeanMethods = false)
class DeadlineConfiguration {

  @Bean
  Task<DbSchedulerBinaryEventData> axonScheduledEventTask(
      ObjectProvider<DbSchedulerEventScheduler> deadlines) {
    return DbSchedulerEventScheduler.binaryTask(deadlines::getObject);
  }

  @Bean
  Scheduler deadlineScheduler(
      DataSource dataSource,
      List<Task<?>> tasks,
      @Value("${trading.saga.deadlines.polling-interval:1s}") Duration pollingInterval,
      @Value("${trading.saga.deadlines.threads:2}") int threads) {
    return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), tasks)
        .tableName("scheduled_tasks")
        .threads(threads)
        .pollingInterval(pollingInterval)
        .heartbeatInterval(Duration.ofSeconds(10))
        .shutdownMaxWait(Duration.ofSeconds(10))
        .build();
  }

  @Bean
  DbSchedulerEventScheduler dbSchedulerEventScheduler(
      Scheduler deadlineScheduler,
      EventStore eventStore,
      @Qualifier("eventSerializer") Serializer serializer,
      TransactionManager transactionManager) {
    return DbSchedulerEventScheduler.builder()
        .scheduler(deadlineScheduler)
        .eventBus(eventStore)
        .serializer(serializer)
        .transactionManager(transactionManager)
        .startScheduler(false)
        .stopScheduler(false)
        .build();
  }

  @Bean
  @Primary
  EventScheduler sagaDeadlines(DbSchedulerEventScheduler scheduler) {
    return new StaleTolerantEventScheduler(scheduler);
  }

  @Bean
  SmartLifecycle deadlineSchedulerLifecycle(Scheduler deadlineScheduler) {
    return new SmartLifecycle() {
      private volatile boolean running;

      @Override
      public void start() {
        deadlineScheduler.start();
        running = true;
      }

      @Override
      public void stop() {
        deadlineScheduler.stop();
        running = false;
      }

      @Override
      public boolean isRunning() {
        return running;
      }

      @Override
      public int getPhase() {
        // After Axon's processors start, before they stop.
        return Integer.MAX_VALUE - 100;
      }
    };
  }
}
