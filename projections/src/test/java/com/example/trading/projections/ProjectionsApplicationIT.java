package com.example.trading.projections;

import com.example.trading.teststack.OperationalEndpointsContract;

class ProjectionsApplicationIT extends ProjectionsIntegrationTest implements OperationalEndpointsContract {

  @Override
  public int port() {
    return port;
  }

  @Override
  public String[] readinessDependencies() {
    return new String[] {"kafka", "elasticsearch", "projections"};
  }
}
