package com.example.trading.projections;

import com.example.trading.teststack.ArchitectureContract;

class ServiceBoundaryTest implements ArchitectureContract {

  @Override
  public String servicePackage() {
    return "com.example.trading.projections";
  }
}
