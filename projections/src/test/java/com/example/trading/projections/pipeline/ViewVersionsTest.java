package com.example.trading.projections.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import co.elastic.clients.json.JsonpUtils;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import com.example.trading.projections.accounts.AccountsView;
import com.example.trading.projections.activities.AccountActivitiesView;
import com.example.trading.projections.orders.CustomerOrdersView;
import com.example.trading.projections.portfolio.PortfoliosView;
import com.example.trading.schemas.ReadModel;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A view's mapping or document shape does not change without a new version: each view's shape (its
 * mapping and its document classes' fields) has a fingerprint recorded per version in {@code
 * view-versions.properties}. Changing a view fails here until its {@code version()} is bumped and
 * the new version's fingerprint recorded; the live projection then refuses the old index and {@code
 * make replay} builds the new one.
 */
class ViewVersionsTest {

  static List<View<?>> views() {
    return List.of(
        new CustomerOrdersView(),
        new PortfoliosView(),
        new AccountsView(),
        new AccountActivitiesView());
  }

  @ParameterizedTest
  @MethodSource("views")
  void aViewsShapeIsTheOneRecordedForItsVersion(View<?> view) throws Exception {
    Properties recorded = new Properties();
    try (InputStream in = getClass().getResourceAsStream("/view-versions.properties")) {
      recorded.load(in);
    }
    String key = view.name() + "." + view.version();
    String fingerprint = fingerprint(view);

    assertThat(recorded.getProperty(key))
        .as(
            "the shape of view %s changed (or version %d is new): bump its version() if it is not new, and record"
                + " %s=%s in view-versions.properties",
            view.name(), view.version(), key, fingerprint)
        .isEqualTo(fingerprint);
  }

  @Test
  void everyViewOfTheContractIsProjectedUnderItsNameFromItsTopics() {
    assertThat(views())
        .extracting(View::name, View::topics)
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(ReadModel.values())
                .map(model -> tuple(model.viewName(), model.topics()))
                .toList());
  }

  static String fingerprint(View<?> view) throws Exception {
    ObjectMapper canonical =
        new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    String mapping = JsonpUtils.toJsonString(view.mapping(), new JacksonJsonpMapper());
    String shape =
        canonical.writeValueAsString(canonical.readValue(mapping, TreeMap.class))
            + "\n"
            + shapeOf(view.documentType());
    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest(shape.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest, 0, 12);
  }

  /**
   * The class's instance fields (or record components) and those of the types it declares, sorted.
   */
  private static String shapeOf(Class<?> type) {
    String own =
        type.isRecord()
            ? Arrays.stream(type.getRecordComponents())
                .map(c -> c.getName() + ":" + c.getGenericType().getTypeName())
                .collect(Collectors.joining(","))
            : Arrays.stream(type.getFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()))
                .sorted(Comparator.comparing(Field::getName))
                .map(f -> f.getName() + ":" + f.getGenericType().getTypeName())
                .collect(Collectors.joining(","));
    Map<String, String> nested = new TreeMap<>();
    for (Class<?> declared : type.getDeclaredClasses()) {
      nested.put(declared.getSimpleName(), shapeOf(declared));
    }
    return type.getSimpleName() + "{" + own + "}" + nested;
  }
}
