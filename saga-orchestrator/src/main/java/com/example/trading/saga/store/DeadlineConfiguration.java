package com.example.trading.saga.store;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Task;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * Persistent saga deadlines: Axon's {@link DbSchedulerDeadlineManager} on db-scheduler's
 * {@code scheduled_tasks} table in the saga database, so a deadline survives a restart.
 *
 * <p>db-scheduler reaches the database through a {@link TransactionAwareDataSourceProxy}, so a
 * deadline the saga schedules or cancels is written in the saga's own transaction (Axon does it
 * at prepare-commit): saga state and its deadline commit or roll back together. A deadline fires
 * at least once (db-scheduler re-runs an execution whose node died); the saga recognises a stale
 * or repeated one by its payload. A deadline is delivered only after the saga processor has handled
 * what was stored when it came due ({@link CaughtUpDeadlineTask}), so it measures the other
 * party's silence, not our own queue; cancelling one that is being delivered is not an error
 * ({@link StaleTolerantDeadlineManager}). The scheduler starts after everything else and stops first.
 * Axon's own db-scheduler auto-configuration is excluded so this is the one wiring.
 */
@Configuration(proxyBeanMethods = false)
class DeadlineConfiguration {

  @Bean
  Task<DbSchedulerBinaryDeadlineDetails> axonDeadlineTask(ObjectProvider<DbSchedulerDeadlineManager> deadlineManager,
      SagaProcessorProgress progress,
      @Value("${trading.saga.deadlines.max-catch-up-wait:2m}") Duration maxCatchUpWait) {
    return new CaughtUpDeadlineTask<>(DbSchedulerDeadlineManager.binaryTask(deadlineManager::getObject), progress,
        maxCatchUpWait);
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
  DbSchedulerDeadlineManager deadlineManager(Scheduler deadlineScheduler,
      ObjectProvider<org.axonframework.config.Configuration> axon, Serializer serializer,
      TransactionManager transactionManager) {
    // The saga managers are looked up when a deadline fires, once Axon's configuration exists.
    return DbSchedulerDeadlineManager.builder()
        .scheduler(deadlineScheduler)
        .scopeAwareProvider(scope -> new ConfigurationScopeAwareProvider(axon.getObject()).provideScopeAwareStream(scope))
        .serializer(serializer)
        .transactionManager(transactionManager)
        .startScheduler(false)
        .stopScheduler(false)
        .build();
  }

  @Bean
  @Primary
  DeadlineManager sagaDeadlineManager(DbSchedulerDeadlineManager deadlineManager, Scheduler deadlineScheduler) {
    return new StaleTolerantDeadlineManager(deadlineManager, deadlineScheduler);
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
