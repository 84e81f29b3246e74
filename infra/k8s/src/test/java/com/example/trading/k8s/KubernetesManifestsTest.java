package com.example.trading.k8s;

import static com.example.trading.k8s.RenderedOverlay.ROOT;
import static com.example.trading.k8s.RenderedOverlay.container;
import static com.example.trading.k8s.RenderedOverlay.list;
import static com.example.trading.k8s.RenderedOverlay.map;
import static com.example.trading.k8s.RenderedOverlay.nameOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.trading.platform.deadletters.DeadLetterLedger;
import com.example.trading.platform.kafka.TopicProvisioner;
import com.example.trading.schemas.ReadModel;
import com.example.trading.schemas.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The rendered manifests of each overlay agree with the code they deploy: every environment
 * variable a service reads is set (and none it does not read), every topic of the contract is a
 * KafkaTopic with the partitions, replicas and retention the services expect, the probes point at
 * the actuator's health groups on the port the service listens on, and every workload runs the
 * image of the service it is named after. (Schema validation: {@code infra/k8s/check}.)
 */
class KubernetesManifestsTest {

  /** The module of each workload's service. */
  private static final Map<String, String> MODULES =
      Map.of(
          "command-side", "command-side",
          "query-side", "query-side",
          "saga-orchestrator", "saga-orchestrator",
          "projections", "projections",
          "identity", "infra/identity",
          "exchange-simulator", "infra/exchange-simulator",
          "view-replay", "projections");

  /**
   * Variables the services read that are no placeholder of their configuration files: Spring Boot's
   * relaxed binding of a property, or the JVM's own.
   */
  private static final Map<String, String> READ_WITHOUT_A_PLACEHOLDER =
      Map.of(
          "SERVER_PORT", "server.port",
          "JAVA_TOOL_OPTIONS", "the JVM: heap sized from the container's memory limit",
          "TRADING_KAFKA_PARTITIONS", "trading.kafka.partitions (KafkaClientProperties)",
          "TRADING_KAFKA_REPLICATION_FACTOR",
              "trading.kafka.replication-factor (KafkaClientProperties)");

  /** Platform settings a service reads only with the library that uses them on its classpath. */
  private static final Map<String, List<String>> NEEDS_LIBRARY =
      Map.of(
          "KAFKA_",
              List.of(
                  "<artifactId>spring-kafka</artifactId>",
                  "<artifactId>kafka-clients</artifactId>"),
          "ELASTICSEARCH_", List.of("<artifactId>elasticsearch-java</artifactId>"),
          "TRADING_ISSUER_URI", List.of("oauth2-resource-server</artifactId>"),
          "TRADING_AUDIENCE", List.of("oauth2-resource-server</artifactId>"));

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void everyVariableAServiceReadsIsSetAndNoneItDoesNotRead(String overlay) throws Exception {
    RenderedOverlay rendered = RenderedOverlay.render(overlay);
    Set<String> platform =
        placeholders(ROOT.resolve("platform/src/main/resources/trading-platform.yaml"));
    assertThat(rendered.workloads()).extracting(RenderedOverlay::nameOf).isNotEmpty();
    for (Map<String, Object> workload : rendered.workloads()) {
      String service = nameOf(workload);
      assertThat(MODULES)
          .as("%s: the module of workload %s", rendered, service)
          .containsKey(service);
      Path module = ROOT.resolve(MODULES.get(service));
      String pom = Files.readString(module.resolve("pom.xml"));
      Set<String> own = placeholders(module.resolve("src/main/resources/application.yaml"));

      Set<String> reads = new TreeSet<>(own);
      platform.stream().filter(variable -> usedBy(variable, pom)).forEach(reads::add);
      Map<String, String> set = rendered.environment(container(workload));

      assertThat(set.keySet())
          .as("%s: %s sets every variable it reads", rendered, service)
          .containsAll(reads);
      Set<String> readable = new TreeSet<>(own);
      readable.addAll(platform);
      readable.addAll(READ_WITHOUT_A_PLACEHOLDER.keySet());
      assertThat(readable)
          .as("%s: %s reads every variable it is given (a misspelt one is not)", rendered, service)
          .containsAll(set.keySet());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void everyTopicOfTheContractIsAKafkaTopicAsTheServicesExpectIt(String overlay) throws Exception {
    RenderedOverlay rendered = RenderedOverlay.render(overlay);
    Map<String, String> shared = rendered.generatedConfigMap("trading-shared");
    int partitions = Integer.parseInt(shared.get("TRADING_KAFKA_PARTITIONS"));
    int replicas = Integer.parseInt(shared.get("TRADING_KAFKA_REPLICATION_FACTOR"));
    String deadLetterRetention = Long.toString(TopicProvisioner.DEAD_LETTER_RETENTION.toMillis());

    Map<String, Map<String, String>> expected = new LinkedHashMap<>();
    Topics.EVENT_TOPICS.forEach(topic -> expected.put(topic, Map.of("retention.ms", "-1")));
    expected.put(Topics.COMMANDS, Map.of());
    expected.put(Topics.COMMANDS_DEAD_LETTER, Map.of("retention.ms", deadLetterRetention));
    Stream.of(ReadModel.values())
        .forEach(
            view ->
                expected.put(view.deadLetterTopic(), Map.of("retention.ms", deadLetterRetention)));
    expected.put(DeadLetterLedger.TOPIC, Map.of("cleanup.policy", "compact"));

    Map<String, Map<String, Object>> declared = new HashMap<>();
    for (Map<String, Object> kafkaTopic : rendered.ofKind("KafkaTopic")) {
      declared.put((String) map(kafkaTopic, "spec").get("topicName"), map(kafkaTopic, "spec"));
    }
    assertThat(declared.keySet())
        .as("%s: the KafkaTopics are the contract's topics", rendered)
        .containsExactlyInAnyOrderElementsOf(expected.keySet());
    int brokers =
        ((Number)
                map(rendered.find("KafkaNodePool", "dual-role").orElseThrow(), "spec")
                    .get("replicas"))
            .intValue();
    assertThat(replicas)
        .as("%s: replicas at most the brokers", rendered)
        .isLessThanOrEqualTo(brokers);
    expected.forEach(
        (topic, config) -> {
          Map<String, Object> spec = declared.get(topic);
          assertThat(spec.get("partitions"))
              .as("%s: %s partitions", rendered, topic)
              .isEqualTo(partitions);
          assertThat(spec.get("replicas"))
              .as("%s: %s replicas", rendered, topic)
              .isEqualTo(replicas);
          Map<String, String> actual = new HashMap<>();
          map(spec, "config").forEach((key, value) -> actual.put(key, String.valueOf(value)));
          assertThat(actual).as("%s: %s config", rendered, topic).containsAllEntriesOf(config);
          int minInSync = Integer.parseInt(actual.get("min.insync.replicas"));
          assertThat(minInSync)
              .as(
                  "%s: %s min.insync.replicas: one broker may fail without losing writes",
                  rendered, topic)
              .isEqualTo(Math.max(1, replicas - 1));
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void theProbesAskTheActuatorsHealthGroupsOnThePortTheServiceListensOn(String overlay)
      throws Exception {
    Map<String, Object> platform =
        new Yaml()
            .load(
                Files.readString(
                    ROOT.resolve("platform/src/main/resources/trading-platform.yaml")));
    Map<String, Object> management = map(platform, "management");
    assertThat(map(map(map(management, "endpoint"), "health"), "probes").get("enabled"))
        .as("the liveness and readiness groups are on (trading-platform.yaml)")
        .isEqualTo(true);
    assertThat(
            String.valueOf(
                map(map(map(management, "endpoints"), "web"), "exposure").get("include")))
        .contains("health")
        .contains("prometheus");

    RenderedOverlay rendered = RenderedOverlay.render(overlay);
    for (Map<String, Object> workload : rendered.services()) {
      String service = nameOf(workload);
      Path configuration =
          ROOT.resolve(MODULES.get(service)).resolve("src/main/resources/application.yaml");
      assertThat(Files.readString(configuration))
          .as("%s moves neither the actuator nor its port", service)
          .doesNotContain("base-path")
          .doesNotContain("management.server.port");

      Map<String, Object> container = container(workload);
      String listensOn = rendered.environment(container).get("SERVER_PORT");
      Map<String, Object> http =
          list(container, "ports").stream()
              .filter(port -> "http".equals(port.get("name")))
              .findFirst()
              .orElseThrow(() -> new AssertionError(service + ": no port named http"));
      assertThat(String.valueOf(http.get("containerPort")))
          .as("%s: %s's http port is its SERVER_PORT", rendered, service)
          .isEqualTo(listensOn);
      Map<String, String> probes = new HashMap<>();
      for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
        Map<String, Object> get = map(map(container, probe), "httpGet");
        assertThat(get.get("port"))
            .as("%s: %s %s port", rendered, service, probe)
            .isEqualTo("http");
        probes.put(probe, (String) get.get("path"));
      }
      assertThat(probes)
          .as("%s: %s probes", rendered, service)
          .containsEntry("startupProbe", "/actuator/health/liveness")
          .containsEntry("livenessProbe", "/actuator/health/liveness")
          .containsEntry("readinessProbe", "/actuator/health/readiness");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void everyWorkloadRunsTheImageOfItsServicesModule(String overlay) throws Exception {
    RenderedOverlay rendered = RenderedOverlay.render(overlay);
    for (Map<String, Object> workload : rendered.workloads()) {
      String workloadName = nameOf(workload);
      Path module = ROOT.resolve(MODULES.get(workloadName));
      String service = module.getFileName().toString();
      String image = (String) container(workload).get("image");
      String repository = image.replaceFirst(":[^/:]+$", "");
      assertThat(repository)
          .as(
              "%s: %s runs the image trading/%s (in some registry)",
              rendered, workloadName, service)
          .matches("(.+/)?trading/" + Pattern.quote(service));
      assertThat(Files.readString(module.resolve("pom.xml")))
          .as(
              "%s: the module of %s builds its image with Jib (make images)",
              rendered, workloadName)
          .contains("<artifactId>jib-maven-plugin</artifactId>")
          .contains("<artifactId>" + service + "</artifactId>");
    }
    assertThat(Files.readString(ROOT.resolve("pom.xml")))
        .as("Jib names each image trading/<artifactId>")
        .contains("<image>trading/${project.artifactId}:${project.version}</image>");
  }

  private static boolean usedBy(String variable, String pom) {
    return NEEDS_LIBRARY.entrySet().stream()
        .filter(need -> variable.startsWith(need.getKey()))
        .findFirst()
        .map(need -> need.getValue().stream().anyMatch(pom::contains))
        .orElse(true);
  }

  private static Set<String> placeholders(Path configuration) throws IOException {
    Set<String> variables = new TreeSet<>();
    Matcher matcher = PLACEHOLDER.matcher(Files.readString(configuration));
    while (matcher.find()) {
      variables.add(matcher.group(1));
    }
    return variables;
  }
}
