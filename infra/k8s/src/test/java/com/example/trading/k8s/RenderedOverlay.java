package com.example.trading.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.Yaml;

/** The objects {@code kubectl kustomize} renders for one overlay of {@code infra/k8s/overlays}. */
final class RenderedOverlay {

  static final Path K8S = Path.of("").toAbsolutePath();
  static final Path ROOT = K8S.resolve("../..").normalize();

  /** What kubectl rendered, by overlay: it runs once per overlay and test JVM. */
  private static final Map<String, String> RENDERED = new ConcurrentHashMap<>();

  final String name;
  final List<Map<String, Object>> objects;

  private RenderedOverlay(String name, List<Map<String, Object>> objects) {
    this.name = name;
    this.objects = objects;
  }

  /**
   * The overlay as {@code kubectl kustomize} (which must be installed) renders it, as objects of
   * their own (a test may change them).
   */
  static RenderedOverlay render(String overlay) {
    String yaml = RENDERED.computeIfAbsent(overlay, RenderedOverlay::kustomize);
    List<Map<String, Object>> objects = new ArrayList<>();
    for (Object document : new Yaml().loadAll(yaml)) {
      if (document instanceof Map<?, ?> object) {
        objects.add(cast(object));
      }
    }
    return new RenderedOverlay(overlay, objects);
  }

  private static String kustomize(String overlay) {
    try {
      Process kubectl =
          new ProcessBuilder(
                  "kubectl", "kustomize", K8S.resolve("overlays").resolve(overlay).toString())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      String yaml = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!kubectl.waitFor(60, TimeUnit.SECONDS) || kubectl.exitValue() != 0) {
        throw new IllegalStateException("kubectl kustomize overlays/" + overlay + " failed");
      }
      return yaml;
    } catch (IOException e) {
      throw new UncheckedIOException("kubectl kustomize overlays/" + overlay, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted rendering overlays/" + overlay, e);
    }
  }

  List<Map<String, Object>> ofKind(String kind) {
    return objects.stream().filter(object -> kind.equals(object.get("kind"))).toList();
  }

  Optional<Map<String, Object>> find(String kind, String name) {
    return ofKind(kind).stream().filter(object -> name.equals(nameOf(object))).findFirst();
  }

  /** The Deployments and StatefulSets: the services that run and are probed. */
  List<Map<String, Object>> services() {
    List<Map<String, Object>> services = new ArrayList<>(ofKind("Deployment"));
    services.addAll(ofKind("StatefulSet"));
    return services;
  }

  /** Everything that runs a service's image: the services and the jobs (the replay CLI). */
  List<Map<String, Object>> workloads() {
    List<Map<String, Object>> workloads = new ArrayList<>(services());
    workloads.addAll(ofKind("CronJob"));
    return workloads;
  }

  /** The data of a ConfigMap by its (generated, suffixed) name. */
  Map<String, String> configMap(String name) {
    Map<String, Object> configMap =
        find("ConfigMap", name)
            .orElseThrow(() -> new AssertionError(this.name + ": no ConfigMap " + name));
    Map<String, String> data = new LinkedHashMap<>();
    map(configMap, "data").forEach((key, value) -> data.put(key, String.valueOf(value)));
    return data;
  }

  /** The ConfigMap a generator named {@code generatorName} made (its name gets a hash suffix). */
  Map<String, String> generatedConfigMap(String generatorName) {
    return ofKind("ConfigMap").stream()
        .map(RenderedOverlay::nameOf)
        .filter(name -> name.matches(generatorName + "-[a-z0-9]{10}"))
        .findFirst()
        .map(this::configMap)
        .orElseThrow(() -> new AssertionError(name + ": no ConfigMap from " + generatorName));
  }

  /** The one container of a workload's pod (a CronJob's: of its jobs' pods). */
  static Map<String, Object> container(Map<String, Object> workload) {
    Map<String, Object> spec = map(workload, "spec");
    if ("CronJob".equals(workload.get("kind"))) {
      spec = map(map(spec, "jobTemplate"), "spec");
    }
    List<Map<String, Object>> containers = list(map(map(spec, "template"), "spec"), "containers");
    if (containers.size() != 1) {
      throw new AssertionError(nameOf(workload) + ": expected one container, not " + containers);
    }
    return containers.get(0);
  }

  /** Every environment variable the container gets: its env and its ConfigMaps' keys, by value. */
  Map<String, String> environment(Map<String, Object> container) {
    Map<String, String> environment = new LinkedHashMap<>();
    for (Map<String, Object> from : list(container, "envFrom")) {
      Map<String, Object> configMapRef = map(from, "configMapRef");
      if (configMapRef.isEmpty()) {
        throw new AssertionError("only ConfigMaps are taken whole (envFrom): " + from);
      }
      environment.putAll(configMap((String) configMapRef.get("name")));
    }
    for (Map<String, Object> variable : list(container, "env")) {
      Object value = variable.get("value");
      environment.put(
          (String) variable.get("name"),
          value == null ? "<" + variable.get("valueFrom") + ">" : String.valueOf(value));
    }
    return environment;
  }

  static String nameOf(Map<String, Object> object) {
    return (String) map(object, "metadata").get("name");
  }

  static Map<String, Object> map(Map<String, Object> object, String key) {
    Object value = object.get(key);
    return value instanceof Map<?, ?> map ? cast(map) : Map.of();
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(Map<String, Object> object, String key) {
    Object value = object.get(key);
    return value instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }

  @Override
  public String toString() {
    return "overlays/" + name;
  }
}
