package com.example.trading.platform.axon;

import com.example.trading.platform.tracing.Traces;
import com.example.trading.schemas.MessageMetadata;
import com.example.trading.schemas.MessageType;
import com.example.trading.schemas.codec.MessageCodec;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * How every Axon service stores and relates the contract's messages: events in the contract's JSON
 * form with the contract's revisions (so the bytes in an event store and on Kafka agree), and the
 * message envelope carried from each message to everything it causes (correlation id, trace
 * context, and the message as the cause).
 */
@AutoConfiguration(beforeName = "org.axonframework.springboot.autoconfig.AxonAutoConfiguration")
@ConditionalOnClass({JacksonSerializer.class, MessageCodec.class})
public class AxonContractAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  MessageCodec messageCodec() {
    return new MessageCodec();
  }

  /** Events stored in an older revision or under a former class name read as current ones. */
  @Bean
  @ConditionalOnClass(name = "org.axonframework.eventsourcing.eventstore.EventStore")
  ContractEventUpcaster contractEventUpcaster(MessageCodec codec) {
    return new ContractEventUpcaster(codec);
  }

  @Bean
  @Qualifier("eventSerializer")
  @ConditionalOnMissingBean(name = "eventSerializer")
  Serializer eventSerializer(MessageCodec codec) {
    return JacksonSerializer.builder()
        .objectMapper(MessageCodec.objectMapper())
        .revisionResolver(
            type ->
                type.isAnnotationPresent(MessageType.class)
                    ? Integer.toString(codec.revision(type))
                    : null)
        .build();
  }

  @Bean
  @ConditionalOnClass(name = "org.axonframework.commandhandling.CommandBus")
  CommandLoggingContext commandLoggingContext() {
    return new CommandLoggingContext();
  }

  @Bean
  @ConditionalOnClass(name = "org.axonframework.commandhandling.CommandBus")
  CommandTracing commandTracing(ObjectProvider<Traces> traces) {
    return new CommandTracing(traces.getIfAvailable(Traces::none));
  }

  @Bean
  CorrelationDataProvider contractMetadataProvider(ObjectProvider<Traces> tracing) {
    Traces traces = tracing.getIfAvailable(Traces::none);
    return message -> {
      Map<String, Object> data = new HashMap<>();
      data.put(MessageMetadata.CAUSATION_ID, message.getIdentifier());
      Object correlationId = message.getMetaData().get(MessageMetadata.CORRELATION_ID);
      if (correlationId != null) {
        data.put(MessageMetadata.CORRELATION_ID, correlationId);
      }
      // what is being handled now (a command's span, a saga's step) is the cause's trace context
      String traceparent =
          traces.traceparentOr(
              Objects.toString(message.getMetaData().get(MessageMetadata.TRACEPARENT), null));
      if (traceparent != null) {
        data.put(MessageMetadata.TRACEPARENT, traceparent);
      }
      Object principal = message.getMetaData().get(MessageMetadata.PRINCIPAL);
      if (principal != null) {
        data.put(MessageMetadata.PRINCIPAL, principal);
      }
      return data;
    };
  }
}
