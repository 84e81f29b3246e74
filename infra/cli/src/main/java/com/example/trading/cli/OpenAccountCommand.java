package com.example.trading.cli;

import com.example.trading.sdk.TradingClient;
import com.example.trading.sdk.command.model.AccountOpenedAnswer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "open-account", description = "Open an account for a customer (operators).")
final class OpenAccountCommand extends ApiCommand {

  @Option(names = "--account", required = true, description = "The new account's id.")
  String account;

  @Option(names = "--customer", required = true, description = "The customer who owns it.")
  String customer;

  @Override
  int run(TradingClient client) {
    AccountOpenedAnswer opened = client.openAccount(account, customer);
    rememberWrite();
    output.print(opened, Views.opened(opened));
    return 0;
  }
}
