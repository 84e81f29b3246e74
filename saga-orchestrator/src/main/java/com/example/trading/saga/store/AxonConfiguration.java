package com.example.trading.saga.store;

import com.example.trading.saga.order.SagaTimeouts;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the orchestrator's Axon runs: one tracking processor feeding the sagas from the
 * orchestrator's own event store (the contract's serializer and the message envelope carried from
 * each event to the commands it causes come from the platform's
 * {@code AxonContractAutoConfiguration}).
 *
 * <p>The saga processor starts at the tail of the store (a new processor's default for sagas is
 * the head, which would skip what the inbox stored before it first ran), processes in one
 * segment, and propagates a handler failure: the batch's transaction (saga state, outbox rows,
 * deadlines, token) rolls back and the processor retries it with back-off, so no event is ever
 * skipped silently; a poison event shows as a processor in error (log and metrics).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SagaTimeouts.class)
class AxonConfiguration {

  /** Axon's default processor name for the order saga. */
  static final String SAGA_PROCESSOR = "OrderSagaProcessor";

  @Bean
  ConfigurerModule sagaProcessorModule(@Value("${trading.saga.processor.batch-size:20}") int batchSize) {
    return configurer -> configurer.eventProcessing(processing -> processing
        .registerTrackingEventProcessor(SAGA_PROCESSOR, c -> c.eventStore(),
            c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                .andBatchSize(batchSize)
                .andInitialTrackingToken(StreamableMessageSource::createTailToken))
        .registerListenerInvocationErrorHandler(SAGA_PROCESSOR, c -> PropagatingErrorHandler.instance()));
  }
}
