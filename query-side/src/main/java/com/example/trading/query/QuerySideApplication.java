package com.example.trading.query;

import com.example.trading.platform.boot.FailFastLauncher;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Serves the CustomerOrders and Portfolio views and fee reports from Elasticsearch. */
@SpringBootApplication
public class QuerySideApplication {

  public static void main(String[] args) {
    FailFastLauncher.run(QuerySideApplication.class, args);
  }
}
