package com.example.trading.query;

import com.example.trading.teststack.OperationalEndpointsContract;
import com.example.trading.teststack.PublishedApiDocumentContract;
import com.example.trading.teststack.SecuredApiContract;
import com.example.trading.teststack.TestStack;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class QuerySideApplicationIT
    implements OperationalEndpointsContract, SecuredApiContract, PublishedApiDocumentContract {

  @LocalServerPort int port;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    TestStack.get().registerElasticsearch(registry);
    TestStack.get().registerIssuer(registry);
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public Path publishedDocument() {
    return Path.of("openapi", "query-api.json");
  }

  @Override
  public String[] readinessDependencies() {
    return new String[] {"elasticsearch"};
  }
}
