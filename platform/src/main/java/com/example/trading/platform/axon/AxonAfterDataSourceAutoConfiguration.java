package com.example.trading.platform.axon;

import org.springframework.boot.autoconfigure.AutoConfiguration;

/**
 * Puts Axon's JDBC, transaction and event-processing auto-configurations after Spring Boot 4's
 * DataSource, transaction manager and Jackson auto-configurations.
 *
 * <p>Axon 4.13 declares its ordering against Spring Boot 3 class names, which Boot 4 moved, so the
 * ordering is silently ignored: Axon then builds without a DataSource (no JDBC event store) and,
 * worse, with {@code NoTransactionManager}. This empty configuration is a node in Boot's ordering
 * graph that restores the edges. {@code AxonInfrastructureWiringTest} in each Axon service guards
 * the outcome.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
      "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
      "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
      "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"
    },
    beforeName = {
      "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration",
      "org.axonframework.springboot.autoconfig.TransactionAutoConfiguration",
      "org.axonframework.springboot.autoconfig.NoOpTransactionAutoConfiguration",
      "org.axonframework.springboot.autoconfig.EventProcessingAutoConfiguration",
      "org.axonframework.springboot.autoconfig.AxonAutoConfiguration"
    })
public class AxonAfterDataSourceAutoConfiguration {}
