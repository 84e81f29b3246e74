package com.example.trading.schemas.codec;

import com.example.trading.schemas.AccountCommand;
import com.example.trading.schemas.AccountEvent;
import com.example.trading.schemas.FeeCommand;
import com.example.trading.schemas.FeeEvent;
import com.example.trading.schemas.HoldingCommand;
import com.example.trading.schemas.HoldingEvent;
import com.example.trading.schemas.MessageType;
import com.example.trading.schemas.OrderCommand;
import com.example.trading.schemas.OrderEvent;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The stable JSON form of every message: record components by name, decimals as strings ({@code
 * "190.25"}), enums by name. Reading takes the type name and revision from the envelope and upcasts
 * older revisions before binding, so consumers only ever see the current shape. Unknown fields are
 * ignored (a newer writer may add fields). Thread-safe and immutable.
 */
public final class MessageCodec {

  private static final List<Class<?>> SEALED_FAMILIES =
      List.of(
          HoldingEvent.class,
          HoldingCommand.class,
          FeeEvent.class,
          FeeCommand.class,
          OrderEvent.class,
          OrderCommand.class,
          AccountEvent.class,
          AccountCommand.class);
  private static final List<JsonUpcaster> UPCASTERS =
      List.of(
          new FeeChargedRevision1To2(),
          new FeeSettledRevision1To2(),
          new FieldsAddedAsNull("SettleFee", 1, "amount", "executedNotional"),
          new FieldsAddedAsNull("ChargeFee", 1, "schedule"),
          new OrderTermsRevision1To2("OrderPlaced"),
          new OrderTermsRevision1To2("PlaceOrder"),
          new FieldsAddedAsNull("HoldingDeposited", 1, "depositId"),
          new FieldsAddedAsNull("DepositHolding", 1, "depositId"),
          new FieldsAddedAsNull("CancelOrder", 1, "reason"),
          new FieldsAddedAsNull("OrderCancellationRequested", 1, "requestedBy", "reason"));

  private final ObjectMapper mapper = objectMapper();
  private final Map<String, Class<?>> classesByType = new HashMap<>();
  private final Map<String, JsonUpcaster> upcasters = new HashMap<>();

  public MessageCodec() {
    for (Class<?> family : SEALED_FAMILIES) {
      for (Class<?> type : family.getPermittedSubclasses()) {
        Class<?> previous = classesByType.put(annotation(type).name(), type);
        if (previous != null) {
          throw new IllegalStateException("type name " + annotation(type).name() + " used twice");
        }
      }
    }
    for (JsonUpcaster upcaster : UPCASTERS) {
      upcasters.put(upcaster.type() + "@" + upcaster.fromRevision(), upcaster);
    }
  }

  /** A Jackson mapper configured for the contract's JSON form. */
  public static ObjectMapper objectMapper() {
    ObjectMapper mapper =
        new ObjectMapper()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .findAndRegisterModules();
    mapper
        .configOverride(BigDecimal.class)
        .setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING));
    return mapper;
  }

  /** Every message class of the contract. */
  public Stream<Class<?>> messageClasses() {
    return classesByType.values().stream();
  }

  public String typeName(Class<?> messageClass) {
    return annotation(messageClass).name();
  }

  public int revision(Class<?> messageClass) {
    return annotation(messageClass).revision();
  }

  /**
   * @throws UnknownMessageTypeException when the name belongs to no message of the contract
   */
  public Class<?> classOf(String typeName) {
    Class<?> type = classesByType.get(typeName);
    if (type == null) {
      throw new UnknownMessageTypeException(typeName);
    }
    return type;
  }

  public byte[] serialize(Object message) {
    annotation(message.getClass());
    try {
      return mapper.writeValueAsBytes(message);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialize " + message.getClass().getName(), e);
    }
  }

  /**
   * Reads a message written as {@code typeName} in {@code revision}, upcasting it to the current
   * revision first.
   *
   * @throws UnknownMessageTypeException for an unknown type name
   * @throws MalformedMessageException when the JSON does not fit the type, or the revision is newer
   *     than this reader knows or has no upcaster
   */
  public Object deserialize(String typeName, int revision, byte[] json) {
    Class<?> type = classOf(typeName);
    try {
      if (revision == revision(type)) {
        // The current revision needs no upcasting: one pass from bytes to the record.
        Object message = mapper.readValue(json, type);
        if (message == null) {
          throw new MalformedMessageException(typeName + " must be a JSON object");
        }
        return message;
      }
      JsonNode tree = mapper.readTree(json);
      if (!(tree instanceof ObjectNode object)) {
        throw new MalformedMessageException(typeName + " must be a JSON object");
      }
      return mapper.treeToValue(upcast(typeName, revision, object), type);
    } catch (IOException e) {
      throw new MalformedMessageException(
          typeName + " revision " + revision + ": " + e.getMessage(), e);
    }
  }

  /** Applies the upcasters from {@code revision} up to the current revision of {@code typeName}. */
  public ObjectNode upcast(String typeName, int revision, ObjectNode json) {
    int current = revision(classOf(typeName));
    if (revision > current) {
      throw new MalformedMessageException(
          typeName
              + " revision "
              + revision
              + " is newer than this reader knows ("
              + current
              + ")");
    }
    ObjectNode result = json;
    for (int r = revision; r < current; r++) {
      JsonUpcaster upcaster = upcasters.get(typeName + "@" + r);
      if (upcaster == null) {
        throw new MalformedMessageException("no upcaster for " + typeName + " revision " + r);
      }
      result = upcaster.upcast(result);
    }
    return result;
  }

  private static MessageType annotation(Class<?> type) {
    MessageType annotation = type.getAnnotation(MessageType.class);
    if (annotation == null) {
      throw new IllegalArgumentException(
          type.getName() + " is not a message of the contract (no @MessageType)");
    }
    return annotation;
  }

  /** The type name belongs to no message of the contract. */
  public static final class UnknownMessageTypeException extends IllegalArgumentException {
    public UnknownMessageTypeException(String typeName) {
      super("unknown message type '" + typeName + "'");
    }
  }

  /** The bytes cannot be read as the named message. */
  public static final class MalformedMessageException extends IllegalArgumentException {
    public MalformedMessageException(String message) {
      super(message);
    }

    public MalformedMessageException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
