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
 * Persistent saga deadlines, delivered as events: Axon's {@link DbSchedulerEventScheduler} on
 * db-scheduler's {@code scheduled_tasks} table in the saga database. When a deadline comes due,
 * whichever instance's db-scheduler picks it (one: db-scheduler locks the row) appends it to the
 * orchestrator's event store; the saga processor hands it to the saga on the segment that owns
 * the order, in store order. So a deadline is handled by the one thread that handles the saga's
 * other events (never concurrently with them, on any instance), and after every answer stored
 * before it came due: it measures the other party's silence, not our own queue.
 *
 * <p>db-scheduler reaches the database through a {@link TransactionAwareDataSourceProxy}, so a
 * deadline the saga schedules or cancels is written in the saga's own transaction: saga state and
 * its deadline commit or roll back together. A deadline is stored at least once (db-scheduler
 * re-runs an execution whose node died); the saga recognises a stale or repeated one by its payload,
 * and cancelling one already on its way is not an error ({@link StaleTolerantEventScheduler}). The
 * scheduler starts after everything else and stops first. Axon's own db-scheduler
 * auto-configuration is excluded so this is the one wiring.
 */
@Configuration(proxyBeanMethods = false)
class DeadlineConfiguration {

  @Bean
  Task<DbSchedulerBinaryEventData> axonScheduledEventTask(ObjectProvider<DbSchedulerEventScheduler> deadlines) {
    return DbSchedulerEventScheduler.binaryTask(deadlines::getObject);
  }

  @Bean
  Scheduler deadlineScheduler(DataSource dataSource, List<Task<?>> tasks,
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
  DbSchedulerEventScheduler dbSchedulerEventScheduler(Scheduler deadlineScheduler, EventStore eventStore,
      @Qualifier("eventSerializer") Serializer serializer, TransactionManager transactionManager) {
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
