package com.example.trading.platform.axon;

import com.example.trading.schemas.MessageMetadata;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.MDC;

/**
 * Puts a command's {@code correlationId} (the order's or holding's journey) and its name into the
 * logging context while it is handled, so every line logged meanwhile (the aggregate's, Axon's, the
 * store's) carries them; the JSON logs show them as fields. What was in the context before (an
 * outer command) is restored afterwards. Registered on the command bus of every Axon service.
 */
public final class CommandLoggingContext implements MessageHandlerInterceptor<CommandMessage<?>> {

  static final String CORRELATION_ID = MessageMetadata.CORRELATION_ID;
  static final String COMMAND = "command";

  @Override
  public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain)
      throws Exception {
    CommandMessage<?> command = unitOfWork.getMessage();
    Object correlationId = command.getMetaData().get(MessageMetadata.CORRELATION_ID);
    String outerCorrelationId = MDC.get(CORRELATION_ID);
    String outerCommand = MDC.get(COMMAND);
    try {
      put(CORRELATION_ID, correlationId == null ? null : correlationId.toString());
      put(COMMAND, simpleName(command));
      return interceptorChain.proceed();
    } finally {
      put(CORRELATION_ID, outerCorrelationId);
      put(COMMAND, outerCommand);
    }
  }

  /** A command's name without its package and enclosing types, e.g. {@code PlaceOrder}. */
  static String simpleName(CommandMessage<?> command) {
    String name = command.getCommandName();
    return name.substring(Math.max(name.lastIndexOf('.'), name.lastIndexOf('$')) + 1);
  }

  private static void put(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }
}
