package com.example.trading.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI without a server: its profile, tables, and the exits that need no API (the rest:
 * CustomerCliE2EIT).
 */
class TradingCliTest {

  @TempDir Path home;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int trading(Map<String, String> environment, String... args) {
    return TradingCli.run(
        args, environment, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void beforeALoginEveryApiCommandSaysSoAndExits3() {
    int exit =
        trading(Map.of("TRADING_CLI_HOME", home.toString()), "portfolio", "--account", "acc-1");

    assertThat(exit).isEqualTo(3);
    assertThat(err.toString())
        .contains("not logged in: run 'trading login")
        .contains(home.toString());
  }

  @Test
  void aCommandLineItCannotReadExits2WithWhatIsMissing() {
    int exit =
        trading(
            Map.of("TRADING_CLI_HOME", home.toString()),
            "place",
            "--account",
            "acc-1",
            "--side",
            "HOLD");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("--side").contains("HOLD");
  }

  @Test
  void theProfileIsTheUsersOnlyAndTheEnvironmentsCredentialsWin() throws Exception {
    Path file = Profile.file(Map.of("TRADING_CLI_HOME", home.toString()));
    new Profile(
            URI.create("http://issuer"),
            URI.create("http://command"),
            URI.create("http://query"),
            "cust-1",
            "saved-secret",
            "trading.customer",
            null)
        .withLastPosition("order-1-42")
        .save(file);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    Profile loaded =
        Profile.load(file, Map.of("TRADING_CLIENT_SECRET", "from-environment")).orElseThrow();
    assertThat(loaded.clientId()).isEqualTo("cust-1");
    assertThat(loaded.clientSecret()).isEqualTo("from-environment");
    assertThat(loaded.lastPosition()).isEqualTo("order-1-42");
    assertThat(loaded.queryApi()).isEqualTo(URI.create("http://query"));
  }

  @Test
  void tablesAlignTheirColumnsAndShowAbsentValuesAsADash() {
    String table =
        Table.of("ASSET", "QUANTITY", "LAST PRICE")
            .row("USD", "9158.92", null)
            .row("MSFT", "2", "420.06")
            .render();

    assertThat(table)
        .isEqualTo(
            """
        ASSET  QUANTITY  LAST PRICE
        USD    9158.92   -
        MSFT   2         420.06
        """);
    assertThat(Table.of("ORDER", "STATUS").render()).isEqualTo("ORDER  STATUS\n(none)\n");
  }
}
