package com.example.trading.cli;

import com.example.trading.sdk.command.model.AccountOpenedAnswer;
import com.example.trading.sdk.command.model.DepositAccepted;
import com.example.trading.sdk.command.model.OrderAccepted;
import com.example.trading.sdk.query.model.Activity;
import com.example.trading.sdk.query.model.ActivityPage;
import com.example.trading.sdk.query.model.Holding;
import com.example.trading.sdk.query.model.OrderPage;
import com.example.trading.sdk.query.model.OrderView;
import com.example.trading.sdk.query.model.Portfolio;
import com.example.trading.sdk.query.model.Step;

/** The tables people see for the API's answers. */
final class Views {

  private Views() {}

  static Table order(OrderView order) {
    Table table =
        Table.details()
            .row("order", order.getOrderId())
            .row("client order id", order.getClientOrderId())
            .row("account", order.getAccountId())
            .row(
                "terms",
                order.getSide()
                    + " "
                    + order.getQuantity()
                    + " "
                    + order.getInstrument()
                    + " "
                    + order.getType()
                    + (order.getStopPrice() == null ? "" : " stop " + order.getStopPrice())
                    + (order.getLimitPrice() == null ? "" : " @ " + order.getLimitPrice())
                    + (order.getTimeInForce() == null ? "" : " " + order.getTimeInForce()))
            .row(
                "status",
                order.getStatus()
                    + (order.getRejectReason() == null
                        ? ""
                        : " ("
                            + order.getRejectReason()
                            + (order.getRejectDetail() == null
                                ? ""
                                : ": " + order.getRejectDetail())
                            + ")"))
            .row(
                "filled",
                order.getFilledQuantity()
                    + (order.getAveragePrice() == null ? "" : " @ " + order.getAveragePrice()))
            .row(
                "fee",
                order.getFee() == null
                    ? null
                    : order.getFee()
                        + " ("
                        + order.getFeeStatus()
                        + (order.getFeePaid() == null || order.getFeeHeld() == null
                            ? ""
                            : ": "
                                + order.getFeePaid()
                                + " paid of "
                                + order.getFeeHeld()
                                + " held")
                        + ")")
            .row("placed", order.getPlacedAt())
            .row("updated", order.getUpdatedAt());
    if (order.getStopPrice() != null) {
      table.row("triggered", order.getTriggeredAt());
    }
    for (Step step : order.getTimeline()) {
      table.row(
          "  " + step.getAt(),
          step.getEvent() + (step.getDetail() == null ? "" : ": " + step.getDetail()));
    }
    return table;
  }

  static Table orders(OrderPage page) {
    Table table =
        Table.of(
            "ORDER",
            "PLACED",
            "SIDE",
            "QTY",
            "INSTRUMENT",
            "TYPE",
            "LIMIT",
            "FILLED",
            "AVG PRICE",
            "STATUS",
            "FEE");
    for (OrderView order : page.getItems()) {
      table.row(
          order.getOrderId(),
          order.getPlacedAt(),
          order.getSide(),
          order.getQuantity(),
          order.getInstrument(),
          order.getType(),
          order.getLimitPrice(),
          order.getFilledQuantity(),
          order.getAveragePrice(),
          order.getStatus()
              + (order.getRejectReason() == null ? "" : " " + order.getRejectReason()),
          order.getFee());
    }
    return table;
  }

  static Table activities(ActivityPage page) {
    Table table =
        Table.of("AT", "TYPE", "ASSET", "AMOUNT", "BALANCE", "RESERVED", "ORDER", "FILL", "FEE");
    for (Activity activity : page.getItems()) {
      String fill =
          activity.getQuantity() == null
              ? null
              : activity.getQuantity() + " @ " + activity.getPrice();
      table.row(
          activity.getAt(),
          activity.getType(),
          activity.getAsset(),
          activity.getAmount(),
          activity.getBalanceAfter(),
          activity.getReservedAfter(),
          activity.getOrderId(),
          fill,
          activity.getFee());
    }
    return table;
  }

  static Table portfolio(Portfolio portfolio) {
    Table table =
        Table.of("ASSET", "QUANTITY", "RESERVED", "AVAILABLE", "LAST PRICE", "MARKET VALUE");
    for (Holding holding : portfolio.getHoldings()) {
      table.row(
          holding.getAsset(),
          holding.getQuantity(),
          holding.getReserved(),
          holding.getAvailable(),
          holding.getLastPrice(),
          holding.getMarketValue());
    }
    return table;
  }

  static Table accepted(OrderAccepted accepted) {
    return Table.details()
        .row("order", accepted.getOrderId())
        .row("status", accepted.getStatus())
        .row("position", accepted.getPosition());
  }

  static Table opened(AccountOpenedAnswer opened) {
    return Table.details()
        .row("account", opened.getAccountId())
        .row("customer", opened.getCustomerId())
        .row("position", opened.getPosition());
  }

  static Table deposited(DepositAccepted deposit) {
    return Table.details()
        .row("account", deposit.getAccountId())
        .row("asset", deposit.getAsset())
        .row("position", deposit.getPosition());
  }
}
