package com.example.trading.saga.inbox;

import java.util.Collection;
import java.util.List;
import org.axonframework.messaging.annotation.AnnotatedHandlerInspector;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.modelling.saga.SagaEventHandler;

/**
 * The event types the sagas handle, as Axon reads them from their {@code @SagaEventHandler}
 * methods: the inbox stores only these. An event no saga handles (an order's {@code OrderAccepted}
 * and {@code OrderSubmitted}, a deposit) would only be copied into the saga's store and then read
 * and passed over by every segment of the saga processor.
 */
final class SagaInputs {

  private final List<Class<?>> handled;
  private final ClassValue<Boolean> handles =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> payloadType) {
          return handled.stream().anyMatch(type -> type.isAssignableFrom(payloadType));
        }
      };

  private SagaInputs(List<Class<?>> handled) {
    this.handled = handled;
  }

  /**
   * What these saga types handle.
   *
   * @throws IllegalStateException when they handle nothing (the inbox would drop every event)
   */
  static SagaInputs of(List<Class<?>> sagaTypes) {
    List<Class<?>> handled =
        sagaTypes.stream()
            .flatMap(
                type ->
                    AnnotatedHandlerInspector.inspectType(type).getAllHandlers().values().stream())
            .flatMap(Collection::stream)
            .filter(member -> member.annotationAttributes(SagaEventHandler.class).isPresent())
            .<Class<?>>map(MessageHandlingMember::payloadType)
            .distinct()
            .toList();
    if (handled.isEmpty()) {
      throw new IllegalStateException("no saga event handlers in " + sagaTypes);
    }
    return new SagaInputs(handled);
  }

  /** Whether a saga handles events of this payload type. */
  boolean handles(Class<?> payloadType) {
    return handles.get(payloadType);
  }
}
