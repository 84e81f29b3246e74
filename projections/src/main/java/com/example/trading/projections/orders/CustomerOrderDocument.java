package com.example.trading.projections.orders;

import com.example.trading.schemas.ViewDocuments;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/**
 * One order as customers see it (index {@code customer-orders}). Decimals are strings; {@code
 * feeCents} exists for aggregations. {@code orderSequence}/{@code feeSequence} are the newest
 * sequences of the order's and the fee's event streams the document reflects, which makes every
 * event apply at most once. Timestamps are the events' own, never the projection's clock.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CustomerOrderDocument {

  /** One step of the order's history; {@code stream}/{@code sequence} order steps of equal time. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TimelineEntry(
      String at, String event, String detail, String stream, long sequence) {}

  /** One fill of the order: how much, at what price, when (the ledger's fills show these). */
  public record Fill(String fillId, long quantity, String price, String at) {}

  public String kind = ViewDocuments.ORDER;
  public String orderId;
  public String accountId;
  public String clientOrderId;
  public String side;
  public String instrument;
  public String type;
  public Long quantity;
  public long filledQuantity;

  /** Σ fill quantity × price, for the average price. */
  public String filledNotional;

  public String averagePrice;
  public String limitPrice;

  /** DAY, GTC, IOC or FOK (an order placed before time in force was recorded: DAY). */
  public String timeInForce;

  /** STOP and STOP_LIMIT orders: the price that triggers them. */
  public String stopPrice;

  /** When the venue triggered the stop order; null until then (and for other orders). */
  public String triggeredAt;

  public String maxFee;
  public String status;
  public String rejectReason;
  public String rejectDetail;

  /** The fee held while the order runs, then the fee paid (the hold stays in {@code feeHeld}). */
  public String fee;

  public Long feeCents;
  public String feeStatus;

  /** What {@code FeeCharged} held on the order's estimate. */
  public String feeHeld;

  /** The fee due on what traded, paid when the order ended (0.00 when nothing filled). */
  public String feePaid;

  /** What of the hold was given back when the order ended. */
  public String feeRefunded;

  public String feeSettledAt;
  public String placedAt;

  /** The order journey's trace (W3C trace id, from the placement's trace context), when traced. */
  public String traceId;

  public String updatedAt;

  /** The position token of the newest event applied. */
  public String position;

  public long orderSequence = -1;
  public long feeSequence = -1;
  public List<TimelineEntry> timeline = new ArrayList<>();
  public List<Fill> fills = new ArrayList<>();
}
