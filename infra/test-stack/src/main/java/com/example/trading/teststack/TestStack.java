package com.example.trading.teststack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The one place integration tests get their PostgreSQL, Kafka and Elasticsearch from.
 *
 * <p>By default ({@code -Dinfra=local}, or no setting) it is the local stack that {@code
 * infra/local/stack up} starts (and {@code make test} starts for you), found through the same
 * environment variables the services read ({@code POSTGRES_HOST}, {@code POSTGRES_PORT}, {@code
 * KAFKA_BOOTSTRAP_SERVERS}, {@code ELASTICSEARCH_URL}, ...). With {@code -Dinfra=containers} (or
 * {@code TEST_INFRA=containers}) and a Docker daemon, it starts Testcontainers instead, once per
 * JVM. Tests never share state by accident: each asks for a fresh database, and names its topics
 * and indices uniquely ({@link #uniqueName}).
 *
 * <p>Thread-safe; the servers are started (containers) or checked (local) on first use.
 */
public final class TestStack {

  private static volatile TestStack instance;

  /** Every name {@link #uniqueName} gave out in this JVM (see {@link #deleteWhatTestsNamed}). */
  private static final Set<String> issuedNames = ConcurrentHashMap.newKeySet();

  private final Endpoints endpoints;
  private final List<String> createdDatabases = new CopyOnWriteArrayList<>();
  private volatile IdentityProcess identity;

  private TestStack(Endpoints endpoints) {
    this.endpoints = endpoints;
    Runtime.getRuntime().addShutdownHook(new Thread(this::cleanUp, "test-stack-cleanup"));
  }

  /** The stack for this JVM, chosen by {@code -Dinfra} / {@code TEST_INFRA}. */
  public static TestStack get() {
    TestStack local = instance;
    if (local == null) {
      synchronized (TestStack.class) {
        local = instance;
        if (local == null) {
          instance =
              local =
                  new TestStack(
                      mode().equals("containers")
                          ? ContainerEndpoints.start()
                          : LocalStackEndpoints.fromEnvironment());
        }
      }
    }
    return local;
  }

  static String mode() {
    String mode = System.getProperty("infra");
    if (mode == null || mode.isBlank()) {
      mode = System.getenv().getOrDefault("TEST_INFRA", "local");
    }
    mode = mode.trim().toLowerCase(Locale.ROOT);
    if (!mode.equals("local") && !mode.equals("containers")) {
      throw new IllegalStateException("infra must be 'local' or 'containers', not '" + mode + "'");
    }
    return mode;
  }

  /**
   * A name no other test run uses: {@code prefix-<8 hex>}, lower case. The indices and topics whose
   * names start with it are deleted when the JVM exits (on the local stack).
   */
  public static String uniqueName(String prefix) {
    String name =
        (prefix + "-" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
    issuedNames.add(name);
    return name;
  }

  public String jdbcUrl(String database) {
    endpoints.requireReachable(Server.POSTGRESQL);
    return "jdbc:postgresql://"
        + endpoints.postgresHost()
        + ":"
        + endpoints.postgresPort()
        + "/"
        + database;
  }

  public String postgresUser() {
    return endpoints.postgresUser();
  }

  public String postgresPassword() {
    return endpoints.postgresPassword();
  }

  public String kafkaBootstrapServers() {
    endpoints.requireReachable(Server.KAFKA);
    return endpoints.kafkaBootstrapServers();
  }

  public String elasticsearchUrl() {
    endpoints.requireReachable(Server.ELASTICSEARCH);
    return endpoints.elasticsearchUrl();
  }

  /** Zipkin, where every service under test exports its spans. */
  public String zipkinUrl() {
    return endpoints.zipkinUrl();
  }

  /**
   * Creates an empty database for one test context and returns its name; it is dropped when the JVM
   * exits. {@code purpose} becomes part of the name, e.g. {@code command_it_1a2b3c4d}.
   */
  public String createDatabase(String purpose) {
    String name =
        (purpose + "_it_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
    try (Connection connection =
            DriverManager.getConnection(
                jdbcUrl(endpoints.maintenanceDatabase()), postgresUser(), postgresPassword());
        Statement statement = connection.createStatement()) {
      statement.execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Could not create test database "
              + name
              + " on "
              + jdbcUrl(endpoints.maintenanceDatabase())
              + ": "
              + e.getMessage(),
          e);
    }
    createdDatabases.add(name);
    return name;
  }

  /** Points {@code spring.datasource.*} at a fresh database made for this test context. */
  public void registerPostgres(DynamicPropertyRegistry registry, String purpose) {
    String database = createDatabase(purpose);
    registry.add("spring.datasource.url", () -> jdbcUrl(database));
    registry.add("spring.datasource.username", this::postgresUser);
    registry.add("spring.datasource.password", this::postgresPassword);
  }

  /**
   * The issuer of this JVM's tests: a real {@code infra/identity} process, started on first use
   * with a database of its own and stopped when the JVM exits.
   */
  public Issuer issuer() {
    return identity().issuer();
  }

  /**
   * Tokens signed with this JVM's issuer's own key but with claims a test chooses (expired, wrong
   * audience...).
   */
  public TokenForge tokenForge() {
    return new TokenForge(identity().signingKeyFile(), issuer().uri());
  }

  private IdentityProcess identity() {
    IdentityProcess local = identity;
    if (local == null) {
      synchronized (this) {
        local = identity;
        if (local == null) {
          identity = local = IdentityProcess.start(this);
        }
      }
    }
    return local;
  }

  /** Makes a service under test trust this JVM's issuer. */
  public void registerIssuer(DynamicPropertyRegistry registry) {
    registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> issuer().uri());
  }

  public void registerKafka(DynamicPropertyRegistry registry) {
    registry.add("trading.kafka.bootstrap-servers", this::kafkaBootstrapServers);
  }

  public void registerElasticsearch(DynamicPropertyRegistry registry) {
    registry.add("trading.elasticsearch.url", this::elasticsearchUrl);
  }

  private void cleanUp() {
    dropCreatedDatabases();
    if (mode().equals("local")) {
      // Containers go with the JVM; the local stack stays and collects what tests leave.
      deleteWhatTestsNamed();
    }
  }

  /**
   * Deletes the Elasticsearch indices and Kafka topics whose names start with a name {@link
   * #uniqueName} gave out in this JVM. Reports failures and goes on: a stack that is down keeps
   * them.
   */
  void deleteWhatTestsNamed() {
    List<String> issued = List.copyOf(issuedNames);
    if (issued.isEmpty()) {
      return;
    }
    try {
      NamedResources.deleteIndices(endpoints.elasticsearchUrl(), issued);
    } catch (Exception e) {
      System.err.println("test-stack: could not delete test indices: " + e);
    }
    if (NamedResources.kafkaPresent()) {
      try {
        NamedTopics.delete(endpoints.kafkaBootstrapServers(), issued);
      } catch (Exception e) {
        System.err.println("test-stack: could not delete test topics: " + e);
      }
    }
  }

  private void dropCreatedDatabases() {
    for (String name : createdDatabases) {
      try (Connection connection =
              DriverManager.getConnection(
                  jdbcUrl(endpoints.maintenanceDatabase()), postgresUser(), postgresPassword());
          Statement statement = connection.createStatement()) {
        statement.execute("drop database if exists " + name + " with (force)");
      } catch (SQLException e) {
        System.err.println(
            "test-stack: could not drop test database " + name + ": " + e.getMessage());
      }
    }
  }

  /** The three servers of the stack. */
  enum Server {
    POSTGRESQL,
    KAFKA,
    ELASTICSEARCH
  }

  /** Connection settings of the three servers. */
  interface Endpoints {
    /** Fails with a clear message when the server does not answer; the default trusts it does. */
    default void requireReachable(Server server) {}

    String postgresHost();

    int postgresPort();

    String postgresUser();

    String postgresPassword();

    /** A database that always exists and that the test user may connect to. */
    String maintenanceDatabase();

    String kafkaBootstrapServers();

    String elasticsearchUrl();

    /** The trace backend the services under test export to. */
    String zipkinUrl();
  }

  /**
   * The servers of {@code infra/local/stack}, checked to answer before the first test uses them.
   */
  record LocalStackEndpoints(
      String postgresHost,
      int postgresPort,
      String postgresUser,
      String postgresPassword,
      String kafkaBootstrapServers,
      String elasticsearchUrl,
      String zipkinUrl)
      implements Endpoints {

    static LocalStackEndpoints fromEnvironment() {
      return new LocalStackEndpoints(
          setting("POSTGRES_HOST", "127.0.0.1"),
          Integer.parseInt(setting("POSTGRES_PORT", "15432")),
          setting("POSTGRES_USER", "trading"),
          setting("POSTGRES_PASSWORD", "trading"),
          setting("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092"),
          setting("ELASTICSEARCH_URL", "http://127.0.0.1:19200"),
          setting("ZIPKIN_URL", "http://127.0.0.1:9411"));
    }

    @Override
    public String maintenanceDatabase() {
      return "postgres";
    }

    @Override
    public void requireReachable(Server server) {
      switch (server) {
        case POSTGRESQL -> requireListening("PostgreSQL", postgresHost, postgresPort);
        case KAFKA -> {
          String firstBroker = kafkaBootstrapServers.split(",")[0].trim();
          requireListening(
              "Kafka",
              firstBroker.substring(0, firstBroker.lastIndexOf(':')),
              Integer.parseInt(firstBroker.substring(firstBroker.lastIndexOf(':') + 1)));
        }
        case ELASTICSEARCH -> {
          URI elasticsearch = URI.create(elasticsearchUrl);
          requireListening("Elasticsearch", elasticsearch.getHost(), elasticsearch.getPort());
        }
      }
    }

    private static void requireListening(String server, String host, int port) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host, port), 2_000);
      } catch (IOException e) {
        throw new IllegalStateException(
            server
                + " does not answer on "
                + host
                + ":"
                + port
                + ". Start the local stack with 'infra/local/stack up' ('make test' does it), point the"
                + " tests elsewhere with POSTGRES_HOST/POSTGRES_PORT, KAFKA_BOOTSTRAP_SERVERS and"
                + " ELASTICSEARCH_URL, or run with -Dinfra=containers where Docker runs.",
            e);
      }
    }

    private static String setting(String name, String fallback) {
      String value = System.getenv(name);
      return value == null || value.isBlank() ? fallback : value;
    }
  }
}
