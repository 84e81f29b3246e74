package com.example.trading.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The breaking changes of OpenAPI 3.1 property types between two documents: a property of a schema
 * the API answers that may now have another type (typically {@code "null"}), and a property of a
 * schema the API reads that no longer accepts a type it did.
 */
final class TypeChanges {

  private static final String SCHEMAS = "#/components/schemas/";

  private TypeChanges() {}

  static List<String> breaking(JsonNode released, JsonNode current) {
    Set<String> answers = reachable(released, "responses");
    Set<String> requests = reachable(released, "requestBody");
    List<String> changes = new ArrayList<>();
    released
        .path("components")
        .path("schemas")
        .properties()
        .forEach(
            schema -> {
              JsonNode now = current.path("components").path("schemas").path(schema.getKey());
              schema
                  .getValue()
                  .path("properties")
                  .properties()
                  .forEach(
                      property -> {
                        JsonNode nowProperty = now.path("properties").path(property.getKey());
                        if (nowProperty.isMissingNode()) {
                          return;
                        }
                        Set<String> before = types(property.getValue());
                        Set<String> after = types(nowProperty);
                        String name = schema.getKey() + "." + property.getKey();
                        if (answers.contains(schema.getKey()) && !before.containsAll(after)) {
                          changes.add(
                              "answer property "
                                  + name
                                  + " may now be "
                                  + difference(after, before));
                        }
                        if (requests.contains(schema.getKey()) && !after.containsAll(before)) {
                          changes.add(
                              "request property "
                                  + name
                                  + " no longer accepts "
                                  + difference(before, after));
                        }
                      });
            });
    return changes;
  }

  /**
   * The component schemas used, directly or through others, under every operation's {@code key}.
   */
  private static Set<String> reachable(JsonNode document, String key) {
    Deque<JsonNode> pending = new ArrayDeque<>();
    document
        .path("paths")
        .forEach(item -> item.forEach(operation -> pending.add(operation.path(key))));
    if (key.equals("responses")) {
      pending.add(document.path("components").path("responses"));
    }
    Set<String> names = new HashSet<>();
    while (!pending.isEmpty()) {
      JsonNode node = pending.pop();
      String ref = node.path("$ref").asText("");
      if (ref.startsWith(SCHEMAS) && names.add(ref.substring(SCHEMAS.length()))) {
        pending.add(
            document.path("components").path("schemas").path(ref.substring(SCHEMAS.length())));
      }
      node.forEach(pending::add);
    }
    return names;
  }

  private static Set<String> types(JsonNode property) {
    Set<String> types = new TreeSet<>();
    JsonNode type = property.path("type");
    if (type.isTextual()) {
      types.add(type.asText());
    }
    type.forEach(each -> types.add(each.asText()));
    return types;
  }

  private static Set<String> difference(Set<String> from, Set<String> without) {
    Set<String> difference = new TreeSet<>(from);
    difference.removeAll(without);
    return difference;
  }
}
