package com.example.trading.saga.order;

import com.example.trading.schemas.TradingCommand;
import com.example.trading.schemas.codec.MessageCodec;
import java.nio.charset.StandardCharsets;

/**
 * A command the saga sent and whose effect it has not seen yet, kept in the contract's JSON form so
 * it can be sent again as it was (the receiving aggregate makes a repeat change nothing).
 */
public record PendingCommand(String type, int revision, String json) {

  private static final MessageCodec CODEC = new MessageCodec();

  static PendingCommand of(TradingCommand command) {
    return new PendingCommand(
        CODEC.typeName(command.getClass()),
        CODEC.revision(command.getClass()),
        new String(CODEC.serialize(command), StandardCharsets.UTF_8));
  }

  TradingCommand command() {
    return (TradingCommand)
        CODEC.deserialize(type, revision, json.getBytes(StandardCharsets.UTF_8));
  }
}
