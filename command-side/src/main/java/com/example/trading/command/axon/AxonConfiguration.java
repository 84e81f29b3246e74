package com.example.trading.command.axon;

import com.example.trading.command.RuleViolation;
import com.example.trading.platform.axon.BoundedCache;
import com.example.trading.platform.axon.CrossInstanceEventStoreConfiguration;
import com.example.trading.schemas.TradingCommand;
import java.util.concurrent.Executors;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.ExponentialBackOffIntervalRetryScheduler;
import org.axonframework.common.AxonNonTransientException;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * How the aggregates are stored and reached (the contract's serializer and message envelope come
 * from the platform's {@code AxonContractAutoConfiguration}): commands routed by {@link
 * TradingCommand#targetAggregateId()}, a snapshot of each Holding every N events, a bounded
 * aggregate cache, and a command gateway that retries commands that lost an optimistic-concurrency
 * race with back-off.
 */
@Configuration(proxyBeanMethods = false)
@Import(CrossInstanceEventStoreConfiguration.class)
class AxonConfiguration {

  /**
   * Whether this failure shows that the same command would fail again: an aggregate refusing it by
   * its rules, a command no handler or aggregate can take, or a malformed one. Axon's retry
   * scheduler asks this of every link of a failure's cause chain and retries only when no link says
   * so, so it must judge each link alone: a lost concurrency race (a {@code ConcurrencyException}
   * caused by PostgreSQL's duplicate-key error, e.g. a command decided on a cached aggregate
   * another instance has changed since) is retried on the stored state.
   */
  static boolean refusesRetry(Throwable failure) {
    return failure instanceof RuleViolation
        || failure instanceof AxonNonTransientException
        || failure instanceof IllegalArgumentException;
  }

  @Bean
  CommandTargetResolver tradingCommandTargetResolver() {
    return new TradingCommandTargetResolver();
  }

  @Bean
  SnapshotTriggerDefinition holdingSnapshotTrigger(
      Snapshotter snapshotter,
      @Value("${trading.holding.snapshot-every:100}") int eventsBetweenSnapshots) {
    return new EventCountSnapshotTriggerDefinition(snapshotter, eventsBetweenSnapshots);
  }

  /**
   * Safe when another instance has changed an aggregate since it was cached (a Kafka partition
   * moved away and back): a command decided on the stale copy appends at a sequence number that is
   * already taken, the store refuses it (unique aggregate id and sequence), Axon's repository
   * evicts the copy on the rollback, and the command is retried on the stored state (the gateway
   * retries a lost concurrency race). It is never applied to stale state and never dropped. A saga
   * command the stale copy's rules refuse is decided again on the stored state by {@code
   * SagaCommandConsumer} before the refusal is final.
   */
  @Bean
  Cache aggregateCache(@Value("${trading.aggregate-cache.maximum-size:100000}") long maximumSize) {
    return new BoundedCache(maximumSize);
  }

  /**
   * The gateway of the saga's commands from Kafka: no retries of its own, because {@code
   * SagaCommandConsumer} retries each command (one retry layer per path; with both, a command was
   * dispatched up to 5 × 5 times).
   */
  @Bean
  @Qualifier("sagaCommandGateway")
  CommandGateway sagaCommandGateway(CommandBus commandBus) {
    return DefaultCommandGateway.builder().commandBus(commandBus).build();
  }

  /** The gateway of the HTTP API's commands, which retries what is worth another try. */
  @Bean
  @Primary
  CommandGateway commandGateway(CommandBus commandBus) {
    return DefaultCommandGateway.builder()
        .commandBus(commandBus)
        .retryScheduler(
            ExponentialBackOffIntervalRetryScheduler.builder()
                .retryExecutor(
                    Executors.newSingleThreadScheduledExecutor(
                        runnable -> {
                          Thread thread = new Thread(runnable, "command-retry");
                          thread.setDaemon(true);
                          return thread;
                        }))
                .backoffFactor(20)
                .maxRetryCount(5)
                // A refused command is refused again; a lost concurrency race or a database
                // hiccup is worth another try (nothing of a failed attempt was stored).
                .nonTransientFailurePredicate(AxonConfiguration::refusesRetry)
                .build())
        .build();
  }
}
