package com.example.trading.saga.store;

import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes Axon keep sagas in the snake_case tables of {@code V2__axon_saga_store.sql}, through the
 * PostgreSQL dialect (bytea payloads).
 */
@Configuration(proxyBeanMethods = false)
class SagaStoreConfiguration {

  @Bean
  SagaSqlSchema sagaSqlSchema() {
    return new PostgresSagaSqlSchema(new SagaSchema.Builder()
        .sagaEntryTable("saga_entry")
        .associationValueEntryTable("association_value_entry")
        .sagaIdColumn("saga_id")
        .revisionColumn("revision")
        .sagaTypeColumn("saga_type")
        .serializedSagaColumn("serialized_saga")
        .associationKeyColumn("association_key")
        .associationValueColumn("association_value")
        .build());
  }
}
