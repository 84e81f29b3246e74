package com.example.trading.cli;

import com.example.trading.sdk.TradingApiException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/**
 * {@code trading}: a customer's (or an operator's) command line on the trading SDK. Every
 * subcommand prints a table for people or, with {@code --json}, the API's answer for scripts; every
 * failure prints a clear message on stderr and exits non-zero (see the exit codes).
 */
@Command(
    name = "trading",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT,
    versionProvider = TradingCli.Version.class,
    description = "Trade through the trading backend's command and query APIs.",
    subcommands = {
      LoginCommand.class,
      PlaceCommand.class,
      ReplaceCommand.class,
      CancelCommand.class,
      OrderCommand.class,
      OrdersCommand.class,
      PortfolioCommand.class,
      ActivitiesCommand.class,
      OpenAccountCommand.class,
      DepositCommand.class,
      LogoutCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done",
      "2:invalid command line",
      "3:not logged in, or the profile cannot be read (trading login)",
      "4:the API refused the request (4xx; the message says why)",
      "5:the API or the issuer is unavailable (5xx, unreachable, or still busy after the retries)",
      "1:anything else (a bug: please report it)"
    })
public final class TradingCli {

  static final int NOT_LOGGED_IN = 3;
  static final int REFUSED = 4;
  static final int UNAVAILABLE = 5;

  private final Map<String, String> environment;

  TradingCli(Map<String, String> environment) {
    this.environment = environment;
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(run(args, System.getenv(), out, err));
  }

  /** Runs the command line {@code args} and answers its exit code. */
  static int run(String[] args, Map<String, String> environment, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new TradingCli(environment));
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler((e, line, parsed) -> failed(e, line));
    return commandLine.execute(args);
  }

  Path profileFile() {
    return Profile.file(environment);
  }

  Map<String, String> environment() {
    return environment;
  }

  private static int failed(Exception e, CommandLine line) {
    boolean json = line.getCommand() instanceof ApiCommand command && command.output.json;
    PrintWriter err = line.getErr();
    if (e instanceof TradingApiException refused) {
      if (json) {
        err.println(Output.errorJson(refused));
      } else {
        err.println("error: " + refused.getMessage());
        refused
            .fieldErrors()
            .forEach(field -> err.println("  " + field.field() + ": " + field.message()));
      }
      int status = refused.status();
      return status >= 400 && status < 500 && status != 429 ? REFUSED : UNAVAILABLE;
    }
    if (e instanceof NotLoggedInException notLoggedIn) {
      err.println("error: " + notLoggedIn.getMessage());
      return NOT_LOGGED_IN;
    }
    err.println("error: " + e);
    return 1;
  }

  /** The CLI was used before {@code trading login}, or its profile cannot be used. */
  static final class NotLoggedInException extends RuntimeException {
    NotLoggedInException(String message) {
      super(message);
    }
  }

  /** The version in the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = TradingCli.class.getPackage().getImplementationVersion();
      return new String[] {"trading CLI " + (version == null ? "(development build)" : version)};
    }
  }
}
