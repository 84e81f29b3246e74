package com.example.trading.platform.logging;

import com.example.trading.schemas.MessageMetadata;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.MDC;

/**
 * Puts what is known about the message being handled into the logging context, so every line logged
 * meanwhile (ours, Axon's, the drivers') carries it: {@code correlationId} (the journey), and the
 * {@code orderId} and {@code accountId} the message is about, read from its payload (a record's
 * {@code orderId} and {@code accountId} components; a holding's {@code holdingId} names its account
 * before the {@code /}). Closing it restores what was there before (an outer message's context).
 * The JSON logs show them as fields next to the current span's {@code traceId} and {@code spanId}.
 */
public final class LoggingContext implements AutoCloseable {

  public static final String CORRELATION_ID = MessageMetadata.CORRELATION_ID;
  public static final String ORDER_ID = "orderId";
  public static final String ACCOUNT_ID = "accountId";

  private static final ClassValue<Function<Object, Map<String, String>>> FIELDS =
      new ClassValue<>() {
        @Override
        protected Function<Object, Map<String, String>> computeValue(Class<?> type) {
          return fieldsOf(type);
        }
      };

  private final Map<String, String> previous = new HashMap<>();

  private LoggingContext(Map<String, String> values) {
    values.forEach(
        (key, value) -> {
          previous.put(key, MDC.get(key));
          put(key, value);
        });
  }

  /**
   * The context of a message: its correlation id and what its payload names (either may be null).
   * An id the message does not know is left as the surrounding context has it.
   */
  public static LoggingContext of(String correlationId, Object payload) {
    Map<String, String> values = new HashMap<>();
    if (payload != null) {
      values.putAll(FIELDS.get(payload.getClass()).apply(payload));
    }
    if (correlationId != null) {
      values.put(CORRELATION_ID, correlationId);
    }
    return new LoggingContext(values);
  }

  /** Adds (or replaces) one value in this context; restored on {@link #close} like the others. */
  public LoggingContext with(String key, String value) {
    if (value != null) {
      previous.putIfAbsent(key, MDC.get(key));
      MDC.put(key, value);
    }
    return this;
  }

  @Override
  public void close() {
    previous.forEach(LoggingContext::put);
  }

  private static void put(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }

  private static Function<Object, Map<String, String>> fieldsOf(Class<?> type) {
    if (!type.isRecord()) {
      return payload -> Map.of();
    }
    RecordComponent orderId = null;
    RecordComponent accountId = null;
    RecordComponent holdingId = null;
    for (RecordComponent component : type.getRecordComponents()) {
      if (component.getType() != String.class) {
        continue;
      }
      switch (component.getName()) {
        case ORDER_ID -> orderId = component;
        case ACCOUNT_ID -> accountId = component;
        case "holdingId" -> holdingId = component;
        default -> {}
      }
    }
    RecordComponent order = orderId;
    RecordComponent account = accountId;
    RecordComponent holding = holdingId;
    return payload -> {
      Map<String, String> values = new HashMap<>();
      String orderValue = read(order, payload);
      if (orderValue != null) {
        values.put(ORDER_ID, orderValue);
      }
      String accountValue = read(account, payload);
      String holdingValue = read(holding, payload);
      if (accountValue == null && holdingValue != null && holdingValue.indexOf('/') > 0) {
        accountValue = holdingValue.substring(0, holdingValue.indexOf('/'));
      }
      if (accountValue != null) {
        values.put(ACCOUNT_ID, accountValue);
      }
      return values;
    };
  }

  private static String read(RecordComponent component, Object payload) {
    if (component == null) {
      return null;
    }
    try {
      return (String) component.getAccessor().invoke(payload);
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }
}
