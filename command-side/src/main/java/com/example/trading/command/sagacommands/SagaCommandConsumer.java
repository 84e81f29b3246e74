package com.example.trading.command.sagacommands;

import com.example.trading.command.RuleViolation;
import com.example.trading.platform.failure.CauseChain;
import com.example.trading.platform.kafka.ConsumerLoop;
import com.example.trading.platform.kafka.ConsumerSettings;
import com.example.trading.platform.kafka.DeadLetterPublisher;
import com.example.trading.platform.kafka.MessageSender;
import com.example.trading.platform.kafka.ReceivedMessage;
import com.example.trading.platform.kafka.TopicNames;
import com.example.trading.platform.logging.LoggingContext;
import com.example.trading.platform.tracing.Traces;
import com.example.trading.schemas.AccountCommand.OpenAccount;
import com.example.trading.schemas.AccountCommand.RequestDeposit;
import com.example.trading.schemas.HoldingCommand.DepositHolding;
import com.example.trading.schemas.MessageMetadata;
import com.example.trading.schemas.OrderCommand.CancelOrder;
import com.example.trading.schemas.OrderCommand.PlaceOrder;
import com.example.trading.schemas.Topics;
import com.example.trading.schemas.TradingCommand;
import com.example.trading.schemas.codec.MessageCodec;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.AxonNonTransientException;
import org.axonframework.common.caching.Cache;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Applies the saga's commands from the command topic to the local aggregates.
 *
 * <p>Each command is dispatched under its Kafka {@code messageId} and with its correlation
 * metadata, so the events it causes name it as their cause. Offsets are committed after the whole
 * poll was applied or dead-lettered ({@link ConsumerLoop}); the aggregates make a replayed command
 * change nothing. A command that fails for a technical reason is retried with exponential back-off
 * and jitter; one that an aggregate refuses by its rules, one that cannot be read, and one still
 * failing after the last attempt go to the dead-letter topic with the reason in the {@value
 * Topics#FAILURE_HEADER} header, and the consumer goes on.
 *
 * <p>A poll's commands are applied {@code trading.saga-commands.parallelism} at a time, grouped by
 * their key (the target aggregate): one aggregate's commands one after another in topic order,
 * other aggregates' at the same time. Each command is its own transaction, waiting mostly on the
 * database's commit, so a burst is not serialised behind one connection. The offsets are committed
 * once every group is done; a group that fails makes the whole poll replay (idempotent).
 */
@Component
class SagaCommandConsumer extends ConsumerLoop {

  private static final Logger log = LoggerFactory.getLogger(SagaCommandConsumer.class);

  /** Commands that only customers and operators give, through the HTTP API. */
  private static final List<Class<?>> NOT_FROM_THE_SAGA =
      List.of(
          PlaceOrder.class,
          CancelOrder.class,
          DepositHolding.class,
          OpenAccount.class,
          RequestDeposit.class);

  /** The cause recorded on the events of the saga's commands. */
  static final String SAGA_PRINCIPAL = "service:saga-orchestrator";

  private final CommandGateway commands;
  private final Traces traces;
  private final MessageCodec codec;
  private final Retry retry;
  private final MeterRegistry meters;
  private final String commandTopic;
  private final DeadLetterPublisher deadLetters;
  private final ExecutorService appliers;
  private final Set<String> parkedTypes;
  private final Cache aggregateCache;
  private final CommandTargetResolver targets;

  SagaCommandConsumer(
      ConsumerSettings sagaCommandConsumerSettings,
      MessageSender eventSender,
      @Qualifier("sagaCommandGateway") CommandGateway commands,
      MessageCodec codec,
      MeterRegistry meters,
      TopicNames topics,
      @Value("${trading.saga-commands.max-attempts:5}") int maxAttempts,
      @Value("${trading.saga-commands.initial-backoff:200ms}") Duration initialBackoff,
      @Value("${trading.saga-commands.parallelism:4}") int parallelism,
      @Value("${trading.saga-commands.park-types:}") Set<String> parkedTypes,
      Traces traces,
      @Qualifier("aggregateCache") Cache aggregateCache,
      @Qualifier("tradingCommandTargetResolver") CommandTargetResolver targets) {
    super("saga-command-consumer", sagaCommandConsumerSettings);
    this.aggregateCache = aggregateCache;
    this.targets = targets;
    this.parkedTypes =
        parkedTypes.stream()
            .map(String::strip)
            .filter(type -> !type.isEmpty())
            .collect(Collectors.toUnmodifiableSet());
    if (!this.parkedTypes.isEmpty()) {
      log.warn(
          "FAULT INJECTION: saga commands of types {} are parked on the dead-letter topic without being applied "
              + "(trading.saga-commands.park-types)",
          this.parkedTypes);
    }
    AtomicInteger threads = new AtomicInteger();
    this.appliers =
        Executors.newFixedThreadPool(
            parallelism,
            runnable -> {
              Thread thread = new Thread(runnable, "saga-command-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    this.commands = commands;
    this.traces = traces;
    this.codec = codec;
    this.meters = meters;
    this.commandTopic = topics.of(Topics.COMMANDS);
    this.deadLetters =
        new DeadLetterPublisher(
            eventSender, topics.of(Topics.COMMANDS_DEAD_LETTER), Clock.systemUTC());
    this.retry =
        Retry.of(
            "saga-commands",
            RetryConfig.custom()
                .maxAttempts(maxAttempts)
                .intervalFunction(
                    IntervalFunction.ofExponentialRandomBackoff(initialBackoff, 2.0, 0.5))
                .retryOnException(failure -> !isRefusal(failure))
                .build());
  }

  static boolean isRefusal(Throwable failure) {
    return CauseChain.of(failure)
        .anyMatch(t -> t instanceof RuleViolation || t instanceof AxonNonTransientException);
  }

  /** Whether the consumer currently owns partitions of the command topic. */
  @Override
  protected Collection<String> topics() {
    return List.of(commandTopic);
  }

  @Override
  protected void handle(List<ReceivedMessage> records) {
    Map<String, List<ReceivedMessage>> byAggregate = new LinkedHashMap<>();
    for (ReceivedMessage record : records) {
      byAggregate
          .computeIfAbsent(String.valueOf(record.key()), key -> new ArrayList<>())
          .add(record);
    }
    if (byAggregate.size() == 1) {
      byAggregate.values().forEach(group -> group.forEach(this::apply));
      return;
    }
    List<Future<?>> groups = new ArrayList<>(byAggregate.size());
    byAggregate
        .values()
        .forEach(group -> groups.add(appliers.submit(() -> group.forEach(this::apply))));
    awaitAll(groups);
  }

  private static void awaitAll(List<Future<?>> groups) {
    RuntimeException failure = null;
    for (Future<?> group : groups) {
      try {
        group.get();
      } catch (ExecutionException e) {
        if (failure == null) {
          failure =
              e.getCause() instanceof RuntimeException runtime
                  ? runtime
                  : new IllegalStateException(e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(
            "interrupted while applying saga commands; the poll replays", e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public void stop() {
    super.stop();
    appliers.shutdownNow();
  }

  private void apply(ReceivedMessage record) {
    MessageMetadata metadata;
    Object payload;
    try {
      metadata = MessageMetadata.fromHeaders(record::header);
      payload = codec.deserialize(metadata.type(), metadata.revision(), record.value());
    } catch (RuntimeException unreadable) {
      try (LoggingContext context =
          LoggingContext.of(record.header(MessageMetadata.CORRELATION_ID), null)) {
        deadLetter(record, "unreadable: " + unreadable.getMessage());
      }
      return;
    }
    // Every line logged while the command is handled (ours, the aggregate's) names its journey,
    // order and account, under a span of the journey's trace.
    try (LoggingContext context = LoggingContext.of(metadata.correlationId(), payload);
        Traces.Step step = traces.start("consume " + metadata.type(), metadata.traceparent())) {
      step.tag(MessageMetadata.CORRELATION_ID, metadata.correlationId());
      apply(record, metadata, payload);
    }
  }

  private void apply(ReceivedMessage record, MessageMetadata metadata, Object payload) {
    if (!(payload instanceof TradingCommand) || NOT_FROM_THE_SAGA.contains(payload.getClass())) {
      deadLetter(record, "not a saga command: " + metadata.type());
      return;
    }
    Map<String, Object> commandMetadata = new HashMap<>();
    commandMetadata.put(MessageMetadata.CAUSATION_ID, metadata.messageId());
    commandMetadata.put(MessageMetadata.PRINCIPAL, SAGA_PRINCIPAL);
    if (metadata.correlationId() != null) {
      commandMetadata.put(MessageMetadata.CORRELATION_ID, metadata.correlationId());
    }
    String traceparent = traces.traceparentOr(metadata.traceparent());
    if (traceparent != null) {
      commandMetadata.put(MessageMetadata.TRACEPARENT, traceparent);
    }
    if (parkedTypes.contains(metadata.type())) {
      deadLetter(
          record,
          "refused: "
              + metadata.type()
              + " is parked by fault injection (trading.saga-commands.park-types)");
      return;
    }
    var command =
        new GenericCommandMessage<>(
            new GenericMessage<>(metadata.messageId(), payload, MetaData.from(commandMetadata)),
            payload.getClass().getName());
    try {
      dispatch(command);
      meters.counter("trading.saga.commands.applied", "type", metadata.type()).increment();
    } catch (RuntimeException failure) {
      log.warn(
          "saga command {} {} for {} failed: {}",
          metadata.type(),
          metadata.messageId(),
          record.key(),
          failure.toString());
      deadLetter(record, (isRefusal(failure) ? "refused: " : "failed after retries: ") + failure);
    }
  }

  /**
   * Dispatches the command, retrying technical failures. A refusal decided on this instance's
   * cached copy of the aggregate may come from a copy another instance has changed since (the
   * command's partition was elsewhere and moved here, or another instance took an HTTP command for
   * it): the refusal's rollback evicted the copy, and the command is decided once more on the
   * stored state before the refusal is final. (A command that succeeds on a stale copy is refused
   * by the store and retried: see the aggregate cache in {@code AxonConfiguration}.)
   */
  private void dispatch(GenericCommandMessage<?> command) {
    String aggregateId = targets.resolveTarget(command).getIdentifier();
    boolean decidedOnACachedCopy = aggregateCache.containsKey(aggregateId);
    try {
      Retry.decorateRunnable(retry, () -> commands.sendAndWait(command)).run();
    } catch (RuntimeException failure) {
      if (!decidedOnACachedCopy || !isRefusal(failure)) {
        throw failure;
      }
      aggregateCache.remove(aggregateId);
      meters.counter("trading.saga.commands.decided_again").increment();
      Retry.decorateRunnable(retry, () -> commands.sendAndWait(command)).run();
    }
  }

  private void deadLetter(ReceivedMessage record, String reason) {
    deadLetters.publish(record, reason);
    meters.counter("trading.saga.commands.dead_lettered").increment();
    log.warn(
        "dead-lettered command {}@{} key {}: {}",
        record.topic(),
        record.offset(),
        record.key(),
        reason);
  }
}
