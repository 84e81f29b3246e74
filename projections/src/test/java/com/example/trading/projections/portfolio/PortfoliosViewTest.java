package com.example.trading.projections.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.trading.projections.pipeline.ProjectedEvent;
import com.example.trading.schemas.HoldingEvent;
import com.example.trading.schemas.HoldingEvent.HoldingDeposited;
import com.example.trading.schemas.HoldingEvent.HoldingReservationRejected;
import com.example.trading.schemas.HoldingEvent.HoldingReservationReleased;
import com.example.trading.schemas.HoldingEvent.HoldingReserved;
import com.example.trading.schemas.MessageMetadata;
import com.example.trading.schemas.Topics;
import com.example.trading.schemas.holding.HoldingRejectionReason;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PortfoliosViewTest {

  private final PortfoliosView view = new PortfoliosView();

  private static ProjectedEvent event(HoldingEvent event, long sequence) {
    return new ProjectedEvent(
        event,
        new MessageMetadata(
            "m-" + sequence, null, null, Instant.parse("2026-11-22T10:00:00Z"), "t", 1, null),
        Topics.HOLDING_EVENTS,
        1,
        sequence,
        100 + sequence,
        sequence);
  }

  @Test
  void aRejectedReservationChangesNoQuantityAndAReleaseFreesTheReservation() {
    String id = "acc-1/USD";
    HoldingDocument doc =
        view.apply(
            null, event(new HoldingDeposited(id, "acc-1", "USD", new BigDecimal("100"), null), 0));
    doc =
        view.apply(
            doc, event(new HoldingReserved(id, "acc-1", "USD", "o-1", new BigDecimal("60.50")), 1));
    doc =
        view.apply(
            doc,
            event(
                new HoldingReservationRejected(
                    id,
                    "acc-1",
                    "USD",
                    "o-2",
                    new BigDecimal("50"),
                    new BigDecimal("39.50"),
                    HoldingRejectionReason.INSUFFICIENT_HOLDING),
                2));

    assertThat(doc.quantity).isEqualTo("100.00");
    assertThat(doc.reserved).isEqualTo("60.50");
    assertThat(doc.available).isEqualTo("39.50");

    doc =
        view.apply(
            doc,
            event(
                new HoldingReservationReleased(id, "acc-1", "USD", "o-1", new BigDecimal("60.50")),
                3));

    assertThat(doc.reserved).isEqualTo("0.00");
    assertThat(doc.available).isEqualTo("100.00");
    assertThat(doc.position).isEqualTo("holding-1-103");
    assertThat(
            view.apply(
                doc, event(new HoldingDeposited(id, "acc-1", "USD", BigDecimal.ONE, null), 3)))
        .isNull();
  }

  @Test
  void aHoldingFollowsTheViewsRulesAndOneReservingMoreThanItHoldsBreaksThem() {
    String id = "acc-1/USD";
    HoldingDocument doc =
        view.apply(
            null, event(new HoldingDeposited(id, "acc-1", "USD", new BigDecimal("100"), null), 0));
    doc =
        view.apply(
            doc, event(new HoldingReserved(id, "acc-1", "USD", "o-1", new BigDecimal("60.50")), 1));
    assertThat(view.violations(doc)).isEmpty();

    doc =
        view.apply(
            doc, event(new HoldingReserved(id, "acc-1", "USD", "o-2", new BigDecimal("50")), 2));

    assertThat(view.violations(doc)).contains("reserved 110.50 of 100.00");
  }
}
