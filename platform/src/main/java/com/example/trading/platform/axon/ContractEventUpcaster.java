package com.example.trading.platform.axon;

import com.example.trading.schemas.MessageType;
import com.example.trading.schemas.codec.MessageCodec;
import com.example.trading.schemas.codec.StoredClassNames;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Function;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Reads a contract event stored in an older revision, or under the class name it had before its
 * family moved package ({@link StoredClassNames}), as the current class in the current revision.
 * The revision's rules are the contract's upcasters ({@link MessageCodec#upcast}), so the
 * aggregates, the relay and the sagas see only current shapes and those rules live in one place,
 * beside the event. Registered in both services that keep an Axon event store.
 */
class ContractEventUpcaster extends SingleEventUpcaster {

  private final MessageCodec codec;

  ContractEventUpcaster(MessageCodec codec) {
    this.codec = codec;
  }

  @Override
  protected boolean canUpcast(IntermediateEventRepresentation representation) {
    String storedName = representation.getType().getName();
    Class<?> type = contractClassOf(storedName);
    return type != null
        && (!type.getName().equals(storedName)
            || revisionOf(representation) < codec.revision(type));
  }

  @Override
  protected IntermediateEventRepresentation doUpcast(
      IntermediateEventRepresentation representation) {
    Class<?> type = contractClassOf(representation.getType().getName());
    int from = revisionOf(representation);
    String typeName = codec.typeName(type);
    Function<JsonNode, JsonNode> upcast =
        from < codec.revision(type)
            ? json -> codec.upcast(typeName, from, (ObjectNode) json)
            : Function.identity();
    return representation.upcastPayload(
        new SimpleSerializedType(type.getName(), Integer.toString(codec.revision(type))),
        JsonNode.class,
        upcast);
  }

  /** A stored event without a revision is in its first. */
  private static int revisionOf(IntermediateEventRepresentation representation) {
    String revision = representation.getType().getRevision();
    return revision == null ? 1 : Integer.parseInt(revision);
  }

  private static Class<?> contractClassOf(String storedName) {
    return StoredClassNames.classOf(storedName)
        .filter(type -> type.isAnnotationPresent(MessageType.class))
        .orElse(null);
  }
}
