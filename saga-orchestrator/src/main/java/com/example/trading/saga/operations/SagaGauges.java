package com.example.trading.saga.operations;

import com.example.trading.saga.order.SagaStep;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Unfinished sagas by step, for dashboards and alerts: {@code trading.saga.active{step}} (how many)
 * and {@code trading.saga.oldest.age{step}} (seconds since the least recently progressed of them
 * last moved to a step). Read from {@code saga_status} at most every few seconds, whatever the
 * scrape rate.
 */
@Component
class SagaGauges {

  private static final Logger log = LoggerFactory.getLogger(SagaGauges.class);
  private static final Duration REFRESH = Duration.ofSeconds(5);

  private final SagaStatusQuery query;
  private final AtomicReference<Snapshot> snapshot =
      new AtomicReference<>(new Snapshot(Instant.EPOCH, Map.of()));

  private record Snapshot(Instant takenAt, Map<SagaStep, SagaStatusQuery.StepCount> byStep) {}

  SagaGauges(SagaStatusQuery query, MeterRegistry meters) {
    this.query = query;
    for (SagaStep step : SagaStep.values()) {
      Gauge.builder("trading.saga.active", () -> current().getOrDefault(step, empty(step)).count())
          .tag("step", step.name())
          .description("unfinished order sagas in this step")
          .register(meters);
      Gauge.builder(
              "trading.saga.oldest.age",
              () -> current().getOrDefault(step, empty(step)).oldestAgeSeconds())
          .tag("step", step.name())
          .baseUnit("seconds")
          .description(
              "seconds since the least recently progressed unfinished order saga in this step moved")
          .register(meters);
    }
  }

  private Map<SagaStep, SagaStatusQuery.StepCount> current() {
    Snapshot last = snapshot.get();
    if (Instant.now().isBefore(last.takenAt().plus(REFRESH))) {
      return last.byStep();
    }
    try {
      Map<SagaStep, SagaStatusQuery.StepCount> byStep = new EnumMap<>(SagaStep.class);
      query.unfinishedByStep().forEach(count -> byStep.put(SagaStep.valueOf(count.step()), count));
      snapshot.set(new Snapshot(Instant.now(), byStep));
      return byStep;
    } catch (RuntimeException e) {
      log.warn("could not read saga_status for the saga gauges: {}", e.toString());
      return last.byStep();
    }
  }

  private static SagaStatusQuery.StepCount empty(SagaStep step) {
    return new SagaStatusQuery.StepCount(step.name(), 0, 0);
  }
}
