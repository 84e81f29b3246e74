package com.example.trading.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "logout",
    description = "Delete the saved profile (credentials and last write position).")
final class LogoutCommand implements Callable<Integer> {

  @ParentCommand TradingCli cli;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try {
      boolean deleted = Files.deleteIfExists(cli.profileFile());
      spec.commandLine()
          .getOut()
          .println(deleted ? "Logged out; deleted " + cli.profileFile() : "Not logged in.");
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + cli.profileFile(), e);
    }
  }
}
