package com.example.trading.cli;

import com.example.trading.sdk.ClientCredentials;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "login",
    description = {
      "Check API credentials against the issuer (OAuth2 client credentials) and save them, with where the APIs "
          + "are, in the profile (${TRADING_CLI_HOME:-~/.trading}/profile.properties, readable by you only).",
      "Customers get credentials from the back office (POST /api/customers on the issuer); operators use "
          + "trading-operator with --scope trading.operator."
    })
final class LoginCommand implements Callable<Integer> {

  @ParentCommand TradingCli cli;

  @Spec CommandSpec spec;

  @Option(
      names = "--client-id",
      required = true,
      description = "The API client id (a customer's is their id).")
  String clientId;

  @Option(
      names = "--client-secret",
      required = true,
      arity = "0..1",
      interactive = true,
      description = "The client secret; asked for when given without a value.")
  String clientSecret;

  @Option(
      names = "--scope",
      defaultValue = "trading.customer",
      description = "trading.customer or trading.operator (default: ${DEFAULT-VALUE}).")
  String scope;

  @Option(
      names = "--issuer",
      defaultValue = "${env:TRADING_ISSUER_URI:-http://127.0.0.1:9000}",
      description = "The OAuth2 issuer (default: ${DEFAULT-VALUE}).")
  URI issuer;

  @Option(
      names = "--command-api",
      defaultValue = "${env:TRADING_COMMAND_API:-http://127.0.0.1:8081}",
      description = "The command API (default: ${DEFAULT-VALUE}).")
  URI commandApi;

  @Option(
      names = "--query-api",
      defaultValue = "${env:TRADING_QUERY_API:-http://127.0.0.1:8082}",
      description = "The query API (default: ${DEFAULT-VALUE}).")
  URI queryApi;

  @Override
  public Integer call() {
    new ClientCredentials(issuer, clientId, clientSecret, scope).current();
    new Profile(issuer, commandApi, queryApi, clientId, clientSecret, scope, null)
        .save(cli.profileFile());
    spec.commandLine()
        .getOut()
        .println(
            "Logged in as "
                + clientId
                + " ("
                + scope
                + ") at "
                + issuer
                + "; profile saved to "
                + cli.profileFile());
    return 0;
  }
}
