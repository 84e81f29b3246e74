package com.example.trading.projections.portfolio;

import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import com.example.trading.projections.pipeline.ProjectedEvent;
import com.example.trading.projections.pipeline.View;
import com.example.trading.projections.pipeline.ViewMappings;
import com.example.trading.projections.portfolio.HoldingDocument.Reservation;
import com.example.trading.schemas.Assets;
import com.example.trading.schemas.HoldingEvent;
import com.example.trading.schemas.HoldingEvent.HoldingCredited;
import com.example.trading.schemas.HoldingEvent.HoldingDebited;
import com.example.trading.schemas.HoldingEvent.HoldingDeposited;
import com.example.trading.schemas.HoldingEvent.HoldingReservationAdjusted;
import com.example.trading.schemas.HoldingEvent.HoldingReservationAdjustmentRejected;
import com.example.trading.schemas.HoldingEvent.HoldingReservationRejected;
import com.example.trading.schemas.HoldingEvent.HoldingReservationReleased;
import com.example.trading.schemas.HoldingEvent.HoldingReserved;
import com.example.trading.schemas.ReadModel;
import com.example.trading.schemas.TradingEvent;
import com.example.trading.schemas.ViewDocuments;
import com.example.trading.schemas.ViewFields.Portfolios;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Portfolio: one document per holding, from the holding's events. Valuation (last price, market
 * value), open orders and fees paid are added at query time, so the documents stay a pure function
 * of the holding events.
 */
@Component
public class PortfoliosView implements View<HoldingDocument> {

  public static final String NAME = ReadModel.PORTFOLIOS.viewName();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public List<String> topics() {
    return ReadModel.PORTFOLIOS.topics();
  }

  @Override
  public Class<HoldingDocument> documentType() {
    return HoldingDocument.class;
  }

  @Override
  public TypeMapping mapping() {
    var properties =
        ViewMappings.withCheckpointFields(
            Map.ofEntries(
                Map.entry(ViewDocuments.KIND_FIELD, ViewMappings.keyword()),
                Map.entry(Portfolios.HOLDING_ID, ViewMappings.keyword()),
                Map.entry(Portfolios.ACCOUNT_ID, ViewMappings.keyword()),
                Map.entry(Portfolios.ASSET, ViewMappings.keyword()),
                Map.entry(Portfolios.QUANTITY, ViewMappings.storedOnly()),
                Map.entry(Portfolios.RESERVED, ViewMappings.storedOnly()),
                Map.entry(Portfolios.AVAILABLE, ViewMappings.storedOnly()),
                Map.entry(Portfolios.RESERVATIONS, ViewMappings.opaqueObject()),
                Map.entry(Portfolios.SEQUENCE, ViewMappings.longNumber()),
                Map.entry(Portfolios.POSITION, ViewMappings.storedOnly()),
                Map.entry(Portfolios.UPDATED_AT, ViewMappings.date())));
    return TypeMapping.of(m -> m.dynamic(DynamicMapping.Strict).properties(properties));
  }

  /**
   * A holding is never negative, reserves within what it holds, its reservations add up to what it
   * reserves, and what is available is the rest.
   */
  @Override
  public List<String> violations(HoldingDocument holding) {
    List<String> violations = new ArrayList<>();
    BigDecimal quantity = new BigDecimal(holding.quantity);
    BigDecimal reserved = new BigDecimal(holding.reserved);
    if (quantity.signum() < 0) {
      violations.add("quantity " + holding.quantity + " is negative");
    }
    if (reserved.signum() < 0 || reserved.compareTo(quantity) > 0) {
      violations.add("reserved " + holding.reserved + " of " + holding.quantity);
    }
    BigDecimal reservations =
        holding.reservations.stream()
            .map(reservation -> new BigDecimal(reservation.quantity()))
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    if (reservations.compareTo(reserved) != 0) {
      violations.add(
          "reservations add up to " + reservations.toPlainString() + ", reserved is " + reserved);
    }
    if (new BigDecimal(holding.available).compareTo(quantity.subtract(reserved)) != 0) {
      violations.add(
          "available "
              + holding.available
              + " is not "
              + quantity.subtract(reserved).toPlainString());
    }
    return violations;
  }

  @Override
  public String documentId(TradingEvent event) {
    return event instanceof HoldingEvent holding ? holding.holdingId() : null;
  }

  @Override
  public HoldingDocument apply(HoldingDocument current, ProjectedEvent projected) {
    if (!(projected.event() instanceof HoldingEvent event)) {
      return null;
    }
    HoldingDocument doc = current == null ? new HoldingDocument() : current;
    if (projected.sequence() <= doc.sequence) {
      return null;
    }
    doc.sequence = projected.sequence();
    doc.holdingId = event.holdingId();
    doc.accountId = event.accountId();
    doc.asset = event.asset();
    BigDecimal quantity = new BigDecimal(doc.quantity);
    List<Reservation> reservations = new ArrayList<>(doc.reservations);
    switch (event) {
      case HoldingDeposited e -> quantity = quantity.add(e.quantity());
      case HoldingReserved e ->
          reservations.add(new Reservation(e.orderId(), e.quantity().toPlainString()));
      case HoldingReservationRejected e -> {}
      case HoldingReservationReleased e ->
          reservations.removeIf(r -> r.orderId().equals(e.orderId()));
      case HoldingDebited e -> {
        quantity = quantity.subtract(e.quantity());
        adjust(reservations, e.orderId(), e.quantity().negate());
      }
      case HoldingCredited e -> quantity = quantity.add(e.quantity());
      case HoldingReservationAdjusted e -> adjust(reservations, e.orderId(), e.change());
      case HoldingReservationAdjustmentRejected e -> {}
    }
    BigDecimal reserved =
        reservations.stream()
            .map(r -> new BigDecimal(r.quantity()))
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    doc.quantity = Assets.quantityText(event.asset(), quantity);
    doc.reserved = Assets.quantityText(event.asset(), reserved);
    doc.available = Assets.quantityText(event.asset(), quantity.subtract(reserved));
    doc.reservations = reservations;
    doc.position = projected.token().toString();
    doc.updatedAt = projected.metadata().timestamp().toString();
    return doc;
  }

  /** Changes what the order's reservation holds by {@code change}, if it has one. */
  private static void adjust(List<Reservation> reservations, String orderId, BigDecimal change) {
    reservations.replaceAll(
        r ->
            r.orderId().equals(orderId)
                ? new Reservation(
                    r.orderId(), new BigDecimal(r.quantity()).add(change).toPlainString())
                : r);
  }
}
