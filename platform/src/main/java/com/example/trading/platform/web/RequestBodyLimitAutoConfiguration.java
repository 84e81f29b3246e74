package com.example.trading.platform.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

/**
 * Every service's HTTP API refuses request bodies over {@code trading.web.max-request-body} (64 KB;
 * the largest command is a few hundred bytes) with {@code 413}, so an oversized body is never
 * buffered or parsed; and a body sent to {@code /api/**} must be JSON ({@link JsonBodyFilter},
 * 415).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class RequestBodyLimitAutoConfiguration {

  @Bean
  FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(
      @Value("${trading.web.max-request-body:64KB}") DataSize maxRequestBody) {
    FilterRegistrationBean<RequestBodyLimitFilter> registration =
        new FilterRegistrationBean<>(new RequestBodyLimitFilter(maxRequestBody.toBytes()));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  @Bean
  FilterRegistrationBean<JsonBodyFilter> jsonBodyFilter() {
    FilterRegistrationBean<JsonBodyFilter> registration =
        new FilterRegistrationBean<>(new JsonBodyFilter());
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 11);
    return registration;
  }
}
