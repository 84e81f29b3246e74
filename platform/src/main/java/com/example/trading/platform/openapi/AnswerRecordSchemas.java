package com.example.trading.platform.openapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.AnnotationsUtils;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Documents an answer record the way Jackson writes it. A record that says how Jackson includes its
 * components ({@code @JsonInclude}) is an answer, and its document follows that:
 *
 * <ul>
 *   <li>{@code ALWAYS}: every component is written, so every property is required; one marked
 *       {@link Nullable} may be {@code null}: its type gains {@code "null"} (OpenAPI 3.1), and so
 *       does its enum if it has one;
 *   <li>{@code NON_NULL}: a component marked {@link Nullable} is left out when null, so its
 *       property is optional; every other is required.
 * </ul>
 *
 * In other records (request bodies) a component marked {@link Nullable} may be sent as {@code
 * null}; what is required is what their validation annotations say.
 */
final class AnswerRecordSchemas implements ModelConverter {

  @Override
  public Schema<?> resolve(
      AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
    if (!chain.hasNext()) {
      return null;
    }
    Schema<?> resolved = chain.next().resolve(type, context, chain);
    Class<?> recordClass = recordClass(type);
    if (resolved == null || recordClass == null) {
      return resolved;
    }
    Schema<?> model =
        resolved.get$ref() == null
            ? resolved
            : context
                .getDefinedModels()
                .get(resolved.get$ref().substring(resolved.get$ref().lastIndexOf('/') + 1));
    if (model == null || model.getProperties() == null) {
      return resolved;
    }
    JsonInclude include = recordClass.getAnnotation(JsonInclude.class);
    boolean answer = include != null;
    boolean always = answer && include.value() == JsonInclude.Include.ALWAYS;
    List<String> required = new ArrayList<>();
    @SuppressWarnings("unchecked")
    Map<String, Schema> properties = (Map<String, Schema>) (Map<String, ?>) model.getProperties();
    for (RecordComponent component : recordClass.getRecordComponents()) {
      String name = component.getName();
      Schema<?> property = properties.get(name);
      if (property == null) {
        continue;
      }
      boolean nullable = component.getAnnotatedType().isAnnotationPresent(Nullable.class);
      if (nullable && (always || !answer)) {
        properties.put(name, orNull(property));
      }
      if (always || !nullable) {
        required.add(name);
      }
    }
    if (answer) {
      model.setRequired(required);
    }
    return resolved;
  }

  /** The property, or {@code null}. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static Schema orNull(Schema property) {
    boolean already =
        property.getOneOf() != null
            || property.getTypes() != null && property.getTypes().contains("null");
    if (already) {
      return property;
    }
    if (property.get$ref() != null) {
      return new JsonSchema()
          .oneOf(
              List.of(
                  new JsonSchema().$ref(property.get$ref()),
                  new JsonSchema().types(Set.of("null"))));
    }
    // A copy: a replaced type's schema (decimals) is one instance shared by every property of that
    // type.
    property = AnnotationsUtils.clone(property, true);
    Set<String> types = new LinkedHashSet<>();
    if (property.getTypes() != null) {
      types.addAll(property.getTypes());
    } else if (property.getType() != null) {
      types.add(property.getType());
    }
    types.add("null");
    property.setTypes(types);
    if (property.getEnum() != null && !property.getEnum().contains(null)) {
      property.addEnumItemObject(null);
    }
    return property;
  }

  private static Class<?> recordClass(AnnotatedType type) {
    if (type.getType() == null) {
      return null;
    }
    Class<?> raw = Json.mapper().constructType(type.getType()).getRawClass();
    return raw.isRecord() ? raw : null;
  }
}
