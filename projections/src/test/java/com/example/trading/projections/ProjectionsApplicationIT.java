package com.example.trading.projections;

import com.example.trading.teststack.OperationalEndpointsContract;
import com.example.trading.teststack.SecuredApiContract;

class ProjectionsApplicationIT extends ProjectionsIntegrationTest implements OperationalEndpointsContract, SecuredApiContract {

  @Override
  public int port() {
    return port;
  }

  @Override
  public String[] readinessDependencies() {
    return new String[] {"kafka", "elasticsearch", "projections"};
  }
}
