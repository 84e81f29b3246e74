package com.example.trading.command.web;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The command API's per-principal rate limits ({@link RateLimitFilter}), after authentication. */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

  /** After Spring Security's filter chain (order -100), so the caller is known. */
  private static final int AFTER_SECURITY = 0;

  @Bean
  FilterRegistrationBean<RateLimitFilter> rateLimitFilter(
      MeterRegistry meters,
      @Value("${trading.rate-limit.customer.per-second}") long customerPerSecond,
      @Value("${trading.rate-limit.customer.burst}") long customerBurst,
      @Value("${trading.rate-limit.operator.per-second}") long operatorPerSecond,
      @Value("${trading.rate-limit.operator.burst}") long operatorBurst) {
    FilterRegistrationBean<RateLimitFilter> registration =
        new FilterRegistrationBean<>(
            new RateLimitFilter(
                new RateLimitFilter.Limit(customerPerSecond, customerBurst),
                new RateLimitFilter.Limit(operatorPerSecond, operatorBurst),
                meters));
    registration.setOrder(AFTER_SECURITY);
    return registration;
  }
}
