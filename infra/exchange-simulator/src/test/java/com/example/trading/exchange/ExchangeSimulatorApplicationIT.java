package com.example.trading.exchange;

import com.example.trading.teststack.OperationalEndpointsContract;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExchangeSimulatorApplicationIT implements OperationalEndpointsContract {

  @LocalServerPort
  int port;

  @Override
  public int port() {
    return port;
  }

  @Override
  public String[] readinessDependencies() {
    return new String[] {};
  }
}
