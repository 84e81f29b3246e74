package com.example.trading.saga.market;

import com.example.trading.saga.market.MarketCommand.CancelAtMarket;
import com.example.trading.saga.market.MarketCommand.ReplaceAtMarket;
import com.example.trading.saga.market.MarketCommand.RequestReferencePrice;
import com.example.trading.saga.market.MarketCommand.SubmitToMarket;
import com.example.trading.saga.store.AfterCommit;
import com.example.trading.schemas.MessageMetadata;
import com.example.trading.schemas.codec.MessageCodec;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.messaging.MetaData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Takes the saga's requests to the market gateway and queues each as a {@code market_request} row
 * in the saga's transaction: the HTTP call never runs inside a saga handler. {@link MarketGateway}
 * works the queue and is woken once the saga's transaction has committed.
 */
@Component
class MarketRequestQueue {

  /** The kinds of request, as stored. */
  enum Kind {
    QUOTE,
    SUBMIT,
    REPLACE,
    CANCEL
  }

  private static final ObjectMapper JSON = MessageCodec.objectMapper();

  private final JdbcTemplate jdbc;
  private final MarketGateway gateway;

  MarketRequestQueue(JdbcTemplate jdbc, MarketGateway gateway) {
    this.jdbc = jdbc;
    this.gateway = gateway;
  }

  @CommandHandler
  void handle(RequestReferencePrice command, MetaData metadata) {
    enqueue(Kind.QUOTE, command, metadata);
  }

  @CommandHandler
  void handle(SubmitToMarket command, MetaData metadata) {
    enqueue(Kind.SUBMIT, command, metadata);
  }

  @CommandHandler
  void handle(ReplaceAtMarket command, MetaData metadata) {
    enqueue(Kind.REPLACE, command, metadata);
  }

  @CommandHandler
  void handle(CancelAtMarket command, MetaData metadata) {
    enqueue(Kind.CANCEL, command, metadata);
  }

  private void enqueue(Kind kind, MarketCommand command, MetaData metadata) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException("a market request must be queued in the saga's transaction");
    }
    jdbc.update(
        """
        insert into market_request (order_id, kind, payload, correlation_id, causation_id, traceparent)
        values (?, ?, ?, ?, ?, ?)""",
        command.orderId(),
        kind.name(),
        toJson(command),
        command.orderId(),
        text(metadata.get(MessageMetadata.CAUSATION_ID)),
        text(metadata.get(MessageMetadata.TRACEPARENT)));
    AfterCommit.wakeUp(gateway);
  }

  static byte[] toJson(MarketCommand command) {
    try {
      return JSON.writeValueAsBytes(command);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static <T extends MarketCommand> T fromJson(byte[] json, Class<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
