package com.example.trading.cli;

import com.example.trading.sdk.TradingClient;
import com.example.trading.sdk.command.model.DepositAccepted;
import com.example.trading.sdk.query.model.Portfolio;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "deposit",
    description = {
      "Fund an account (operators). Without --no-wait, prints the portfolio once it shows the deposit.",
      "Repeating a deposit with the same --idempotency-key applies it once."
    })
final class DepositCommand extends ApiCommand {

  @Option(names = "--account", required = true, description = "The account.")
  String account;

  @Option(
      names = "--asset",
      required = true,
      description = "USD (cash) or an instrument, e.g. AAPL.")
  String asset;

  @Option(names = "--quantity", required = true, description = "A decimal, e.g. 10000.00 or 100.")
  String quantity;

  @Option(
      names = "--idempotency-key",
      description = "The deposit's key (default: a new random one).")
  String idempotencyKey;

  @Option(
      names = "--no-wait",
      description = "Print the acceptance only; do not read the portfolio back.")
  boolean noWait;

  @Override
  int run(TradingClient client) {
    DepositAccepted accepted =
        client.deposit(
            account,
            asset,
            quantity,
            idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString());
    rememberWrite();
    if (noWait) {
      output.print(accepted, Views.deposited(accepted));
      return 0;
    }
    Portfolio portfolio = client.portfolio(account, accepted.getPosition());
    output.print(portfolio, Views.portfolio(portfolio));
    return 0;
  }
}
