package com.example.trading.projections;

import com.example.trading.platform.boot.FailFastLauncher;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Builds the Elasticsearch views from the event topics. */
@SpringBootApplication
public class ProjectionsApplication {

  public static void main(String[] args) {
    FailFastLauncher.run(ProjectionsApplication.class, args);
  }
}
