package com.example.trading.command;

import com.example.trading.teststack.AxonJdbcEventStoreContract;
import com.example.trading.teststack.OperationalEndpointsContract;
import com.example.trading.teststack.SecuredApiContract;

class CommandSideApplicationIT extends CommandSideIntegrationTest
    implements OperationalEndpointsContract, SecuredApiContract, AxonJdbcEventStoreContract {

  @Override
  public int port() {
    return port;
  }

  @Override
  public String[] readinessDependencies() {
    return new String[] {"db", "kafka"};
  }
}
