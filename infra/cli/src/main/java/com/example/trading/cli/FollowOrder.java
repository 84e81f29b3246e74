package com.example.trading.cli;

import com.example.trading.sdk.TradingClient;
import com.example.trading.sdk.command.model.OrderAccepted;
import com.example.trading.sdk.query.model.OrderView;
import com.example.trading.sdk.query.model.OrderView.StatusEnum;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * What a command on an order prints after the API accepted it: by default the order as the views
 * show it right after that write (read-your-writes), with {@code --await-end} once it has ended,
 * with {@code --no-wait} just the acceptance.
 */
final class FollowOrder {

  static final Set<StatusEnum> ENDED =
      Set.of(StatusEnum.FILLED, StatusEnum.REJECTED, StatusEnum.CANCELLED, StatusEnum.EXPIRED);

  @Option(
      names = "--no-wait",
      description = "Print the acceptance only; do not read the order back.")
  boolean noWait;

  @Option(
      names = "--await-end",
      description =
          "Wait until the order has ended (filled, rejected, cancelled or "
              + "expired), and print it then.")
  boolean awaitEnd;

  @Option(
      names = "--timeout",
      defaultValue = "PT60S",
      description =
          "How long --await-end waits, as an ISO-8601 duration (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  void print(TradingClient client, OrderAccepted accepted, Output output) {
    if (noWait) {
      output.print(accepted, Views.accepted(accepted));
      return;
    }
    OrderView order = client.order(accepted.getOrderId(), accepted.getPosition());
    Instant deadline = Instant.now().plus(timeout);
    while (awaitEnd && !ENDED.contains(order.getStatus()) && Instant.now().isBefore(deadline)) {
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      order = client.order(accepted.getOrderId(), accepted.getPosition());
    }
    output.print(order, Views.order(order));
  }
}
