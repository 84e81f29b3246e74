package com.example.trading.cli;

import com.example.trading.sdk.TradingClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A subcommand that talks to the APIs as the logged-in client. Writes remember their position token
 * in the profile, so the next query, even in another invocation, reads its own writes.
 */
abstract class ApiCommand implements Callable<Integer> {

  @ParentCommand TradingCli cli;

  @Mixin Output output;

  @Spec CommandSpec spec;

  private Profile profile;
  private TradingClient client;

  @Override
  public final Integer call() {
    profile =
        Profile.load(cli.profileFile(), cli.environment())
            .orElseThrow(
                () ->
                    new TradingCli.NotLoggedInException(
                        "not logged in: run 'trading login --client-id ID --client-secret SECRET' first (profile "
                            + cli.profileFile()
                            + ")"));
    client = profile.client();
    output.writer(spec.commandLine().getOut());
    return run(client);
  }

  abstract int run(TradingClient client);

  /** The position to read at: the one given, else the profile's last write. */
  String readPosition(ReadAfter readAfter) {
    String given = readAfter.minPosition;
    return given != null && !given.isBlank() ? given : profile.lastPosition();
  }

  /** Remembers the client's newest write for the following invocations. */
  void rememberWrite() {
    client
        .lastWritePosition()
        .ifPresent(position -> profile.withLastPosition(position).save(cli.profileFile()));
  }
}
