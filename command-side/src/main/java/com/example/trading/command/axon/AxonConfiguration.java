package com.example.trading.command.axon;

import com.example.trading.schemas.MessageMetadata;
import com.example.trading.schemas.MessageType;
import com.example.trading.schemas.TradingCommand;
import com.example.trading.schemas.codec.MessageCodec;
import com.example.trading.schemas.fee.FeeSchedule;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import org.axonframework.common.AxonTransientException;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.ExponentialBackOffIntervalRetryScheduler;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.dao.TransientDataAccessException;

/**
 * How the aggregates are stored and reached: events serialized in the contract's JSON form with
 * the contract's revisions (so stored events and Kafka messages agree), commands routed by
 * {@link TradingCommand#targetAggregateId()}, a snapshot of each Holding every N events, an
 * aggregate cache, and a command gateway that retries commands that lost an optimistic-concurrency
 * race with back-off.
 */
@Configuration(proxyBeanMethods = false)
class AxonConfiguration {

  static boolean isTransient(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof AxonTransientException || t instanceof TransientDataAccessException
          || t instanceof java.sql.SQLTransientException) {
        return true;
      }
    }
    return false;
  }

  @Bean
  MessageCodec messageCodec() {
    return new MessageCodec();
  }

  @Bean
  @Qualifier("eventSerializer")
  Serializer eventSerializer(MessageCodec codec) {
    return JacksonSerializer.builder()
        .objectMapper(MessageCodec.objectMapper())
        .revisionResolver(type -> type.isAnnotationPresent(MessageType.class)
            ? Integer.toString(codec.revision(type)) : null)
        .build();
  }

  /**
   * Every event and command caused by a message carries the message's correlation id and trace
   * context, and names the message as its cause.
   */
  @Bean
  CorrelationDataProvider contractMetadataProvider() {
    return message -> {
      Map<String, Object> data = new HashMap<>();
      data.put(MessageMetadata.CAUSATION_ID, message.getIdentifier());
      Object correlationId = message.getMetaData().get(MessageMetadata.CORRELATION_ID);
      if (correlationId != null) {
        data.put(MessageMetadata.CORRELATION_ID, correlationId);
      }
      Object traceparent = message.getMetaData().get(MessageMetadata.TRACEPARENT);
      if (traceparent != null) {
        data.put(MessageMetadata.TRACEPARENT, traceparent);
      }
      return data;
    };
  }

  @Bean
  CommandTargetResolver tradingCommandTargetResolver() {
    return new TradingCommandTargetResolver();
  }

  @Bean
  SnapshotTriggerDefinition holdingSnapshotTrigger(Snapshotter snapshotter,
      @Value("${trading.holding.snapshot-every:100}") int eventsBetweenSnapshots) {
    return new EventCountSnapshotTriggerDefinition(snapshotter, eventsBetweenSnapshots);
  }

  @Bean
  Cache aggregateCache() {
    return new WeakReferenceCache();
  }

  @Bean
  FeeSchedule currentFeeSchedule() {
    return FeeSchedule.STANDARD_V1;
  }

  @Bean
  @Primary
  CommandGateway commandGateway(CommandBus commandBus) {
    return DefaultCommandGateway.builder()
        .commandBus(commandBus)
        .retryScheduler(ExponentialBackOffIntervalRetryScheduler.builder()
            .retryExecutor(Executors.newSingleThreadScheduledExecutor(runnable -> {
              Thread thread = new Thread(runnable, "command-retry");
              thread.setDaemon(true);
              return thread;
            }))
            .backoffFactor(20)
            .maxRetryCount(5)
            // Only a lost optimistic-concurrency race or a transient database failure is worth
            // another try; a refused command is refused again.
            .nonTransientFailurePredicate(failure -> !isTransient(failure))
            .build())
        .build();
  }
}
