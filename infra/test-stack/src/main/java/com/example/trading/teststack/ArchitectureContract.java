package com.example.trading.teststack;

import static com.example.trading.teststack.ServiceBoundaries.aggregatesAndSagasDoNoIo;
import static com.example.trading.teststack.ServiceBoundaries.controllersReachNoStoreDirectly;
import static com.example.trading.teststack.ServiceBoundaries.dependsOnlyOnItselfSchemasAndPlatform;
import static com.example.trading.teststack.ServiceBoundaries.onlyPlatformTouchesKafkaClients;
import static com.example.trading.teststack.ServiceBoundaries.productionClassesOf;

import org.junit.jupiter.api.Test;

/**
 * The architecture rules of {@link ServiceBoundaries}, as tests a service inherits by implementing
 * this interface with its root package.
 */
public interface ArchitectureContract {

  /** The service's root package, e.g. {@code com.example.trading.command}. */
  String servicePackage();

  @Test
  default void dependsOnNoOtherService() {
    dependsOnlyOnItselfSchemasAndPlatform(servicePackage())
        .check(productionClassesOf(servicePackage()));
  }

  @Test
  default void aggregatesAndSagasDoNoIoOfTheirOwn() {
    aggregatesAndSagasDoNoIo().check(productionClassesOf(servicePackage()));
  }

  @Test
  default void controllersLeaveStoresToAdapters() {
    controllersReachNoStoreDirectly().check(productionClassesOf(servicePackage()));
  }

  @Test
  default void leavesTheKafkaClientsToPlatform() {
    onlyPlatformTouchesKafkaClients().check(productionClassesOf(servicePackage()));
  }
}
