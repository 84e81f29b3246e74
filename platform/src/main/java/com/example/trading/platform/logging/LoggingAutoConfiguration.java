package com.example.trading.platform.logging;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * The logging context of API requests in every servlet service ({@link
 * RequestLoggingContextFilter}).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class LoggingAutoConfiguration {

  @Bean
  FilterRegistrationBean<RequestLoggingContextFilter> requestLoggingContextFilter() {
    FilterRegistrationBean<RequestLoggingContextFilter> registration =
        new FilterRegistrationBean<>(new RequestLoggingContextFilter());
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
    return registration;
  }
}
