package com.example.trading.saga.order;

import com.example.trading.platform.logging.LoggingContext;
import com.example.trading.platform.tracing.Traces;
import com.example.trading.schemas.MessageMetadata;
import java.util.Objects;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.springframework.stereotype.Component;

/**
 * Each event an order's saga handles is a span of the order's trace, the child of the trace context
 * the event carries; the commands, venue requests and deadlines the saga decides meanwhile carry
 * this span on (the contract's metadata provider reads the current span). Wraps the saga's handlers
 * themselves, so an event is traced once, by the segment whose saga handles it, not by every
 * segment that looks at it. Meanwhile the logging context names the journey, the order and its
 * account ({@link LoggingContext}).
 */
@Component
class SagaStepTracing implements HandlerEnhancerDefinition {

  private final Traces traces;

  SagaStepTracing(Traces traces) {
    this.traces = traces;
  }

  @Override
  public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
    if (!OrderSaga.class.isAssignableFrom(original.declaringClass())) {
      return original;
    }
    return new WrappedMessageHandlingMember<>(original) {
      @Override
      public Object handle(Message<?> message, T target) throws Exception {
        try (LoggingContext context =
                LoggingContext.of(
                        Objects.toString(
                            message.getMetaData().get(MessageMetadata.CORRELATION_ID), null),
                        message.getPayload())
                    .with(
                        LoggingContext.ACCOUNT_ID,
                        target instanceof OrderSaga saga ? saga.accountId() : null);
            Traces.Step step =
                traces.start(
                    "saga " + message.getPayloadType().getSimpleName(),
                    Objects.toString(
                        message.getMetaData().get(MessageMetadata.TRACEPARENT), null))) {
          step.tag(
              MessageMetadata.CORRELATION_ID,
              message.getMetaData().get(MessageMetadata.CORRELATION_ID));
          try {
            return super.handle(message, target);
          } catch (Exception e) {
            step.failed(e);
            throw e;
          }
        }
      }
    };
  }
}
