package com.example.trading.saga;

import com.example.trading.platform.boot.FailFastLauncher;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Coordinates each order through reservation, fee, market and settlement, compensating on failure. */
@SpringBootApplication
public class SagaOrchestratorApplication {

  public static void main(String[] args) {
    FailFastLauncher.run(SagaOrchestratorApplication.class, args);
  }
}
