package com.example.trading.benchmarks;

import com.example.trading.teststack.Issuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.UUID;

/**
 * Order placements per second through the command API, next to the ceiling of the same PostgreSQL
 * measured in the same run: single-row insert transactions per second from the same number of
 * clients (what pgbench's simple insert script does), in a scratch database that is dropped after.
 *
 * <p>Needs the running system ({@code make up}). Settings by environment: {@code BENCH_CLIENTS}
 * (8), {@code BENCH_SECONDS} (15), {@code BENCH_WARMUP_SECONDS} (5), {@code COMMAND_URL}, {@code
 * POSTGRES_HOST}/{@code POSTGRES_PORT}/{@code POSTGRES_USER}/{@code POSTGRES_PASSWORD}.
 */
public final class CommandBenchmark {

  public static void main(String[] args) throws Exception {
    int clients = Integer.parseInt(env("BENCH_CLIENTS", "8"));
    Duration measured = Duration.ofSeconds(Long.parseLong(env("BENCH_SECONDS", "15")));
    Duration warmUp = Duration.ofSeconds(Long.parseLong(env("BENCH_WARMUP_SECONDS", "5")));
    String commandUrl = env("COMMAND_URL", "http://127.0.0.1:8081");
    String pg =
        "jdbc:postgresql://"
            + env("POSTGRES_HOST", "127.0.0.1")
            + ":"
            + env("POSTGRES_PORT", "15432")
            + "/";
    String user = env("POSTGRES_USER", "trading");
    String password = env("POSTGRES_PASSWORD", "trading");

    System.out.printf(
        "cores %d, %d clients, %d s warm-up, %d s measured%n",
        Runtime.getRuntime().availableProcessors(),
        clients,
        warmUp.toSeconds(),
        measured.toSeconds());

    Load.Result ceiling = postgresInsertCeiling(pg, user, password, clients, warmUp, measured);
    System.out.println(ceiling);

    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String run = UUID.randomUUID().toString().substring(0, 8);
    Issuer issuer = Issuer.fromEnvironment();
    for (int client = 0; client < clients; client++) {
      HttpResponse<String> opened =
          http.send(
              HttpRequest.newBuilder(URI.create(commandUrl + "/api/accounts"))
                  .header("Content-Type", "application/json")
                  .header("Authorization", "Bearer " + issuer.operatorToken())
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"accountId\":\"bench-%s-%d\",\"customerId\":\"bench-%s\"}"
                              .formatted(run, client, run)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (opened.statusCode() != 201) {
        throw new IllegalStateException(
            "opening a benchmark account answered " + opened.statusCode() + ": " + opened.body());
      }
    }
    Load.Result placements =
        Load.run(
            "order placements via POST /api/orders",
            clients,
            warmUp,
            measured,
            (client, sequence) -> {
              String body =
                  """
              {"accountId":"bench-%s-%d","clientOrderId":"o-%d","side":"BUY","instrument":"AAPL","quantity":1,"type":"MARKET"}"""
                      .formatted(run, client, sequence);
              HttpResponse<Void> response =
                  http.send(
                      HttpRequest.newBuilder(URI.create(commandUrl + "/api/orders"))
                          .header("Content-Type", "application/json")
                          .header("Authorization", "Bearer " + issuer.operatorToken())
                          .POST(HttpRequest.BodyPublishers.ofString(body))
                          .build(),
                      HttpResponse.BodyHandlers.discarding());
              if (response.statusCode() == 503
                  && response.headers().firstValue("Retry-After").isPresent()) {
                throw new Load.Refused("pushed back by admission control");
              }
              if (response.statusCode() != 202) {
                throw new IllegalStateException("HTTP " + response.statusCode());
              }
            });
    System.out.println(placements);
    System.out.printf(
        "placements reach %.0f%% of the single-row insert ceiling%n",
        100 * placements.perSecond() / ceiling.perSecond());
  }

  private static Load.Result postgresInsertCeiling(
      String pg, String user, String password, int clients, Duration warmUp, Duration measured)
      throws Exception {
    String database = "bench_" + UUID.randomUUID().toString().substring(0, 8);
    try (Connection admin = DriverManager.getConnection(pg + "postgres", user, password)) {
      admin.createStatement().execute("create database " + database);
    }
    try {
      try (Connection setup = DriverManager.getConnection(pg + database, user, password)) {
        setup
            .createStatement()
            .execute(
                "create table insert_probe (id bigint generated by default as identity "
                    + "primary key, client int not null, sequence bigint not null, payload bytea not null)");
      }
      Connection[] connections = new Connection[clients];
      PreparedStatement[] inserts = new PreparedStatement[clients];
      for (int c = 0; c < clients; c++) {
        connections[c] = DriverManager.getConnection(pg + database, user, password);
        inserts[c] =
            connections[c].prepareStatement(
                "insert into insert_probe (client, sequence, payload) values (?, ?, ?)");
      }
      byte[] payload = new byte[300];
      try {
        return Load.run(
            "postgres single-row insert transactions",
            clients,
            warmUp,
            measured,
            (client, sequence) -> {
              PreparedStatement insert = inserts[client];
              insert.setInt(1, client);
              insert.setLong(2, sequence);
              insert.setBytes(3, payload);
              insert.executeUpdate();
            });
      } finally {
        for (Connection connection : connections) {
          connection.close();
        }
      }
    } finally {
      try (Connection admin = DriverManager.getConnection(pg + "postgres", user, password)) {
        admin.createStatement().execute("drop database if exists " + database + " with (force)");
      }
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
