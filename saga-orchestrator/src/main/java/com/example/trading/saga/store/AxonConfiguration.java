package com.example.trading.saga.store;

import com.example.trading.platform.axon.CrossInstanceEventStoreConfiguration;
import com.example.trading.saga.order.SagaTimeouts;
import com.example.trading.schemas.fee.FeeSchedule;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * How the orchestrator's Axon runs: one tracking processor feeding the sagas from the
 * orchestrator's own event store (the contract's serializer and the message envelope carried from
 * each event to the commands it causes come from the platform's {@code
 * AxonContractAutoConfiguration}).
 *
 * <p>The saga processor starts at the tail of the store (a new processor's default for sagas is the
 * head, which would skip what the inbox stored before it first ran) and propagates a handler
 * failure: the batch's transaction (saga state, outbox rows, deadlines, token) rolls back and the
 * processor retries it with back-off, so no event is ever skipped silently; a poison event shows as
 * a processor in error (log and metrics).
 *
 * <p>Sagas are spread over {@code trading.saga.processor.segments} segments: a saga belongs to the
 * segment of its order id (Axon starts it in the segment matching its association value and gives
 * it an identifier of that segment), so one order's events are handled in store order by one
 * segment, while other orders go on in the others; one thread per segment, each batch one
 * transaction. (Axon's pooled streaming processor was measured too: it polls the JDBC store every
 * 500 ms when idle, because the store's stream offers no availability callback, which added half a
 * second to every step of an order; the tracking processor is woken by the store's commits.)
 * Segments are claimed through {@code token_entry}; {@link SagaSegmentBalancer} shares them out
 * among the instances alive (each may run every segment, so a lone survivor takes them all). The
 * count applies when the processor's tokens are first created; an existing store keeps its split
 * (Axon's split/merge changes it).
 */
@Configuration(proxyBeanMethods = false)
@Import(CrossInstanceEventStoreConfiguration.class)
@EnableConfigurationProperties(SagaTimeouts.class)
class AxonConfiguration {

  /** Axon's default processor name for the order saga. */
  static final String SAGA_PROCESSOR = "OrderSagaProcessor";

  /**
   * The fee schedule new orders are charged under ({@code trading.fees.schedule}): chosen here
   * only. Each saga reserves room for the fee under it and sends its name with the {@code
   * ChargeFee}; the {@code FeeCharged} records it, and everything after follows the record. An
   * unknown name stops the start.
   */
  @Bean
  FeeSchedule feeScheduleForNewOrders(@Value("${trading.fees.schedule}") String name) {
    return FeeSchedule.named(name);
  }

  @Bean
  ConfigurerModule sagaProcessorModule(
      @Value("${trading.saga.processor.batch-size:100}") int batchSize,
      @Value("${trading.saga.processor.segments:4}") int segments) {
    return configurer ->
        configurer.eventProcessing(
            processing ->
                processing
                    .registerTrackingEventProcessor(
                        SAGA_PROCESSOR,
                        c -> c.eventStore(),
                        c ->
                            TrackingEventProcessorConfiguration.forParallelProcessing(segments)
                                .andInitialSegmentsCount(segments)
                                .andBatchSize(batchSize)
                                .andInitialTrackingToken(StreamableMessageSource::createTailToken))
                    .registerListenerInvocationErrorHandler(
                        SAGA_PROCESSOR, c -> PropagatingErrorHandler.instance()));
  }
}
