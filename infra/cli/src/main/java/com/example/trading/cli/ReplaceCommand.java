package com.example.trading.cli;

import com.example.trading.sdk.TradingClient;
import com.example.trading.sdk.command.model.OrderAccepted;
import com.example.trading.sdk.command.model.ReplaceOrderRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "replace",
    description =
        "Ask to replace a working order's quantity, limit or stop price (at least one); the order"
            + " keeps its id, and its timeline says whether the replace went through. An order that"
            + " has ended, is not at the venue yet, or has a cancel or another replace in flight"
            + " cannot be (exit 4).")
final class ReplaceCommand extends ApiCommand {

  @Parameters(paramLabel = "ORDER_ID", description = "The order to replace.")
  String orderId;

  @Option(names = "--quantity", description = "The new quantity: more than what has filled.")
  Long quantity;

  @Option(names = "--limit-price", description = "The new limit (LIMIT, STOP_LIMIT), e.g. 189.00.")
  String limitPrice;

  @Option(
      names = "--stop-price",
      description = "The new stop (STOP, STOP_LIMIT, before it triggered), e.g. 195.00.")
  String stopPrice;

  @Mixin FollowOrder follow;

  @Override
  int run(TradingClient client) {
    OrderAccepted accepted =
        client.replaceOrder(
            orderId,
            new ReplaceOrderRequest()
                .quantity(quantity)
                .limitPrice(limitPrice)
                .stopPrice(stopPrice));
    rememberWrite();
    follow.print(client, accepted, output);
    return 0;
  }
}
