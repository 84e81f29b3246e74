package com.example.trading.cli;

import com.example.trading.sdk.TradingClient;
import com.example.trading.sdk.query.model.Portfolio;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "portfolio", description = "Show an account's holdings, open orders and fees paid.")
final class PortfolioCommand extends ApiCommand {

  @Option(names = "--account", required = true, description = "The account.")
  String account;

  @Mixin ReadAfter readAfter;

  @Override
  int run(TradingClient client) {
    Portfolio portfolio = client.portfolio(account, readPosition(readAfter));
    output.note(
        "account "
            + portfolio.getAccountId()
            + " as of "
            + portfolio.getAsOf()
            + ": "
            + portfolio.getOpenOrders()
            + " open orders, fees paid "
            + portfolio.getFeesPaid());
    output.print(portfolio, Views.portfolio(portfolio));
    return 0;
  }
}
