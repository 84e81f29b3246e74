package com.example.trading.projections.orders;

import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import com.example.trading.projections.orders.CustomerOrderDocument.TimelineEntry;
import com.example.trading.projections.pipeline.ProjectedEvent;
import com.example.trading.projections.pipeline.View;
import com.example.trading.projections.pipeline.ViewMappings;
import com.example.trading.schemas.AccountEvent;
import com.example.trading.schemas.FeeEvent;
import com.example.trading.schemas.FeeEvent.FeeChargeRejected;
import com.example.trading.schemas.FeeEvent.FeeCharged;
import com.example.trading.schemas.FeeEvent.FeeHoldAdjusted;
import com.example.trading.schemas.FeeEvent.FeeHoldAdjustmentRejected;
import com.example.trading.schemas.FeeEvent.FeeRefunded;
import com.example.trading.schemas.FeeEvent.FeeSettled;
import com.example.trading.schemas.HoldingEvent;
import com.example.trading.schemas.OrderEvent;
import com.example.trading.schemas.OrderEvent.OrderAccepted;
import com.example.trading.schemas.OrderEvent.OrderCancellationRequested;
import com.example.trading.schemas.OrderEvent.OrderCancelled;
import com.example.trading.schemas.OrderEvent.OrderCompleted;
import com.example.trading.schemas.OrderEvent.OrderExpired;
import com.example.trading.schemas.OrderEvent.OrderFilled;
import com.example.trading.schemas.OrderEvent.OrderPlaced;
import com.example.trading.schemas.OrderEvent.OrderRejected;
import com.example.trading.schemas.OrderEvent.OrderReplaceRejected;
import com.example.trading.schemas.OrderEvent.OrderReplaceRequested;
import com.example.trading.schemas.OrderEvent.OrderReplaced;
import com.example.trading.schemas.OrderEvent.OrderSubmitted;
import com.example.trading.schemas.OrderEvent.OrderTriggered;
import com.example.trading.schemas.PositionToken;
import com.example.trading.schemas.ReadModel;
import com.example.trading.schemas.TradingEvent;
import com.example.trading.schemas.ViewDocuments;
import com.example.trading.schemas.ViewFields.CustomerOrders;
import com.example.trading.schemas.order.OrderStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * CustomerOrders: one document per order, from the order's and its fee's events. Also the data of
 * the fee report (fees settled, by instrument, side and day).
 */
@Component
public class CustomerOrdersView implements View<CustomerOrderDocument> {

  public static final String NAME = ReadModel.CUSTOMER_ORDERS.viewName();

  @Override
  public String name() {
    return NAME;
  }

  /**
   * 2: the order's fills (the ledger's fill prices); 3: the fee held, paid and refunded; 4: the
   * order's time in force; 5: a stop order's stop price and when it was triggered.
   */
  @Override
  public int version() {
    return 5;
  }

  @Override
  public List<String> topics() {
    return ReadModel.CUSTOMER_ORDERS.topics();
  }

  @Override
  public Class<CustomerOrderDocument> documentType() {
    return CustomerOrderDocument.class;
  }

  @Override
  public TypeMapping mapping() {
    Map<String, Property> properties =
        ViewMappings.withCheckpointFields(
            Map.ofEntries(
                Map.entry(ViewDocuments.KIND_FIELD, ViewMappings.keyword()),
                Map.entry(CustomerOrders.ORDER_ID, ViewMappings.keyword()),
                Map.entry(CustomerOrders.ACCOUNT_ID, ViewMappings.keyword()),
                Map.entry(CustomerOrders.CLIENT_ORDER_ID, ViewMappings.keyword()),
                Map.entry(CustomerOrders.SIDE, ViewMappings.keyword()),
                Map.entry(CustomerOrders.INSTRUMENT, ViewMappings.keyword()),
                Map.entry(CustomerOrders.TYPE, ViewMappings.keyword()),
                Map.entry(CustomerOrders.QUANTITY, ViewMappings.longNumber()),
                Map.entry(CustomerOrders.FILLED_QUANTITY, ViewMappings.longNumber()),
                Map.entry(CustomerOrders.FILLED_NOTIONAL, ViewMappings.storedOnly()),
                Map.entry(CustomerOrders.AVERAGE_PRICE, ViewMappings.storedOnly()),
                Map.entry(CustomerOrders.LIMIT_PRICE, ViewMappings.storedOnly()),
                Map.entry(CustomerOrders.TIME_IN_FORCE, ViewMappings.keyword()),
                Map.entry(CustomerOrders.STOP_PRICE, ViewMappings.storedOnly()),
                Map.entry(CustomerOrders.TRIGGERED_AT, ViewMappings.date()),
                Map.entry(CustomerOrders.MAX_FEE, ViewMappings.storedOnly()),
                Map.entry(CustomerOrders.STATUS, ViewMappings.keyword()),
                Map.entry(CustomerOrders.REJECT_REASON, ViewMappings.keyword()),
                Map.entry(CustomerOrders.REJECT_DETAIL, ViewMappings.storedOnly()),
                Map.entry(CustomerOrders.FEE, ViewMappings.storedOnly()),
                Map.entry(CustomerOrders.FEE_CENTS, ViewMappings.longNumber()),
                Map.entry(CustomerOrders.FEE_STATUS, ViewMappings.keyword()),
                Map.entry(CustomerOrders.FEE_HELD, ViewMappings.storedOnly()),
                Map.entry(CustomerOrders.FEE_PAID, ViewMappings.storedOnly()),
                Map.entry(CustomerOrders.FEE_REFUNDED, ViewMappings.storedOnly()),
                Map.entry(CustomerOrders.FEE_SETTLED_AT, ViewMappings.date()),
                Map.entry(CustomerOrders.PLACED_AT, ViewMappings.date()),
                Map.entry(CustomerOrders.TRACE_ID, ViewMappings.keyword()),
                Map.entry(CustomerOrders.UPDATED_AT, ViewMappings.date()),
                Map.entry(CustomerOrders.POSITION, ViewMappings.storedOnly()),
                Map.entry(CustomerOrders.ORDER_SEQUENCE, ViewMappings.longNumber()),
                Map.entry(CustomerOrders.FEE_SEQUENCE, ViewMappings.longNumber()),
                Map.entry(CustomerOrders.TIMELINE, ViewMappings.opaqueObject()),
                Map.entry(CustomerOrders.FILLS, ViewMappings.opaqueObject())));
    return TypeMapping.of(m -> m.dynamic(DynamicMapping.Strict).properties(properties));
  }

  /**
   * An order (a document that has its placement) fills at most its quantity, its fills add up to
   * what it filled, and it is FILLED only with all of it filled.
   */
  @Override
  public List<String> violations(CustomerOrderDocument order) {
    if (order.placedAt == null) {
      return List.of();
    }
    List<String> violations = new ArrayList<>();
    if (order.quantity == null || order.quantity <= 0) {
      violations.add("quantity " + order.quantity + " is not positive");
    } else if (order.filledQuantity > order.quantity) {
      violations.add("filled " + order.filledQuantity + " of " + order.quantity);
    }
    long filledByFills = order.fills.stream().mapToLong(CustomerOrderDocument.Fill::quantity).sum();
    if (filledByFills != order.filledQuantity) {
      violations.add(
          "fills add up to " + filledByFills + ", filledQuantity is " + order.filledQuantity);
    }
    if ("FILLED".equals(order.status)
        && (order.quantity == null || order.filledQuantity != order.quantity)) {
      violations.add("FILLED with " + order.filledQuantity + " of " + order.quantity);
    }
    return violations;
  }

  @Override
  public String documentId(TradingEvent event) {
    return switch (event) {
      case OrderEvent order -> order.orderId();
      case FeeEvent fee -> fee.orderId();
      case HoldingEvent holding -> null;
      case AccountEvent account -> null;
    };
  }

  @Override
  public CustomerOrderDocument apply(CustomerOrderDocument current, ProjectedEvent projected) {
    CustomerOrderDocument doc = current == null ? new CustomerOrderDocument() : current;
    String at = projected.metadata().timestamp().toString();
    switch (projected.event()) {
      case OrderEvent order -> {
        if (projected.sequence() <= doc.orderSequence) {
          return null;
        }
        doc.orderSequence = projected.sequence();
        doc.orderId = order.orderId();
        if (order instanceof OrderPlaced) {
          doc.traceId = traceIdOf(projected.metadata().traceparent());
        }
        applyOrder(doc, order, new Step(at, "order", projected.sequence()));
      }
      case FeeEvent fee -> {
        if (projected.sequence() <= doc.feeSequence) {
          return null;
        }
        doc.feeSequence = projected.sequence();
        doc.orderId = fee.orderId();
        doc.accountId = fee.accountId();
        applyFee(doc, fee, new Step(at, "fee", projected.sequence()));
      }
      case HoldingEvent holding -> {
        return null;
      }
      case AccountEvent account -> {
        return null;
      }
    }
    if (doc.updatedAt == null || doc.updatedAt.compareTo(at) < 0) {
      doc.updatedAt = at;
    }
    // The two streams may interleave differently live and in a replay: keep what does not depend
    // on that order (the greatest position, the timeline sorted by time and stream position).
    if (doc.position == null
        || PositionToken.parse(doc.position).position() < projected.position()) {
      doc.position = projected.token().toString();
    }
    doc.timeline.sort(TIMELINE_ORDER);
    return doc;
  }

  /** Who asked to cancel and why, when the event says (revision 2); null for older ones. */
  private static String cancelDetail(OrderCancellationRequested e) {
    if (e.requestedBy() == null && e.reason() == null) {
      return null;
    }
    String by = "asked by " + (e.requestedBy() == null ? "an unrecorded caller" : e.requestedBy());
    return e.reason() == null ? by : by + ": " + e.reason();
  }

  private static final Comparator<TimelineEntry> TIMELINE_ORDER =
      Comparator.comparing(TimelineEntry::at)
          .thenComparing(TimelineEntry::stream)
          .thenComparingLong(TimelineEntry::sequence);

  /** Where an event stands in the order's history. */
  private record Step(String at, String stream, long sequence) {}

  private static void applyOrder(CustomerOrderDocument doc, OrderEvent event, Step at) {
    switch (event) {
      case OrderPlaced e -> {
        doc.accountId = e.accountId();
        doc.clientOrderId = e.clientOrderId();
        doc.side = e.side().name();
        doc.instrument = e.instrument();
        doc.type = e.type().name();
        doc.quantity = e.quantity();
        doc.limitPrice = plain(e.limitPrice());
        doc.timeInForce = e.timeInForce().name();
        doc.stopPrice = plain(e.stopPrice());
        doc.maxFee = plain(e.maxFee());
        doc.placedAt = at.at();
        if (doc.status == null) {
          doc.status = OrderStatus.PENDING.name();
        }
        timeline(
            doc,
            at,
            "OrderPlaced",
            e.side()
                + " "
                + e.quantity()
                + " "
                + e.instrument()
                + " "
                + e.type()
                + (e.stopPrice() == null ? "" : " stop " + plain(e.stopPrice()))
                + (e.limitPrice() == null ? "" : " @ " + plain(e.limitPrice()))
                + " "
                + e.timeInForce());
      }
      case OrderTriggered e -> {
        doc.triggeredAt = at.at();
        timeline(doc, at, "OrderTriggered", "stop reached at " + plain(e.price()));
      }
      case OrderAccepted e -> {
        doc.status = OrderStatus.ACCEPTED.name();
        timeline(
            doc,
            at,
            "OrderAccepted",
            "reserved " + plain(e.reservedQuantity()) + " " + e.reservedAsset());
      }
      case OrderSubmitted e -> {
        if (!OrderStatus.CANCEL_REQUESTED.name().equals(doc.status)) {
          doc.status = OrderStatus.SUBMITTED.name();
        }
        timeline(doc, at, "OrderSubmitted", "venue order " + e.venueOrderId());
      }
      case OrderFilled e -> {
        BigDecimal notional =
            (doc.filledNotional == null ? BigDecimal.ZERO : new BigDecimal(doc.filledNotional))
                .add(e.price().multiply(BigDecimal.valueOf(e.quantity())));
        doc.filledNotional = notional.toPlainString();
        doc.fills.add(
            new CustomerOrderDocument.Fill(e.fillId(), e.quantity(), plain(e.price()), at.at()));
        doc.filledQuantity = e.filledQuantity();
        BigDecimal average =
            notional
                .divide(BigDecimal.valueOf(e.filledQuantity()), 4, RoundingMode.HALF_EVEN)
                .stripTrailingZeros();
        doc.averagePrice = (average.scale() < 2 ? average.setScale(2) : average).toPlainString();
        if (!OrderStatus.CANCEL_REQUESTED.name().equals(doc.status)
            && !OrderStatus.REPLACE_REQUESTED.name().equals(doc.status)) {
          doc.status = OrderStatus.PARTIALLY_FILLED.name();
        }
        timeline(
            doc,
            at,
            "OrderFilled",
            e.quantity() + " @ " + plain(e.price()) + " (fill " + e.fillId() + ")");
      }
      case OrderCompleted e -> {
        doc.status = OrderStatus.FILLED.name();
        timeline(doc, at, "OrderCompleted", null);
      }
      case OrderRejected e -> {
        doc.status = OrderStatus.REJECTED.name();
        doc.rejectReason = e.reason().name();
        doc.rejectDetail = e.detail();
        timeline(
            doc, at, "OrderRejected", e.reason() + (e.detail() == null ? "" : ": " + e.detail()));
      }
      case OrderReplaceRequested e -> {
        doc.status = OrderStatus.REPLACE_REQUESTED.name();
        timeline(
            doc,
            at,
            "OrderReplaceRequested",
            e.replaceId() + ": " + terms(e.quantity(), e.limitPrice(), e.stopPrice()));
      }
      case OrderReplaced e -> {
        doc.quantity = e.quantity();
        doc.limitPrice = plain(e.limitPrice());
        doc.stopPrice = plain(e.stopPrice());
        workingAgain(doc);
        timeline(
            doc,
            at,
            "OrderReplaced",
            e.replaceId() + ": now " + terms(e.quantity(), e.limitPrice(), e.stopPrice()));
      }
      case OrderReplaceRejected e -> {
        workingAgain(doc);
        timeline(doc, at, "OrderReplaceRejected", e.replaceId() + ": " + e.reason());
      }
      case OrderCancellationRequested e -> {
        doc.status = OrderStatus.CANCEL_REQUESTED.name();
        timeline(doc, at, "OrderCancellationRequested", cancelDetail(e));
      }
      case OrderCancelled e -> {
        doc.status = OrderStatus.CANCELLED.name();
        timeline(doc, at, "OrderCancelled", "filled " + e.filledQuantity());
      }
      case OrderExpired e -> {
        doc.status = OrderStatus.EXPIRED.name();
        timeline(doc, at, "OrderExpired", "filled " + e.filledQuantity());
      }
    }
  }

  /** The terms of a replace as the timeline shows them: {@code 12 stop 180.00 @ 179.50}. */
  private static String terms(long quantity, BigDecimal limitPrice, BigDecimal stopPrice) {
    return quantity
        + (stopPrice == null ? "" : " stop " + plain(stopPrice))
        + (limitPrice == null ? "" : " @ " + plain(limitPrice));
  }

  /** A replace is done: the order works again, unless a cancel was requested meanwhile. */
  private static void workingAgain(CustomerOrderDocument doc) {
    if (OrderStatus.REPLACE_REQUESTED.name().equals(doc.status)) {
      doc.status =
          (doc.filledQuantity == 0 ? OrderStatus.SUBMITTED : OrderStatus.PARTIALLY_FILLED).name();
    }
  }

  private static void applyFee(CustomerOrderDocument doc, FeeEvent event, Step at) {
    switch (event) {
      case FeeCharged e -> {
        doc.fee = plain(e.amount());
        doc.feeCents = cents(e.amount());
        doc.feeHeld = plain(e.amount());
        doc.feeStatus = "CHARGED";
        timeline(doc, at, "FeeCharged", plain(e.amount()) + " (" + e.schedule() + ")");
      }
      case FeeHoldAdjusted e -> {
        doc.fee = plain(e.amount());
        doc.feeCents = cents(e.amount());
        doc.feeHeld = plain(e.amount());
        timeline(
            doc,
            at,
            "FeeHoldAdjusted",
            plain(e.previous()) + " → " + plain(e.amount()) + " for the replaced terms");
      }
      case FeeHoldAdjustmentRejected e -> {
        timeline(
            doc,
            at,
            "FeeHoldAdjustmentRejected",
            plain(e.fee()) + " above maxFee " + plain(e.maxFee()));
      }
      case FeeChargeRejected e -> {
        doc.feeStatus = "REJECTED";
        timeline(
            doc, at, "FeeChargeRejected", plain(e.fee()) + " above maxFee " + plain(e.maxFee()));
      }
      case FeeRefunded e -> {
        doc.feeStatus = "REFUNDED";
        doc.feePaid = plain(BigDecimal.ZERO.setScale(2));
        doc.feeRefunded = plain(e.amount());
        timeline(doc, at, "FeeRefunded", plain(e.amount()));
      }
      case FeeSettled e -> {
        doc.fee = plain(e.amount());
        doc.feeCents = cents(e.amount());
        doc.feePaid = plain(e.amount());
        doc.feeRefunded = plain(e.refunded());
        doc.feeStatus = "SETTLED";
        doc.feeSettledAt = at.at();
        timeline(
            doc,
            at,
            "FeeSettled",
            e.onWhatTraded()
                ? "%s on %s traded; %s of the hold refunded"
                    .formatted(plain(e.amount()), plain(e.executedNotional()), plain(e.refunded()))
                : plain(e.amount()));
      }
    }
  }

  private static void timeline(CustomerOrderDocument doc, Step step, String event, String detail) {
    doc.timeline.add(new TimelineEntry(step.at(), event, detail, step.stream(), step.sequence()));
  }

  private static String plain(BigDecimal value) {
    return value == null ? null : value.toPlainString();
  }

  private static long cents(BigDecimal amount) {
    return amount.movePointRight(2).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
  }

  /**
   * The trace id of a W3C {@code traceparent} ({@code 00-<trace id>-<span id>-<flags>}), or null.
   */
  static String traceIdOf(String traceparent) {
    if (traceparent == null) {
      return null;
    }
    String[] parts = traceparent.split("-");
    return parts.length == 4 && parts[1].length() == 32 ? parts[1] : null;
  }
}
