package com.example.trading.saga.store;

import com.example.trading.platform.axon.BoundedCache;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes Axon keep sagas in the snake_case tables of {@code V2__axon_saga_store.sql}, through the
 * PostgreSQL dialect (bytea payloads), behind a bounded cache of the associations found ({@link
 * SagaAssociationCache}): without it every event cost an association query per segment.
 */
@Configuration(proxyBeanMethods = false)
class SagaStoreConfiguration {

  @Bean
  SagaSqlSchema sagaSqlSchema() {
    return new PostgresSagaSqlSchema(
        new SagaSchema.Builder()
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

  @Bean
  SagaAssociationCache sagaStore(
      ConnectionProvider connectionProvider,
      Serializer serializer,
      SagaSqlSchema schema,
      @Value("${trading.saga.cache.maximum-size:50000}") long maximumSize) {
    JdbcSagaStore store =
        JdbcSagaStore.builder()
            .connectionProvider(connectionProvider)
            .sqlSchema(schema)
            .serializer(serializer)
            .build();
    return new SagaAssociationCache(store, new BoundedCache(maximumSize));
  }
}
