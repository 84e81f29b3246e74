package com.example.trading.command.axon;

import com.example.trading.schemas.MessageType;
import com.example.trading.schemas.codec.MessageCodec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.stereotype.Component;

/**
 * Reads events stored in an older revision through the contract's upcasters ({@link
 * MessageCodec#upcast}), so the aggregates and the Kafka relay see only current shapes and the
 * rules for an old revision live in one place, beside the event.
 */
@Component
class ContractEventUpcaster extends SingleEventUpcaster {

  private final MessageCodec codec;

  ContractEventUpcaster(MessageCodec codec) {
    this.codec = codec;
  }

  @Override
  protected boolean canUpcast(IntermediateEventRepresentation representation) {
    Integer revision = revisionOf(representation);
    Class<?> type = classOf(representation.getType().getName());
    return revision != null && type != null && revision < codec.revision(type);
  }

  @Override
  protected IntermediateEventRepresentation doUpcast(
      IntermediateEventRepresentation representation) {
    Class<?> type = classOf(representation.getType().getName());
    int from = revisionOf(representation);
    String typeName = codec.typeName(type);
    return representation.upcastPayload(
        new SimpleSerializedType(type.getName(), Integer.toString(codec.revision(type))),
        JsonNode.class,
        json -> codec.upcast(typeName, from, (ObjectNode) json));
  }

  private static Integer revisionOf(IntermediateEventRepresentation representation) {
    String revision = representation.getType().getRevision();
    return revision == null ? null : Integer.valueOf(revision);
  }

  private static Class<?> classOf(String className) {
    try {
      Class<?> type = Class.forName(className, false, ContractEventUpcaster.class.getClassLoader());
      return type.isAnnotationPresent(MessageType.class) ? type : null;
    } catch (ClassNotFoundException e) {
      return null;
    }
  }
}
