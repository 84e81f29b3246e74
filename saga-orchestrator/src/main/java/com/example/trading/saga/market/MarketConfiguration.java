package com.example.trading.saga.market;

import com.example.trading.platform.tracing.Traces;
import com.example.trading.saga.market.VenueClient.VenueUnavailableException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The venue client and its resilience: retries of transient failures with exponential back-off and
 * jitter, and two circuit breakers (each opens at 50% failures over its last 20 calls and probes
 * again after {@code trading.market.breaker-open-for}): {@value VenueClient#ORDER_ENTRY} for
 * orders, cancels and status, {@value VenueClient#FEEDS} for the executions and price feeds, so a
 * healthy feed polled every few hundred milliseconds does not mask failing order entry. All report
 * to Micrometer.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MarketProperties.class)
class MarketConfiguration {

  @Bean
  CircuitBreakerRegistry venueCircuitBreakers(
      MeterRegistry meters, @Value("${trading.market.breaker-open-for:10s}") Duration openFor) {
    CircuitBreakerRegistry registry =
        CircuitBreakerRegistry.of(
            CircuitBreakerConfig.custom()
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .failureRateThreshold(50)
                .waitDurationInOpenState(openFor)
                .permittedNumberOfCallsInHalfOpenState(2)
                .recordExceptions(VenueUnavailableException.class)
                .build());
    registry.circuitBreaker(VenueClient.ORDER_ENTRY);
    registry.circuitBreaker(VenueClient.FEEDS);
    TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
    return registry;
  }

  @Bean
  Retry venueRetry(MarketProperties properties, MeterRegistry meters) {
    RetryRegistry registry =
        RetryRegistry.of(
            RetryConfig.custom()
                .maxAttempts(properties.attempts())
                .intervalFunction(
                    IntervalFunction.ofExponentialRandomBackoff(
                        properties.initialBackoff(), 2.0, 0.5))
                .retryExceptions(VenueUnavailableException.class)
                .build());
    TaggedRetryMetrics.ofRetryRegistry(registry).bindTo(meters);
    return registry.retry("venue");
  }

  @Bean
  VenueClient venueClient(
      MarketProperties properties,
      Retry venueRetry,
      CircuitBreakerRegistry venueCircuitBreakers,
      Traces traces) {
    return new VenueClient(
        properties,
        venueRetry,
        venueCircuitBreakers.circuitBreaker(VenueClient.ORDER_ENTRY),
        venueCircuitBreakers.circuitBreaker(VenueClient.FEEDS),
        traces);
  }
}
