package com.example.trading.exchange;

import com.example.trading.platform.boot.FailFastLauncher;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** An HTTP venue that stands in for a real exchange. */
@SpringBootApplication
public class ExchangeSimulatorApplication {

  public static void main(String[] args) {
    FailFastLauncher.run(ExchangeSimulatorApplication.class, args);
  }
}
