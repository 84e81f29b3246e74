package com.example.trading.cli;

import com.example.trading.sdk.TradingClient;
import com.example.trading.sdk.command.model.OrderAccepted;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "cancel",
    description = "Ask to cancel an order; an order that has already ended cannot be (exit 4).")
final class CancelCommand extends ApiCommand {

  @Parameters(paramLabel = "ORDER_ID", description = "The order to cancel.")
  String orderId;

  @Option(
      names = "--reason",
      paramLabel = "TEXT",
      description = "Why (up to 500 characters), recorded in the order's history with who asked.")
  String reason;

  @Mixin FollowOrder follow;

  @Override
  int run(TradingClient client) {
    OrderAccepted accepted = client.cancelOrder(orderId, reason);
    rememberWrite();
    follow.print(client, accepted, output);
    return 0;
  }
}
