package com.example.trading.projections;

import com.example.trading.platform.boot.FailFastLauncher;
import com.example.trading.projections.replay.ReplayCommand;
import java.util.Arrays;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;

/**
 * Builds the Elasticsearch views from the event topics. {@code java -jar projections.jar} runs the
 * live projections; {@code java -jar projections.jar replay --view ...} runs the replay CLI ({@link
 * ReplayCommand}) without them, and exits with its status.
 */
@SpringBootApplication
public class ProjectionsApplication {

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("replay")) {
      System.exit(replay(Arrays.copyOfRange(args, 1, args.length)));
    }
    FailFastLauncher.run(ProjectionsApplication.class, args);
  }

  private static int replay(String[] args) {
    // Command-line properties outrank application.yaml (default properties would not).
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(ProjectionsApplication.class)
            .web(WebApplicationType.NONE)
            .run(
                "--trading.projections.live=false",
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN",
                "--logging.structured.format.console=")) {
      return new CommandLine(context.getBean(ReplayCommand.class)).execute(args);
    }
  }
}
