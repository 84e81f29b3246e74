package com.example.trading.platform.axon;

import com.example.trading.platform.logging.LoggingContext;
import com.example.trading.schemas.MessageMetadata;
import java.util.Objects;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Puts a command's {@code correlationId} (the order's or holding's journey), the order and account
 * it is about ({@link LoggingContext}) and its name into the logging context while it is handled,
 * so every line logged meanwhile (the aggregate's, Axon's, the store's) carries them; the JSON logs
 * show them as fields. What was in the context before (an outer command) is restored afterwards.
 * Registered on the command bus of every Axon service.
 */
public final class CommandLoggingContext implements MessageHandlerInterceptor<CommandMessage<?>> {

  static final String COMMAND = "command";

  @Override
  public Object handle(
      UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain)
      throws Exception {
    CommandMessage<?> command = unitOfWork.getMessage();
    try (LoggingContext context =
        LoggingContext.of(
                Objects.toString(command.getMetaData().get(MessageMetadata.CORRELATION_ID), null),
                command.getPayload())
            .with(COMMAND, simpleName(command))) {
      return interceptorChain.proceed();
    }
  }

  /** A command's name without its package and enclosing types, e.g. {@code PlaceOrder}. */
  static String simpleName(CommandMessage<?> command) {
    String name = command.getCommandName();
    return name.substring(Math.max(name.lastIndexOf('.'), name.lastIndexOf('$')) + 1);
  }
}
