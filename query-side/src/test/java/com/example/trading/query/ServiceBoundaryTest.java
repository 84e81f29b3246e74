package com.example.trading.query;

import static com.example.trading.teststack.ServiceBoundaries.dependsOnlyOnItselfSchemasAndPlatform;
import static com.example.trading.teststack.ServiceBoundaries.productionClassesOf;

import org.junit.jupiter.api.Test;

class ServiceBoundaryTest {

  private static final String SERVICE = "com.example.trading.query";

  @Test
  void dependsOnNoOtherService() {
    dependsOnlyOnItselfSchemasAndPlatform(SERVICE).check(productionClassesOf(SERVICE));
  }
}
