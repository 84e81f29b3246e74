package com.example.trading.platform.axon;

import com.example.trading.platform.tracing.Traces;
import com.example.trading.schemas.MessageMetadata;
import java.util.Objects;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Each command handled is a span of its journey's trace: the child of the trace context the command
 * carries (from a saga command's Kafka message), or of the request being served (the command API).
 * The events it applies carry this span as their trace context ({@code
 * AxonContractAutoConfiguration}'s metadata provider), so the steps they cause follow it.
 */
public final class CommandTracing implements MessageHandlerInterceptor<CommandMessage<?>> {

  private final Traces traces;

  public CommandTracing(Traces traces) {
    this.traces = traces;
  }

  @Override
  public Object handle(
      UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain)
      throws Exception {
    CommandMessage<?> command = unitOfWork.getMessage();
    try (Traces.Step step =
        traces.start(
            "command " + CommandLoggingContext.simpleName(command),
            Objects.toString(command.getMetaData().get(MessageMetadata.TRACEPARENT), null))) {
      step.tag(
          MessageMetadata.CORRELATION_ID,
          command.getMetaData().get(MessageMetadata.CORRELATION_ID));
      try {
        return interceptorChain.proceed();
      } catch (Exception e) {
        step.failed(e);
        throw e;
      }
    }
  }
}
