package com.example.trading.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kubernetes' own objects and Strimzi's carry no field their schema does not know (a misspelt
 * {@code readinesProbe} or {@code resource.limit} would be dropped by a lenient API server and pass
 * the JSON-schema check, whose schemas allow extra fields). Each rendered object is read into its
 * typed model (fabric8's, generated from Kubernetes' OpenAPI document), which keeps any unknown
 * field aside; there must be none anywhere in the object.
 */
class KubernetesKindsAreStrictTest {

  private static final Map<String, Class<?>> MODELS =
      Map.ofEntries(
          Map.entry("v1/Namespace", Namespace.class),
          Map.entry("v1/ConfigMap", ConfigMap.class),
          Map.entry("v1/Service", Service.class),
          Map.entry("v1/ServiceAccount", ServiceAccount.class),
          Map.entry("apps/v1/Deployment", Deployment.class),
          Map.entry("apps/v1/StatefulSet", StatefulSet.class),
          Map.entry("batch/v1/CronJob", CronJob.class),
          Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
          Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
          Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
          Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
          Map.entry("kafka.strimzi.io/v1beta2/Kafka", io.strimzi.api.kafka.model.kafka.Kafka.class),
          Map.entry(
              "kafka.strimzi.io/v1beta2/KafkaNodePool",
              io.strimzi.api.kafka.model.nodepool.KafkaNodePool.class),
          Map.entry(
              "kafka.strimzi.io/v1beta2/KafkaTopic",
              io.strimzi.api.kafka.model.topic.KafkaTopic.class));

  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void kubernetesOwnObjectsHaveOnlyFieldsKubernetesKnows(String overlay) throws Exception {
    RenderedOverlay rendered = RenderedOverlay.render(overlay);
    List<String> unknown = new ArrayList<>();
    int checked = 0;
    for (Map<String, Object> object : rendered.objects) {
      String kind = object.get("apiVersion") + "/" + object.get("kind");
      Class<?> model = MODELS.get(kind);
      if (model == null) {
        continue; // ECK's, CloudNativePG's, the Prometheus Operator's: only their CRD schemas
      }
      collectUnknown(
          JSON.convertValue(object, model), kind + " " + RenderedOverlay.nameOf(object), unknown);
      checked++;
    }
    assertThat(checked).as("%s: Kubernetes objects read", rendered).isGreaterThan(30);
    assertThat(unknown).as("%s: fields Kubernetes does not know", rendered).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"prod"})
  void aMisspeltFieldIsFound(String overlay) throws Exception {
    Map<String, Object> deployment = RenderedOverlay.render(overlay).ofKind("Deployment").get(0);
    Map<String, Object> container = RenderedOverlay.container(deployment);
    container.put("readinesProbe", container.get("readinessProbe"));
    List<String> unknown = new ArrayList<>();

    collectUnknown(JSON.convertValue(deployment, Deployment.class), "Deployment", unknown);

    assertThat(unknown).singleElement().asString().contains("readinesProbe");
  }

  /** Walks the model's getters, recording every non-empty additionalProperties with its path. */
  private static void collectUnknown(Object node, String path, List<String> unknown)
      throws ReflectiveOperationException {
    if (node == null) {
      return;
    }
    if (node instanceof Collection<?> items) {
      int index = 0;
      for (Object item : items) {
        collectUnknown(item, path + "[" + index++ + "]", unknown);
      }
      return;
    }
    if (node instanceof Map<?, ?> entries) {
      for (Map.Entry<?, ?> entry : entries.entrySet()) {
        collectUnknown(entry.getValue(), path + "." + entry.getKey(), unknown);
      }
      return;
    }
    String type = node.getClass().getName();
    if (!type.startsWith("io.fabric8.kubernetes.api.model") && !type.startsWith("io.strimzi.api")) {
      return;
    }
    for (Method getter : node.getClass().getMethods()) {
      if (getter.getParameterCount() != 0
          || Modifier.isStatic(getter.getModifiers())
          || !getter.getName().startsWith("get")
          || getter.getDeclaringClass() == Object.class) {
        continue;
      }
      Object value = getter.invoke(node);
      if (getter.getName().equals("getAdditionalProperties")) {
        if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
          unknown.add(path + ": " + extra.keySet());
        }
        continue;
      }
      String field =
          Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
      collectUnknown(value, path + "." + field, unknown);
    }
  }
}
