package com.example.trading.projections;

import com.example.trading.teststack.OperationalEndpointsContract;
import com.example.trading.teststack.PublishedApiDocumentContract;
import com.example.trading.teststack.SecuredApiContract;
import java.nio.file.Path;

class ProjectionsApplicationIT extends ProjectionsIntegrationTest
    implements OperationalEndpointsContract, SecuredApiContract, PublishedApiDocumentContract {

  @Override
  public int port() {
    return port;
  }

  @Override
  public Path publishedDocument() {
    return Path.of("openapi", "projections-api.json");
  }

  @Override
  public String[] readinessDependencies() {
    return new String[] {"kafka", "elasticsearch", "projections"};
  }
}
