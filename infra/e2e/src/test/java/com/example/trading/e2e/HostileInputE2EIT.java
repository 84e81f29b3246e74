package com.example.trading.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.trading.teststack.TestStack;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile input against every endpoint of every service, as the back office (the most powerful
 * caller) and as a customer: oversized, deeply nested and malformed bodies, invalid UTF-8,
 * duplicate keys, wrong types, odd ids ({@code /}, {@code ..}, {@code %2F}, {@code *}, {@code
 * _all}, unicode, control characters), SQL- and Elasticsearch-query-like strings. No answer is a
 * 5xx, no command is accepted, and nothing reaches the event store.
 */
class HostileInputE2EIT {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static RunningSystem system;

  /** Strings that try to escape an id, a path, a query or an encoding. */
  private static final List<String> ODD_STRINGS =
      List.of(
          "",
          " ",
          "/",
          "..",
          "../..",
          "%2F",
          "%2e%2e%2f",
          "*",
          "_all",
          "acc-1/../acc-2",
          "acc-1%00",
          "\u0000",
          "\u202Eevil",
          "аcc-1",
          "😀",
          "x".repeat(5_000),
          "' OR '1'='1",
          "1; DROP TABLE domain_event_entry; --",
          "\\\" OR 1=1 --",
          "{\"query\":{\"match_all\":{}}}",
          "accountId:* OR *:*",
          "_search?q=*",
          "<script>alert(1)</script>",
          "${jndi:ldap://127.0.0.1/x}");

  private final String marker = "hostile-" + UUID.randomUUID().toString().substring(0, 8);
  private final String account = marker + "-acc";
  private final String customer = marker + "-cust";
  private final List<String> fiveHundreds = new ArrayList<>();
  private final List<String> accepted = new ArrayList<>();

  @BeforeAll
  static void start() {
    system = RunningSystem.get();
  }

  @Test
  void noHostileInputProducesA5xxOrStoresAnything() throws Exception {
    system.openAccount(account, customer);
    String operator = TestStack.get().issuer().operatorToken();
    String customerToken = TestStack.get().issuer().customerToken(customer);
    long eventsBefore = storedEventsNaming(marker);

    for (String token : List.of(operator, customerToken)) {
      commandBodies(token);
      oddIds(token);
      queryParameters(token);
    }
    identity(operator);

    assertThat(fiveHundreds).as("answers with a 5xx").isEmpty();
    assertThat(accepted).as("hostile commands that were accepted").isEmpty();
    assertThat(storedEventsNaming(marker))
        .as("events stored by hostile input")
        .isEqualTo(eventsBefore);
  }

  private void commandBodies(String token) throws Exception {
    int command = system.commandSide.port();
    List<byte[]> bodies = new ArrayList<>();
    String valid =
        "{\"accountId\":\""
            + account
            + "\",\"clientOrderId\":\"c-1\",\"side\":\"SELL\",\"instrument\":\"AAPL\","
            + "\"quantity\":1,\"type\":\"MARKET\",\"maxFee\":\"5.00\"}";
    bodies.add(bytes("{\"accountId\":\"" + account + "\",\"x\":\"" + "y".repeat(80_000) + "\"}"));
    bodies.add(bytes("[".repeat(5_000) + "]".repeat(5_000)));
    bodies.add(bytes("{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000)));
    bodies.add(invalidUtf8(valid.replace("c-1", "c-\u00e9")));
    bodies.add(
        bytes(
            valid.replace(
                "{\"accountId\":\"" + account + "\",",
                "{\"accountId\":\"" + account + "\",\"accountId\":\"acc-other\",")));
    bodies.add(bytes(valid.replace("\"quantity\":1", "\"quantity\":1,\"quantity\":1000000")));
    bodies.add(bytes(valid.replace("\"quantity\":1", "\"quantity\":1e400")));
    bodies.add(bytes(valid.replace("\"quantity\":1", "\"quantity\":" + "9".repeat(100))));
    bodies.add(bytes(valid.replace("\"quantity\":1", "\"quantity\":[1]")));
    bodies.add(bytes(valid.replace("\"quantity\":1", "\"quantity\":{\"$gt\":0}")));
    for (String literal :
        List.of("null", "true", "-1", "0", "\"1e400\"", "\"NaN\"", "1.5", "\"\"")) {
      bodies.add(bytes(valid.replace("\"quantity\":1", "\"quantity\":" + literal)));
      bodies.add(bytes("{\"asset\":\"AAPL\",\"quantity\":" + literal + "}"));
    }
    bodies.add(bytes(valid.replace("\"maxFee\":\"5.00\"", "\"maxFee\":\"NaN\"")));
    bodies.add(bytes(valid.replace("\"maxFee\":\"5.00\"", "\"maxFee\":\"-Infinity\"")));
    bodies.add(bytes(valid.replace("\"side\":\"SELL\"", "\"side\":\"sell; drop table\"")));
    bodies.add(bytes(valid.replace("\"type\":\"MARKET\"", "\"type\":null")));
    bodies.add(bytes(valid.replace("}", ",\"__proto__\":{\"admin\":true}}")));
    bodies.add(bytes("null"));
    bodies.add(bytes("\"just a string\""));
    bodies.add(bytes("{}"));
    bodies.add(bytes(""));
    bodies.add(bytes("{\"accountId\":\"" + account + "\""));
    for (String odd : ODD_STRINGS) {
      String json = jsonString(odd);
      bodies.add(bytes(valid.replace("\"c-1\"", json)));
      bodies.add(bytes(valid.replace("\"AAPL\"", json)));
      bodies.add(
          bytes(
              valid
                  .replace("\"" + account + "\"", json)
                  .replace("}", ",\"note\":\"" + marker + "\"}")));
      bodies.add(bytes("{\"accountId\":" + json + ",\"customerId\":\"" + customer + "\"}"));
      bodies.add(bytes("{\"asset\":" + json + ",\"quantity\":\"1\"}"));
      bodies.add(bytes("{\"asset\":\"USD\",\"quantity\":" + json + "}"));
    }
    for (byte[] body : bodies) {
      send(
          token,
          "POST",
          command,
          "/api/orders",
          body,
          "application/json",
          "k-" + UUID.randomUUID());
      send(
          token,
          "POST",
          command,
          "/api/accounts/" + account + "/deposits",
          body,
          "application/json",
          "k-" + UUID.randomUUID());
      send(token, "POST", command, "/api/accounts", body, "application/json", null);
    }
    // Not JSON at all, or JSON under another name: refused before reading.
    for (String type :
        List.of(
            "text/plain",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "application/xml",
            "application/json; charset=evil",
            "*/*")) {
      send(token, "POST", command, "/api/orders", bytes(valid), type, null);
    }
    // Idempotency keys that are not 1-64 visible ASCII characters.
    for (String key : List.of("", " ", "x".repeat(65), "a b", "tab\there")) {
      send(
          token,
          "POST",
          command,
          "/api/accounts/" + account + "/deposits",
          bytes("{\"asset\":\"USD\",\"quantity\":\"1\"}"),
          "application/json",
          key);
    }
  }

  private void oddIds(String token) throws Exception {
    for (String odd : ODD_STRINGS) {
      String id = encodePath(odd);
      send(
          token,
          "POST",
          system.commandSide.port(),
          "/api/orders/" + id + "/cancel",
          new byte[0],
          null,
          null);
      send(
          token,
          "POST",
          system.commandSide.port(),
          "/api/accounts/" + id + "/deposits",
          bytes("{\"asset\":\"USD\",\"quantity\":\"1\"}"),
          "application/json",
          "k-" + UUID.randomUUID());
      send(token, "GET", system.querySide.port(), "/api/orders/" + id, null, null, null);
      send(
          token,
          "GET",
          system.querySide.port(),
          "/api/accounts/" + id + "/orders",
          null,
          null,
          null);
      send(
          token,
          "GET",
          system.querySide.port(),
          "/api/accounts/" + id + "/portfolio",
          null,
          null,
          null);
      send(token, "GET", system.saga.port(), "/ops/sagas/" + id, null, null, null);
    }
  }

  private void queryParameters(String token) throws Exception {
    int query = system.querySide.port();
    for (String odd : ODD_STRINGS) {
      String value = URLEncoder.encode(odd, StandardCharsets.UTF_8);
      for (String parameter :
          List.of("status", "instrument", "side", "from", "to", "size", "cursor", "minPosition")) {
        send(
            token,
            "GET",
            query,
            "/api/accounts/" + account + "/orders?" + parameter + "=" + value,
            null,
            null,
            null);
      }
      send(
          token,
          "GET",
          query,
          "/api/accounts/" + account + "/portfolio?minPosition=" + value,
          null,
          null,
          null);
      send(token, "GET", query, "/api/reports/fees?groupBy=" + value, null, null, null);
      send(
          token,
          "GET",
          system.saga.port(),
          "/ops/sagas/stuck?olderThan=" + value,
          null,
          null,
          null);
    }
  }

  private void identity(String operator) throws Exception {
    int issuer = URI.create(TestStack.get().issuer().uri()).getPort();
    for (String odd : ODD_STRINGS) {
      send(
          operator,
          "POST",
          issuer,
          "/api/customers",
          bytes("{\"customerId\":" + jsonString(odd) + "}"),
          "application/json",
          null);
      send(operator, "GET", issuer, "/api/customers/" + encodePath(odd), null, null, null);
    }
    send(
        operator,
        "POST",
        issuer,
        "/api/customers",
        bytes("{\"customerId\":\"" + "y".repeat(80_000) + "\"}"),
        "application/json",
        null);
    send(
        operator,
        "POST",
        issuer,
        "/api/customers",
        bytes("[".repeat(5_000)),
        "application/json",
        null);
  }

  private void send(
      String token,
      String method,
      int port,
      String path,
      byte[] body,
      String contentType,
      String idempotencyKey)
      throws Exception {
    HttpRequest.Builder request;
    try {
      request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .timeout(Duration.ofSeconds(30));
    } catch (IllegalArgumentException notAUri) {
      return; // a client cannot send it either
    }
    request.header("Authorization", "Bearer " + token);
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (idempotencyKey != null) {
      try {
        request.header("Idempotency-Key", idempotencyKey);
      } catch (IllegalArgumentException notAHeader) {
        return;
      }
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    String what =
        method
            + " :"
            + port
            + path.substring(0, Math.min(path.length(), 120))
            + " "
            + (body == null
                ? ""
                : new String(body, 0, Math.min(body.length, 120), StandardCharsets.UTF_8));
    if (response.statusCode() >= 500) {
      fiveHundreds.add(response.statusCode() + " " + what + " -> " + response.body());
    }
    if (method.equals("POST") && response.statusCode() >= 200 && response.statusCode() < 300) {
      accepted.add(response.statusCode() + " " + what);
    }
  }

  private long storedEventsNaming(String text) throws Exception {
    TestStack stack = TestStack.get();
    try (Connection connection =
            DriverManager.getConnection(
                system.commandJdbcUrl, stack.postgresUser(), stack.postgresPassword());
        var statement =
            connection.prepareStatement(
                "select count(*) from domain_event_entry "
                    + "where convert_from(payload, 'UTF8') like ? or aggregate_identifier like ?")) {
      statement.setString(1, "%" + text + "%");
      statement.setString(2, "%" + text + "%");
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The text's UTF-8 with every 'é' turned into an invalid sequence (a lone continuation byte). */
  private static byte[] invalidUtf8(String text) {
    byte[] utf8 = bytes(text);
    for (int i = 0; i + 1 < utf8.length; i++) {
      if ((utf8[i] & 0xff) == 0xc3 && (utf8[i + 1] & 0xff) == 0xa9) {
        utf8[i] = (byte) 0x80;
        utf8[i + 1] = (byte) 0xff;
      }
    }
    return utf8;
  }

  private static String jsonString(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  private static String encodePath(String segment) {
    // Kept as written when it is already an encoding attack (%2F, %00); everything else
    // percent-encoded.
    return segment.contains("%")
        ? segment
        : URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
