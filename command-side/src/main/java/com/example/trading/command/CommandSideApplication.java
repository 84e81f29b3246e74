package com.example.trading.command;

import com.example.trading.platform.boot.FailFastLauncher;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The write model: Order, Holding and Fee aggregates on the JDBC event store, and the command API.
 */
@SpringBootApplication
public class CommandSideApplication {

  public static void main(String[] args) {
    FailFastLauncher.run(CommandSideApplication.class, args);
  }
}
