package com.example.trading.cli;

import com.example.trading.sdk.TradingClient;
import com.example.trading.sdk.query.model.OrderView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "order",
    description = "Show one order with its timeline (as of your last write at least).")
final class OrderCommand extends ApiCommand {

  @Parameters(paramLabel = "ORDER_ID", description = "The order.")
  String orderId;

  @Mixin ReadAfter readAfter;

  @Override
  int run(TradingClient client) {
    OrderView order = client.order(orderId, readPosition(readAfter));
    output.print(order, Views.order(order));
    return 0;
  }
}
