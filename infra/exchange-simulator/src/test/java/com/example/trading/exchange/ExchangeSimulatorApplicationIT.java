package com.example.trading.exchange;

import com.example.trading.teststack.OperationalEndpointsContract;
import com.example.trading.teststack.PublishedApiDocumentContract;
import com.example.trading.teststack.TestHttp;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExchangeSimulatorApplicationIT
    implements OperationalEndpointsContract, PublishedApiDocumentContract {

  @LocalServerPort int port;

  @DynamicPropertySource
  static void journal(DynamicPropertyRegistry registry) {
    TemporaryJournal.register(registry);
  }

  /**
   * The venue stands in for an external exchange: it has no token check, like the venues it
   * imitates in tests.
   */
  @Override
  public TestHttp.Caller operator() {
    return TestHttp.anonymous();
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public Path publishedDocument() {
    return Path.of("openapi", "exchange-simulator-api.json");
  }

  @Override
  public String[] readinessDependencies() {
    return new String[] {"journal"};
  }
}
