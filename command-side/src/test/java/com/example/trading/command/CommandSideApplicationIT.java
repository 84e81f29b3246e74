package com.example.trading.command;

import com.example.trading.teststack.AxonJdbcEventStoreContract;
import com.example.trading.teststack.OperationalEndpointsContract;
import com.example.trading.teststack.PublishedApiDocumentContract;
import com.example.trading.teststack.SecuredApiContract;
import java.nio.file.Path;

class CommandSideApplicationIT extends CommandSideIntegrationTest
    implements OperationalEndpointsContract,
        SecuredApiContract,
        AxonJdbcEventStoreContract,
        PublishedApiDocumentContract {

  @Override
  public Path publishedDocument() {
    return Path.of("openapi", "command-api.json");
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
