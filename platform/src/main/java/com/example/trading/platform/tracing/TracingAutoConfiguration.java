package com.example.trading.platform.tracing;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link Traces} over the tracer Spring Boot configured (OpenTelemetry), or a no-op one without it.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
      "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
      "org.springframework.boot.micrometer.tracing.autoconfigure.NoopTracerAutoConfiguration"
    })
public class TracingAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Traces traces(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
    Tracer available = tracer.getIfAvailable();
    Propagator propagation = propagator.getIfAvailable();
    return available == null || propagation == null
        ? Traces.none()
        : new Traces(available, propagation);
  }
}
