package com.example.trading.platform.axon;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * An Axon {@link Cache} of the most recently used entries, up to a fixed count, held strongly
 * (Caffeine). Axon's {@code WeakReferenceCache} loses its entries at every young collection, so a
 * busy aggregate or saga was read back from the database for nearly every message. Entry listeners
 * are not supported (nothing here registers one). Thread-safe.
 */
public final class BoundedCache implements Cache {

  private final com.github.benmanes.caffeine.cache.Cache<Object, Object> entries;

  public BoundedCache(long maximumSize) {
    this.entries = Caffeine.newBuilder().maximumSize(maximumSize).build();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <K, V> V get(K key) {
    return (V) entries.getIfPresent(key);
  }

  @Override
  public void put(Object key, Object value) {
    entries.put(key, value);
  }

  @Override
  public boolean putIfAbsent(Object key, Object value) {
    return entries.asMap().putIfAbsent(key, value) == null;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
    return (T) entries.get(key, k -> valueSupplier.get());
  }

  @Override
  public boolean remove(Object key) {
    return entries.asMap().remove(key) != null;
  }

  @Override
  public void removeAll() {
    entries.invalidateAll();
  }

  @Override
  public boolean containsKey(Object key) {
    return entries.asMap().containsKey(key);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
    entries.asMap().computeIfPresent(key, (k, value) -> update.apply((V) value));
  }

  /** Nothing here listens to a cache; a listener would never be called, so it is refused. */
  @Override
  public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
    throw new UnsupportedOperationException("this cache has no entry listeners");
  }
}
