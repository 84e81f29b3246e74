package com.example.trading.saga;

import com.example.trading.teststack.AxonJdbcEventStoreContract;
import com.example.trading.teststack.OperationalEndpointsContract;
import com.example.trading.teststack.TestStack;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SagaOrchestratorApplicationIT implements OperationalEndpointsContract, AxonJdbcEventStoreContract {

  @LocalServerPort
  int port;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    TestStack.get().registerPostgres(registry, "saga");
    TestStack.get().registerKafka(registry);
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public String[] readinessDependencies() {
    return new String[] {"db", "kafka"};
  }
}
