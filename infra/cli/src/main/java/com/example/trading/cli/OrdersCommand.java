package com.example.trading.cli;

import com.example.trading.sdk.OrderQuery;
import com.example.trading.sdk.TradingClient;
import com.example.trading.sdk.query.model.OrderPage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "orders",
    description = "List an account's orders, newest first (as of your last write at least).")
final class OrdersCommand extends ApiCommand {

  @Option(names = "--account", required = true, description = "The account.")
  String account;

  @Option(names = "--status", description = "Only orders in this status, e.g. FILLED.")
  String status;

  @Option(names = "--instrument", description = "Only orders of this instrument.")
  String instrument;

  @Option(names = "--side", description = "Only BUY or SELL orders.")
  String side;

  @Option(names = "--size", description = "How many orders per page.")
  Integer size;

  @Option(
      names = "--cursor",
      description = "The next page's cursor, as the previous page printed it.")
  String cursor;

  @Mixin ReadAfter readAfter;

  @Override
  int run(TradingClient client) {
    OrderPage page =
        client.orders(
            account,
            OrderQuery.all()
                .status(status)
                .instrument(instrument)
                .side(side)
                .size(size)
                .cursor(cursor)
                .minPosition(readPosition(readAfter)));
    output.print(page, Views.orders(page));
    if (page.getNextCursor() != null) {
      output.note("more: --cursor " + page.getNextCursor());
    }
    return 0;
  }
}
