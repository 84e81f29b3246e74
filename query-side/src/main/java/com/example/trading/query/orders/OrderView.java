package com.example.trading.query.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** An order as the query API answers it (API.md), read from a CustomerOrders document. */
public record OrderView(String orderId, String accountId, String clientOrderId, String side, String instrument,
    String type, Long quantity, long filledQuantity, String limitPrice, String averagePrice, String status,
    String rejectReason, String rejectDetail, String fee, String feeStatus, String placedAt, String updatedAt,
    String position, List<Step> timeline, String traceId) {

  /** One step of the order's history. */
  public record Step(String at, String event, String detail) {
  }

  static OrderView from(ObjectNode doc) {
    List<Step> timeline = new ArrayList<>();
    for (JsonNode step : doc.path("timeline")) {
      timeline.add(new Step(text(step, "at"), text(step, "event"), text(step, "detail")));
    }
    String feeStatus = text(doc, "feeStatus");
    String fee = switch (feeStatus == null ? "" : feeStatus) {
      case "CHARGED", "SETTLED" -> text(doc, "fee");
      case "REFUNDED" -> "0.00";
      default -> null;
    };
    return new OrderView(text(doc, "orderId"), text(doc, "accountId"), text(doc, "clientOrderId"), text(doc, "side"),
        text(doc, "instrument"), text(doc, "type"), doc.hasNonNull("quantity") ? doc.get("quantity").asLong() : null,
        doc.path("filledQuantity").asLong(0), text(doc, "limitPrice"), text(doc, "averagePrice"), text(doc, "status"),
        text(doc, "rejectReason"), text(doc, "rejectDetail"), fee, feeStatus, text(doc, "placedAt"),
        text(doc, "updatedAt"), text(doc, "position"), timeline, text(doc, "traceId"));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
