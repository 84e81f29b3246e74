package com.example.trading.projections.portfolio;

import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import com.example.trading.projections.pipeline.ProjectedEvent;
import com.example.trading.projections.pipeline.View;
import com.example.trading.projections.pipeline.ViewMappings;
import com.example.trading.projections.portfolio.HoldingDocument.Reservation;
import com.example.trading.schemas.Assets;
import com.example.trading.schemas.ReadModel;
import com.example.trading.schemas.TradingEvent;
import com.example.trading.schemas.holding.HoldingEvent;
import com.example.trading.schemas.holding.HoldingEvent.HoldingCredited;
import com.example.trading.schemas.holding.HoldingEvent.HoldingDebited;
import com.example.trading.schemas.holding.HoldingEvent.HoldingDeposited;
import com.example.trading.schemas.holding.HoldingEvent.HoldingReservationRejected;
import com.example.trading.schemas.holding.HoldingEvent.HoldingReservationReleased;
import com.example.trading.schemas.holding.HoldingEvent.HoldingReserved;
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
                Map.entry("kind", ViewMappings.keyword()),
                Map.entry("holdingId", ViewMappings.keyword()),
                Map.entry("accountId", ViewMappings.keyword()),
                Map.entry("asset", ViewMappings.keyword()),
                Map.entry("quantity", ViewMappings.storedOnly()),
                Map.entry("reserved", ViewMappings.storedOnly()),
                Map.entry("available", ViewMappings.storedOnly()),
                Map.entry("reservations", ViewMappings.opaqueObject()),
                Map.entry("sequence", ViewMappings.longNumber()),
                Map.entry("position", ViewMappings.storedOnly()),
                Map.entry("updatedAt", ViewMappings.date())));
    return TypeMapping.of(m -> m.dynamic(DynamicMapping.Strict).properties(properties));
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
        reservations.replaceAll(
            r ->
                r.orderId().equals(e.orderId())
                    ? new Reservation(
                        r.orderId(),
                        new BigDecimal(r.quantity()).subtract(e.quantity()).toPlainString())
                    : r);
      }
      case HoldingCredited e -> quantity = quantity.add(e.quantity());
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
}
