package com.example.trading.saga.outbox;

import com.example.trading.platform.kafka.TopicNames;
import com.example.trading.saga.store.AfterCommit;
import com.example.trading.schemas.AccountCommand;
import com.example.trading.schemas.FeeCommand;
import com.example.trading.schemas.HoldingCommand;
import com.example.trading.schemas.MessageMetadata;
import com.example.trading.schemas.OrderCommand;
import com.example.trading.schemas.Topics;
import com.example.trading.schemas.TradingCommand;
import com.example.trading.schemas.codec.MessageCodec;
import java.util.UUID;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MetaData;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The only handler of the contract's commands in this service: it writes each command the sagas
 * dispatch on the local command bus into {@code command_outbox}, in the transaction that stores the
 * saga's new state, so a command exists exactly when the decision that caused it does. {@link
 * OutboxRelay} publishes the rows to {@value Topics#COMMANDS}, woken after the commit.
 *
 * <p>The row carries the message envelope: a new messageId, correlationId = the order id,
 * causationId = the message being handled when the command was dispatched (the event or deadline
 * that caused it), and its trace context. Refuses to write outside a transaction.
 */
@Component
class CommandOutbox implements SmartInitializingSingleton {

  private final CommandBus commandBus;
  private final MessageCodec codec;
  private final JdbcTemplate jdbc;
  private final String commandTopic;
  private final OutboxRelay relay;

  CommandOutbox(
      CommandBus commandBus,
      MessageCodec codec,
      JdbcTemplate jdbc,
      TopicNames topics,
      OutboxRelay relay) {
    this.relay = relay;
    this.commandBus = commandBus;
    this.codec = codec;
    this.jdbc = jdbc;
    this.commandTopic = topics.of(Topics.COMMANDS);
  }

  @Override
  public void afterSingletonsInstantiated() {
    codec
        .messageClasses()
        .filter(TradingCommand.class::isAssignableFrom)
        .forEach(type -> commandBus.subscribe(type.getName(), this::store));
  }

  private Object store(CommandMessage<?> message) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException("a saga command must be stored in the saga's transaction");
    }
    TradingCommand command = (TradingCommand) message.getPayload();
    MetaData metadata = message.getMetaData();
    jdbc.update(
        """
        insert into command_outbox (message_id, topic, message_key, message_type, revision, payload,
                                    correlation_id, causation_id, traceparent)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        UUID.randomUUID().toString(),
        commandTopic,
        command.targetAggregateId(),
        codec.typeName(command.getClass()),
        codec.revision(command.getClass()),
        codec.serialize(command),
        correlationIdOf(command, metadata),
        text(metadata.get(MessageMetadata.CAUSATION_ID)),
        text(metadata.get(MessageMetadata.TRACEPARENT)));
    AfterCommit.wakeUp(relay);
    return null;
  }

  /** Everything a saga does for an order is one journey: the order id. */
  static String correlationIdOf(TradingCommand command, MetaData metadata) {
    return switch (command) {
      case OrderCommand order -> order.orderId();
      case FeeCommand fee -> fee.orderId();
      case HoldingCommand.ReserveHolding reserve -> reserve.orderId();
      case HoldingCommand.ReleaseReservation release -> release.orderId();
      case HoldingCommand.SettleReservation settle -> settle.orderId();
      case HoldingCommand.CreditHolding credit -> credit.orderId();
      case HoldingCommand.AdjustReservation adjust -> adjust.orderId();
      case HoldingCommand.DepositHolding deposit ->
          text(metadata.get(MessageMetadata.CORRELATION_ID));
      case AccountCommand account -> text(metadata.get(MessageMetadata.CORRELATION_ID));
    };
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
