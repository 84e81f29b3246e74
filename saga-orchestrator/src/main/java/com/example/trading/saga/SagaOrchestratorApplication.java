package com.example.trading.saga;

import com.example.trading.platform.boot.FailFastLauncher;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Coordinates each order through reservation, fee, market and settlement, compensating on failure.
 */
// Axon's db-scheduler auto-configuration is replaced by store/DeadlineConfiguration.
@SpringBootApplication(
    excludeName = "org.axonframework.springboot.autoconfig.AxonDbSchedulerAutoConfiguration")
public class SagaOrchestratorApplication {

  public static void main(String[] args) {
    FailFastLauncher.run(SagaOrchestratorApplication.class, args);
  }
}
