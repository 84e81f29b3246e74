package com.example.trading.cli;

import com.example.trading.sdk.TradingClient;
import com.example.trading.sdk.command.model.OrderAccepted;
import com.example.trading.sdk.command.model.PlaceOrderRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "place",
    description = {
      "Place an order. Without --no-wait, prints the order as the views show it right after the placement "
          + "(read-your-writes); with --await-end, once it has ended.",
      "Placing again with the same --client-order-id answers the first order and places nothing."
    })
final class PlaceCommand extends ApiCommand {

  @Option(names = "--account", required = true, description = "The account to trade for.")
  String account;

  @Option(names = "--side", required = true, description = "${COMPLETION-CANDIDATES}.")
  PlaceOrderRequest.SideEnum side;

  @Option(names = "--instrument", required = true, description = "e.g. AAPL.")
  String instrument;

  @Option(names = "--quantity", required = true, description = "Whole shares, > 0.")
  long quantity;

  @Option(
      names = "--type",
      description =
          "${COMPLETION-CANDIDATES} (default: LIMIT with --limit-price, else MARKET; STOP and"
              + " STOP_LIMIT take --stop-price).")
  PlaceOrderRequest.TypeEnum type;

  @Option(names = "--limit-price", description = "The limit price of a LIMIT order, e.g. 190.25.")
  String limitPrice;

  @Option(
      names = "--stop-price",
      description =
          "The stop of a STOP or STOP_LIMIT order, e.g. 195.00: a BUY triggers when the price rises"
              + " to it, a SELL when it falls to it.")
  String stopPrice;

  @Option(names = "--max-fee", description = "The most you accept to pay in fees, e.g. 25.00.")
  String maxFee;

  @Option(
      names = "--time-in-force",
      description =
          "${COMPLETION-CANDIDATES} (default: DAY): DAY until the venue's session close, GTC until"
              + " filled or cancelled, IOC what fills at once, FOK all at once or nothing.")
  PlaceOrderRequest.TimeInForceEnum timeInForce;

  @Option(
      names = "--client-order-id",
      description = "Your id for the order (default: a new random one).")
  String clientOrderId;

  @Mixin FollowOrder follow;

  @Override
  int run(TradingClient client) {
    PlaceOrderRequest request =
        new PlaceOrderRequest()
            .accountId(account)
            .clientOrderId(clientOrderId)
            .side(side)
            .instrument(instrument)
            .quantity(quantity)
            .type(
                type != null
                    ? type
                    : limitPrice != null
                        ? PlaceOrderRequest.TypeEnum.LIMIT
                        : PlaceOrderRequest.TypeEnum.MARKET)
            .limitPrice(limitPrice)
            .maxFee(maxFee)
            .timeInForce(timeInForce)
            .stopPrice(stopPrice);
    OrderAccepted accepted = client.placeOrder(request);
    rememberWrite();
    follow.print(client, accepted, output);
    return 0;
  }
}
