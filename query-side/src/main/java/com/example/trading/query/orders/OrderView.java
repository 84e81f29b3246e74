package com.example.trading.query.orders;

import com.example.trading.platform.openapi.ApiSchemas;
import com.example.trading.schemas.OrderType;
import com.example.trading.schemas.Side;
import com.example.trading.schemas.TimeInForce;
import com.example.trading.schemas.order.OrderRejectReason;
import com.example.trading.schemas.order.OrderStatus;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An order as the query API answers it (API.md), read from a CustomerOrders document. Every field
 * is written; the ones marked {@link Nullable} are {@code null} until they apply.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record OrderView(
    String orderId,
    String accountId,
    String clientOrderId,
    @Schema(implementation = Side.class) String side,
    String instrument,
    @Schema(implementation = OrderType.class) String type,
    Long quantity,
    long filledQuantity,
    @Schema(pattern = ApiSchemas.DECIMAL_PATTERN, description = "LIMIT orders only")
        @Nullable String limitPrice,
    @Schema(implementation = TimeInForce.class) String timeInForce,
    @Schema(pattern = ApiSchemas.DECIMAL_PATTERN, description = "STOP and STOP_LIMIT orders only")
        @Nullable String stopPrice,
    @Schema(format = "date-time", description = "when the venue triggered the stop order")
        @Nullable String triggeredAt,
    @Schema(pattern = ApiSchemas.DECIMAL_PATTERN, description = "once something filled")
        @Nullable String averagePrice,
    @Schema(implementation = OrderStatus.class) String status,
    @Schema(implementation = OrderRejectReason.class) @Nullable String rejectReason,
    @Nullable String rejectDetail,
    @Schema(
            pattern = ApiSchemas.DECIMAL_PATTERN,
            description =
                "the fee held while the order runs, then the fee paid; 0.00 once refunded")
        @Nullable String fee,
    @Schema(
            pattern = ApiSchemas.DECIMAL_PATTERN,
            description = "what was held for the fee on the estimate, once charged")
        @Nullable String feeHeld,
    @Schema(
            pattern = ApiSchemas.DECIMAL_PATTERN,
            description =
                "the fee due on what traded, paid when the order ended; 0.00 when nothing filled")
        @Nullable String feePaid,
    @Schema(
            pattern = ApiSchemas.DECIMAL_PATTERN,
            description = "what of the hold was given back when the order ended")
        @Nullable String feeRefunded,
    @Schema(allowableValues = {"CHARGED", "REJECTED", "REFUNDED", "SETTLED"})
        @Nullable String feeStatus,
    @Schema(format = "date-time") String placedAt,
    @Schema(format = "date-time") String updatedAt,
    @Schema(description = "the position token of the order's newest change")
        @Nullable String position,
    List<Step> timeline,
    @Schema(description = "the order journey's trace id (Zipkin)") @Nullable String traceId,
    @Schema(description = "the order's fills, oldest first") List<Fill> fills) {

  /** One step of the order's history: when, which event, and what it said. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Step(
      @Schema(format = "date-time") String at, String event, @Nullable String detail) {}

  /** One fill: how many shares at what price, and when it was recorded. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Fill(
      String fillId,
      long quantity,
      @Schema(pattern = ApiSchemas.DECIMAL_PATTERN) String price,
      @Schema(format = "date-time") String at) {}
}
