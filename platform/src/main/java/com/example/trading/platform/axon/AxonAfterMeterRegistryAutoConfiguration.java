package com.example.trading.platform.axon;

import org.springframework.boot.autoconfigure.AutoConfiguration;

/**
 * Puts Axon's Micrometer auto-configuration after Spring Boot 4's meter registries, so Axon's
 * metrics land in Boot's (Prometheus) registry instead of a private {@code SimpleMeterRegistry}
 * that would hide it. Same cause as {@link AxonAfterDataSourceAutoConfiguration}.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration"
    },
    beforeName = {
      "org.axonframework.springboot.autoconfig.MicrometerMetricsAutoConfiguration",
      "org.axonframework.springboot.autoconfig.MetricsAutoConfiguration"
    })
public class AxonAfterMeterRegistryAutoConfiguration {}
