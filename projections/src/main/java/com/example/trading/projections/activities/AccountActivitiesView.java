package com.example.trading.projections.activities;

import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import com.example.trading.projections.pipeline.ProjectedEvent;
import com.example.trading.projections.pipeline.View;
import com.example.trading.projections.pipeline.ViewMappings;
import com.example.trading.schemas.AccountEvent;
import com.example.trading.schemas.ActivityType;
import com.example.trading.schemas.Assets;
import com.example.trading.schemas.FeeEvent;
import com.example.trading.schemas.FeeEvent.FeeChargeRejected;
import com.example.trading.schemas.FeeEvent.FeeCharged;
import com.example.trading.schemas.FeeEvent.FeeHoldAdjusted;
import com.example.trading.schemas.FeeEvent.FeeHoldAdjustmentRejected;
import com.example.trading.schemas.FeeEvent.FeeRefunded;
import com.example.trading.schemas.FeeEvent.FeeSettled;
import com.example.trading.schemas.HoldingEvent;
import com.example.trading.schemas.HoldingEvent.HoldingCredited;
import com.example.trading.schemas.HoldingEvent.HoldingDebited;
import com.example.trading.schemas.HoldingEvent.HoldingDeposited;
import com.example.trading.schemas.HoldingEvent.HoldingReservationAdjusted;
import com.example.trading.schemas.HoldingEvent.HoldingReservationAdjustmentRejected;
import com.example.trading.schemas.HoldingEvent.HoldingReservationRejected;
import com.example.trading.schemas.HoldingEvent.HoldingReservationReleased;
import com.example.trading.schemas.HoldingEvent.HoldingReserved;
import com.example.trading.schemas.OrderEvent;
import com.example.trading.schemas.ReadModel;
import com.example.trading.schemas.TradingEvent;
import com.example.trading.schemas.ViewDocuments;
import com.example.trading.schemas.ViewFields.AccountActivities;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * AccountActivities: each account's ledger, one entry per holding movement and fee event, newest
 * first at query time. A holding's events fold into its running state (kind {@code stream}) and
 * each adds one entry with the balance after it ({@link #entries}); a fee event folds into nothing
 * and is an entry of its own, made from the event alone (since version 4: version 3 also kept a
 * stream document per order's fees, which only said how far its fee events were applied, and an
 * entry written again is the same entry anyway). Summing the entries' amounts per account and asset
 * gives the holding's quantity.
 */
@Component
public class AccountActivitiesView implements View<LedgerDocument> {

  public static final String NAME = ReadModel.ACCOUNT_ACTIVITIES.viewName();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int version() {
    return 4;
  }

  @Override
  public List<String> topics() {
    return ReadModel.ACCOUNT_ACTIVITIES.topics();
  }

  @Override
  public Class<LedgerDocument> documentType() {
    return LedgerDocument.class;
  }

  @Override
  public TypeMapping mapping() {
    var properties =
        ViewMappings.withCheckpointFields(
            Map.ofEntries(
                Map.entry(ViewDocuments.KIND_FIELD, ViewMappings.keyword()),
                Map.entry(AccountActivities.STREAM, ViewMappings.storedOnly()),
                Map.entry(AccountActivities.SEQUENCE, ViewMappings.storedOnlyNumber()),
                Map.entry(AccountActivities.POSITION, ViewMappings.storedOnly()),
                Map.entry(AccountActivities.ACCOUNT_ID, ViewMappings.keyword()),
                Map.entry(AccountActivities.ASSET, ViewMappings.keyword()),
                Map.entry(AccountActivities.QUANTITY, ViewMappings.storedOnly()),
                Map.entry(AccountActivities.RESERVED, ViewMappings.storedOnly()),
                Map.entry(AccountActivities.ACTIVITY_ID, ViewMappings.sortKeyword()),
                Map.entry(AccountActivities.AT, ViewMappings.date()),
                Map.entry(AccountActivities.TYPE, ViewMappings.keyword()),
                Map.entry(AccountActivities.AMOUNT, ViewMappings.storedOnly()),
                Map.entry(AccountActivities.BALANCE_AFTER, ViewMappings.storedOnly()),
                Map.entry(AccountActivities.RESERVED_AFTER, ViewMappings.storedOnly()),
                Map.entry(AccountActivities.ORDER_ID, ViewMappings.filterKeyword()),
                Map.entry(AccountActivities.FILL_ID, ViewMappings.storedOnly()),
                Map.entry(AccountActivities.DEPOSIT_ID, ViewMappings.storedOnly()),
                Map.entry(AccountActivities.FEE, ViewMappings.storedOnly())));
    return TypeMapping.of(m -> m.dynamic(DynamicMapping.Strict).properties(properties));
  }

  /** No entry leaves its asset's balance or reservation below zero. */
  @Override
  public List<String> violations(LedgerDocument document) {
    List<String> violations = new ArrayList<>();
    if (document.balanceAfter != null && new BigDecimal(document.balanceAfter).signum() < 0) {
      violations.add("balanceAfter " + document.balanceAfter + " is negative");
    }
    if (document.reservedAfter != null && new BigDecimal(document.reservedAfter).signum() < 0) {
      violations.add("reservedAfter " + document.reservedAfter + " is negative");
    }
    if (document.quantity != null && new BigDecimal(document.quantity).signum() < 0) {
      violations.add("quantity " + document.quantity + " is negative");
    }
    return violations;
  }

  @Override
  public String documentId(TradingEvent event) {
    return switch (event) {
      case HoldingEvent holding -> holding.holdingId();
      case FeeEvent fee -> null;
      case OrderEvent order -> null;
      case AccountEvent account -> null;
    };
  }

  /** A holding's event folded into its stream; other events fold into no document. */
  @Override
  public LedgerDocument apply(LedgerDocument current, ProjectedEvent projected) {
    if (!(projected.event() instanceof HoldingEvent event)) {
      return null;
    }
    LedgerDocument stream = current == null ? new LedgerDocument() : current;
    if (stream.sequence != null && projected.sequence() <= stream.sequence) {
      return null;
    }
    stream.kind = LedgerDocument.STREAM;
    stream.sequence = projected.sequence();
    stream.position = projected.token().toString();
    stream.stream = event.holdingId();
    stream.accountId = event.accountId();
    stream.asset = event.asset();
    Movement movement = movement(event);
    stream.quantity =
        Assets.quantityText(event.asset(), decimal(stream.quantity).add(movement.quantity()));
    stream.reserved =
        Assets.quantityText(event.asset(), decimal(stream.reserved).add(movement.reserved()));
    return stream;
  }

  /** Entries of the ledger: a holding event's beside its stream, a fee event's on its own. */
  @Override
  public Map<String, LedgerDocument> entries(LedgerDocument stream, ProjectedEvent projected) {
    switch (projected.event()) {
      case HoldingEvent event -> {
        LedgerDocument entry = entry(stream.stream, stream.accountId, stream.asset, projected);
        Movement movement = movement(event);
        if (movement.type() == null) {
          // A refused reservation changed nothing: no entry.
          return Map.of();
        }
        entry.type = movement.type().name();
        entry.orderId = movement.orderId();
        entry.fillId = movement.fillId();
        entry.depositId = movement.depositId();
        entry.amount = Assets.quantityText(event.asset(), movement.quantity());
        entry.balanceAfter = stream.quantity;
        entry.reservedAfter = stream.reserved;
        return Map.of(entry.activityId, entry);
      }
      case FeeEvent event -> {
        LedgerDocument entry = entry(event.orderId(), event.accountId(), Assets.CASH, projected);
        entry.orderId = event.orderId();
        entry.amount = Assets.quantityText(Assets.CASH, BigDecimal.ZERO);
        ActivityType type =
            switch (event) {
              case FeeCharged e -> ActivityType.FEE_CHARGED;
              case FeeSettled e -> ActivityType.FEE_SETTLED;
              case FeeRefunded e -> ActivityType.FEE_REFUNDED;
              case FeeHoldAdjusted e -> ActivityType.FEE_HOLD_ADJUSTED;
              // Nothing was held, or the hold stayed as it was: no entry.
              case FeeChargeRejected e -> null;
              case FeeHoldAdjustmentRejected e -> null;
            };
        BigDecimal fee =
            switch (event) {
              case FeeCharged e -> e.amount();
              case FeeSettled e -> e.amount();
              case FeeRefunded e -> e.amount();
              case FeeHoldAdjusted e -> e.amount();
              case FeeChargeRejected e -> null;
              case FeeHoldAdjustmentRejected e -> null;
            };
        if (type == null) {
          return Map.of();
        }
        entry.type = type.name();
        entry.fee = Assets.quantityText(Assets.CASH, fee);
        if (event instanceof FeeSettled settled && settled.refunded().signum() > 0) {
          // The fee on what traded was less than the hold: the rest of the hold is a refund.
          LedgerDocument refund = entry(event.orderId(), event.accountId(), Assets.CASH, projected);
          refund.activityId = entry.activityId + REFUND_SUFFIX;
          refund.orderId = entry.orderId;
          refund.amount = entry.amount;
          refund.type = ActivityType.FEE_REFUNDED.name();
          refund.fee = Assets.quantityText(Assets.CASH, settled.refunded());
          return Map.of(entry.activityId, entry, refund.activityId, refund);
        }
        return Map.of(entry.activityId, entry);
      }
      case OrderEvent event -> {
        return Map.of();
      }
      case AccountEvent event -> {
        return Map.of();
      }
    }
  }

  /**
   * A new entry of the event stream {@code stream} (a holding id, or an order id for its fee) for
   * the event: when and whose; what it was is up to the caller. The stream and the event's sequence
   * are in its id; nothing reads them, nor the event's position, from an entry, so the entry does
   * not repeat them (the ledger keeps every entry for ever).
   */
  private static LedgerDocument entry(
      String stream, String accountId, String asset, ProjectedEvent projected) {
    LedgerDocument entry = new LedgerDocument();
    entry.kind = LedgerDocument.ACTIVITY;
    entry.activityId = activityId(stream, projected.sequence());
    entry.at = projected.metadata().timestamp().toString();
    entry.accountId = accountId;
    entry.asset = asset;
    return entry;
  }

  /**
   * Only the entries are compared with a live index of another version: version 3 kept a stream
   * document per order's fees, which version 4 does not. An entry's id and content are the same in
   * versions 2 to 4, bar what version 3 dropped from it.
   */
  @Override
  public Query comparedAcrossVersions() {
    return Query.of(
        q -> q.term(t -> t.field(ViewDocuments.KIND_FIELD).value(LedgerDocument.ACTIVITY)));
  }

  /**
   * What a holding event is in the ledger: its entry's type (none for a refused reservation), how
   * it changes the holding's quantity and what is reserved, and what it refers to.
   */
  private record Movement(
      ActivityType type,
      BigDecimal quantity,
      BigDecimal reserved,
      String orderId,
      String fillId,
      String depositId) {}

  private static Movement movement(HoldingEvent event) {
    BigDecimal none = BigDecimal.ZERO;
    return switch (event) {
      case HoldingDeposited e ->
          new Movement(ActivityType.DEPOSIT, e.quantity(), none, null, null, e.depositId());
      case HoldingReserved e ->
          new Movement(ActivityType.RESERVED, none, e.quantity(), e.orderId(), null, null);
      case HoldingReservationRejected e -> new Movement(null, none, none, e.orderId(), null, null);
      case HoldingReservationReleased e ->
          new Movement(ActivityType.RELEASED, none, e.quantity().negate(), e.orderId(), null, null);
      case HoldingReservationAdjusted e ->
          new Movement(
              e.change().signum() > 0 ? ActivityType.RESERVED : ActivityType.RELEASED,
              none,
              e.change(),
              e.orderId(),
              null,
              null);
      case HoldingReservationAdjustmentRejected e ->
          new Movement(null, none, none, e.orderId(), null, null);
      case HoldingDebited e ->
          new Movement(
              ActivityType.FILL,
              e.quantity().negate(),
              e.quantity().negate(),
              e.orderId(),
              e.fillId(),
              null);
      case HoldingCredited e ->
          new Movement(ActivityType.FILL, e.quantity(), none, e.orderId(), e.fillId(), null);
    };
  }

  private static BigDecimal decimal(String text) {
    return text == null ? BigDecimal.ZERO : new BigDecimal(text);
  }

  /** Marks the entry of the part of a hold a {@code FeeSettled} gave back, after the settlement. */
  static final String REFUND_SUFFIX = "-refund";

  /**
   * The id of the entry for the event at {@code sequence} of {@code stream}: sorts in the stream's
   * order.
   */
  static String activityId(String stream, long sequence) {
    String digits = Long.toString(sequence);
    // Zero-padded to 12 digits, as %012d would (without a Formatter per entry).
    return stream + "#" + "0".repeat(Math.max(0, 12 - digits.length())) + digits;
  }
}
