package com.example.trading.projections.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * The {@code projections} health component: DOWN when a view's projection stopped on an error or
 * refuses to write (its live index holds another version of the view: {@code refused} says so);
 * otherwise UP, with each view's version and lag in events and seconds, and in events per assigned
 * partition of this instance ({@code topic/partition}).
 */
@Component
class ProjectionsHealthIndicator extends AbstractHealthIndicator {

  private final List<ViewProjection<?>> projections;

  ProjectionsHealthIndicator(List<ViewProjection<?>> projections) {
    this.projections = projections;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    boolean healthy = true;
    for (ViewProjection<?> projection : projections) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("running", projection.isRunning());
      details.put("lagEvents", projection.lagEvents());
      details.put("lagSeconds", projection.lagSeconds());
      details.put("lagEventsByPartition", projection.lagEventsByPartition());
      details.put("version", projection.view().version());
      if (projection.refusal() != null) {
        details.put("refused", projection.refusal());
      }
      builder.withDetail(projection.view().name(), details);
      healthy &= !projection.hasFailed() && projection.refusal() == null;
    }
    if (healthy) {
      builder.up();
    } else {
      builder.down();
    }
  }
}
