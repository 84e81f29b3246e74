package com.example.trading.cli;

import com.example.trading.sdk.ActivityQuery;
import com.example.trading.sdk.TradingClient;
import com.example.trading.sdk.query.model.ActivityPage;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "activities",
    description =
        "An account's ledger, newest first: deposits, fills, reservations, releases and fees, each with the"
            + " balance after it (as of your last write at least). --csv prints every matching entry as CSV.")
final class ActivitiesCommand extends ApiCommand {

  @Option(names = "--account", required = true, description = "The account.")
  String account;

  @Option(
      names = "--type",
      split = ",",
      description =
          "Only these types: DEPOSIT, RESERVED, RELEASED, FILL, FEE_CHARGED, FEE_SETTLED, FEE_REFUNDED.")
  List<String> types;

  @Option(names = "--asset", description = "Only this asset, e.g. USD or AAPL.")
  String asset;

  @Option(
      names = "--from",
      description = "Entries at or after this time (ISO-8601, e.g. 2026-12-01T00:00:00Z).")
  OffsetDateTime from;

  @Option(names = "--to", description = "Entries before this time.")
  OffsetDateTime to;

  @Option(names = "--size", description = "How many entries per page (not with --csv).")
  Integer size;

  @Option(
      names = "--cursor",
      description = "The next page's cursor, as the previous page printed it.")
  String cursor;

  @Option(
      names = "--csv",
      description = "Print every matching entry as CSV (the API's format=csv), not a page.")
  boolean csv;

  @Mixin ReadAfter readAfter;

  @Override
  int run(TradingClient client) {
    ActivityQuery query =
        ActivityQuery.all()
            .types(types)
            .asset(asset)
            .between(from, to)
            .size(size)
            .cursor(cursor)
            .minPosition(readPosition(readAfter));
    if (csv) {
      try (InputStream body = client.activitiesCsv(account, query)) {
        output.copy(new InputStreamReader(body, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return 0;
    }
    ActivityPage page = client.activities(account, query);
    output.print(page, Views.activities(page));
    if (page.getNextCursor() != null) {
      output.note("more: --cursor " + page.getNextCursor());
    }
    return 0;
  }
}
