package com.example.trading.cli;

import picocli.CommandLine.Option;

/**
 * Which write a query must reflect: the one given, else the profile's last write
 * (read-your-writes).
 */
final class ReadAfter {

  @Option(
      names = "--min-position",
      description = "A write's position token to wait for (default: your last write).")
  String minPosition;
}
