package com.example.trading.saga.store;

import com.example.trading.platform.axon.BoundedCache;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where Axon keeps the sagas: the snake_case tables of {@code V2__axon_saga_store.sql} in Axon's
 * format (bytea payloads), each saga with a version ({@code V11}) and the sagas this instance last
 * committed cached ({@link VersionedSagaStore}, {@code trading.saga.cache.sagas}), behind a bounded
 * cache of the associations found ({@link SagaAssociationCache}, {@code
 * trading.saga.cache.maximum-size}): without it every event cost an association query per segment.
 */
@Configuration(proxyBeanMethods = false)
class SagaStoreConfiguration {

  @Bean
  SagaAssociationCache sagaStore(
      JdbcTemplate jdbc,
      Serializer serializer,
      @Value("${trading.saga.cache.maximum-size:50000}") long associationsCached,
      @Value("${trading.saga.cache.sagas:10000}") long sagasCached) {
    return new SagaAssociationCache(
        new VersionedSagaStore(jdbc, serializer, new BoundedCache(sagasCached)),
        new BoundedCache(associationsCached));
  }
}
