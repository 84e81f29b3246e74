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
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
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
 * the actuator's health groups on the port the service listens on, every workload runs the image of
 * the service it is named after, and the operator console is on a host of its own and reaches only
 * the services it works through. (Schema validation: {@code infra/k8s/check}.)
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
          "console", "infra/console",
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

  /** The services the console works through: its variable for each one's base URL. */
  private static final Map<String, String> CONSOLE_CALLS =
      Map.of(
          "COMMAND_URL", "command-side",
          "QUERY_URL", "query-side",
          "SAGA_URL", "saga-orchestrator",
          "PROJECTIONS_URL", "projections");

  /**
   * The namespaces the console may reach: those every service may (DNS, the ingress controller for
   * the issuer's public address, Zipkin for spans) and Prometheus's (the overview's charts).
   */
  private static final Set<String> CONSOLE_EGRESS_NAMESPACES =
      Set.of("kube-system", "ingress-nginx", "observability", "monitoring");

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

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void theConsoleHasAHostOfItsOwnWhereTheIdentityProviderSendsOperatorsBack(String overlay) {
    RenderedOverlay rendered = RenderedOverlay.render(overlay);
    Map<String, Object> ingress = rendered.find("Ingress", "trading").orElseThrow();
    List<Map<String, Object>> rules = list(map(ingress, "spec"), "rules");
    List<String> hosts =
        rules.stream()
            .filter(rule -> backendsOf(rule).contains("console"))
            .map(rule -> (String) rule.get("host"))
            .toList();
    assertThat(hosts).as("%s: the console's hosts on the Ingress", rendered).hasSize(1);
    String host = hosts.get(0);
    Map<String, Object> rule =
        rules.stream().filter(r -> host.equals(r.get("host"))).findFirst().orElseThrow();
    assertThat(list(map(rule, "http"), "paths"))
        .as("%s: %s serves the console, all of it", rendered, host)
        .singleElement()
        .satisfies(
            path -> {
              assertThat(path.get("path")).isEqualTo("/");
              assertThat(path.get("pathType")).isEqualTo("Prefix");
              assertThat(map(map(path, "backend"), "service"))
                  .containsEntry("name", "console")
                  .containsEntry("port", Map.of("name", "http"));
            });
    assertThat(
            list(map(ingress, "spec"), "tls").stream()
                .flatMap(tls -> ((List<?>) tls.get("hosts")).stream().map(String::valueOf))
                .toList())
        .as("%s: the console's host is served over TLS", rendered)
        .contains(host);
    assertThat(rendered.generatedConfigMap("identity-config").get("TRADING_CONSOLE_REDIRECT_URIS"))
        .as("%s: the identity provider sends operators back to the console's host", rendered)
        .isEqualTo("https://" + host + "/login/oauth2/code/trading");

    Map<String, Object> deployment = rendered.find("Deployment", "console").orElseThrow();
    assertThat(map(deployment, "spec").get("replicas"))
        .as("%s: one console: its sessions are in memory", rendered)
        .isEqualTo(1);
    assertThat(rendered.ofKind("HorizontalPodAutoscaler"))
        .as("%s: nothing scales the console out of its in-memory sessions", rendered)
        .noneMatch(hpa -> "console".equals(map(map(hpa, "spec"), "scaleTargetRef").get("name")));
    Map<String, Object> service = rendered.find("Service", "console").orElseThrow();
    assertThat(selects(map(service, "spec").get("selector"), podLabels(deployment)))
        .as("%s: the console's Service selects its pods", rendered)
        .isTrue();
    assertThat(list(map(service, "spec"), "ports"))
        .as("%s: the console's Service port http", rendered)
        .anyMatch(port -> "http".equals(port.get("name")) && "http".equals(port.get("targetPort")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void theConsoleReachesOnlyWhatItWorksThroughAndTheServicesAcceptIt(String overlay) {
    RenderedOverlay rendered = RenderedOverlay.render(overlay);
    Map<String, Object> console = rendered.find("Deployment", "console").orElseThrow();
    Map<String, Object> consolePods = podLabels(console);
    Map<String, String> environment = rendered.environment(container(console));

    // Its base URLs name the services' Services, on their http port.
    CONSOLE_CALLS.forEach(
        (variable, name) -> {
          URI url = URI.create(environment.get(variable));
          Map<String, Object> service =
              rendered
                  .find("Service", name)
                  .orElseThrow(() -> new AssertionError(rendered + ": no Service " + name));
          assertThat(url.getHost()).as("%s: the console's %s", rendered, variable).isEqualTo(name);
          assertThat(list(map(service, "spec"), "ports"))
              .as("%s: the console's %s is %s's http port", rendered, variable, name)
              .anyMatch(
                  port ->
                      "http".equals(port.get("name")) && port.get("port").equals(url.getPort()));
        });
    // The issuer is the identity provider's public host, reached through the Ingress.
    String issuerHost =
        URI.create(rendered.generatedConfigMap("trading-shared").get("TRADING_ISSUER_URI"))
            .getHost();
    assertThat(
            list(map(rendered.find("Ingress", "trading").orElseThrow(), "spec"), "rules").stream()
                .filter(rule -> issuerHost.equals(rule.get("host")))
                .flatMap(rule -> backendsOf(rule).stream())
                .toList())
        .as("%s: the issuer's host %s is the identity provider's", rendered, issuerHost)
        .containsExactly("identity");

    // What the console may reach, and who may reach it.
    Set<String> podsReached = new TreeSet<>();
    Map<String, Set<Object>> namespacesReached = new HashMap<>();
    Set<String> namespacesReaching = new TreeSet<>();
    for (Map<String, Object> policy : rendered.ofKind("NetworkPolicy")) {
      Map<String, Object> spec = map(policy, "spec");
      if (!selects(spec.get("podSelector"), consolePods)) {
        continue;
      }
      List<?> types = spec.get("policyTypes") instanceof List<?> given ? given : List.of();
      if (types.contains("Egress")) {
        for (Map<String, Object> rule : list(spec, "egress")) {
          assertThat(list(rule, "to"))
              .as("%s: %s lets the console reach anything", rendered, nameOf(policy))
              .isNotEmpty();
          for (Map<String, Object> peer : list(rule, "to")) {
            assertThat(peer)
                .as("%s: %s lets the console reach addresses", rendered, nameOf(policy))
                .doesNotContainKey("ipBlock");
            if (peer.containsKey("namespaceSelector")) {
              namespacesReached
                  .computeIfAbsent(namespaceOf(peer), namespace -> new HashSet<>())
                  .addAll(portsOf(rule));
              continue;
            }
            List<String> selected =
                rendered.workloads().stream()
                    .filter(workload -> selects(peer.get("podSelector"), podLabels(workload)))
                    .map(RenderedOverlay::nameOf)
                    .toList();
            assertThat(selected)
                .as("%s: %s lets the console reach pods of no service", rendered, nameOf(policy))
                .isNotEmpty();
            assertThat(portsOf(rule))
                .as(
                    "%s: %s: the console reaches %s's http port",
                    rendered, nameOf(policy), selected)
                .containsExactly("http");
            podsReached.addAll(selected);
          }
        }
      }
      if (types.contains("Ingress")) {
        for (Map<String, Object> rule : list(spec, "ingress")) {
          for (Map<String, Object> peer : list(rule, "from")) {
            assertThat(peer)
                .as("%s: %s: only other namespaces reach the console", rendered, nameOf(policy))
                .containsKey("namespaceSelector")
                .doesNotContainKey("ipBlock");
            namespacesReaching.add(namespaceOf(peer));
          }
        }
      }
    }
    assertThat(podsReached)
        .as("%s: the pods the console may reach", rendered)
        .containsExactlyInAnyOrderElementsOf(CONSOLE_CALLS.values());
    assertThat(namespacesReached.keySet())
        .as("%s: the namespaces the console may reach", rendered)
        .containsExactlyInAnyOrderElementsOf(CONSOLE_EGRESS_NAMESPACES);
    assertThat(namespacesReached.get("ingress-nginx"))
        .as("%s: the console reaches the issuer through the ingress controller", rendered)
        .contains(443);
    URI prometheus = URI.create(environment.get("PROMETHEUS_URL"));
    assertThat(prometheus.getHost())
        .as("%s: the console's PROMETHEUS_URL is in namespace monitoring", rendered)
        .endsWith(".monitoring");
    assertThat(namespacesReached.get("monitoring"))
        .as("%s: in namespace monitoring the console reaches Prometheus's API only", rendered)
        .containsExactly(prometheus.getPort());
    assertThat(namespacesReaching)
        .as("%s: browsers through the ingress controller, and Prometheus", rendered)
        .containsExactlyInAnyOrder("ingress-nginx", "monitoring");

    // And the services it works through accept it.
    for (String name : CONSOLE_CALLS.values()) {
      Map<String, Object> pods = podLabels(rendered.find("Deployment", name).orElseThrow());
      assertThat(rendered.ofKind("NetworkPolicy"))
          .as("%s: %s accepts the console on its http port", rendered, name)
          .anyMatch(
              policy ->
                  selects(map(policy, "spec").get("podSelector"), pods)
                      && list(map(policy, "spec"), "ingress").stream()
                          .anyMatch(
                              rule ->
                                  portsOf(rule).contains("http")
                                      && list(rule, "from").stream()
                                          .anyMatch(
                                              peer ->
                                                  !peer.containsKey("namespaceSelector")
                                                      && selects(
                                                          peer.get("podSelector"), consolePods))));
    }
  }

  /** The Services an Ingress rule routes to. */
  private static List<String> backendsOf(Map<String, Object> rule) {
    return list(map(rule, "http"), "paths").stream()
        .map(path -> (String) map(map(path, "backend"), "service").get("name"))
        .toList();
  }

  /** The labels of a workload's pods (a CronJob's: of its jobs' pods). */
  private static Map<String, Object> podLabels(Map<String, Object> workload) {
    Map<String, Object> spec = map(workload, "spec");
    if ("CronJob".equals(workload.get("kind"))) {
      spec = map(map(spec, "jobTemplate"), "spec");
    }
    return map(map(map(spec, "template"), "metadata"), "labels");
  }

  /** Whether a label selector (matchLabels, matchExpressions) selects these labels. */
  @SuppressWarnings("unchecked")
  private static boolean selects(Object selector, Map<String, Object> labels) {
    if (!(selector instanceof Map<?, ?>)) {
      return false;
    }
    Map<String, Object> of = (Map<String, Object>) selector;
    for (Map.Entry<String, Object> label : map(of, "matchLabels").entrySet()) {
      if (!String.valueOf(label.getValue()).equals(labels.get(label.getKey()))) {
        return false;
      }
    }
    for (Map<String, Object> expression : list(of, "matchExpressions")) {
      Object value = labels.get(expression.get("key"));
      List<?> values = expression.get("values") instanceof List<?> given ? given : List.of();
      boolean matches =
          switch ((String) expression.get("operator")) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> throw new AssertionError("unknown operator in " + expression);
          };
      if (!matches) {
        return false;
      }
    }
    return true;
  }

  /** The namespace a NetworkPolicy peer names by its kubernetes.io/metadata.name label. */
  private static String namespaceOf(Map<String, Object> peer) {
    Object name =
        map(map(peer, "namespaceSelector"), "matchLabels").get("kubernetes.io/metadata.name");
    if (name == null) {
      throw new AssertionError(
          "a peer of namespaces not named by kubernetes.io/metadata.name: " + peer);
    }
    return (String) name;
  }

  /** The ports of a NetworkPolicy rule, by name or number. */
  private static List<Object> portsOf(Map<String, Object> rule) {
    return list(rule, "ports").stream().map(port -> port.get("port")).toList();
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
