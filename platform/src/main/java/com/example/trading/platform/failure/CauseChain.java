package com.example.trading.platform.failure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A failure and the causes under it, outermost first: where the services look for what really went
 * wrong (a SQL state, an Elasticsearch status, a business refusal) under the wrappers of Spring,
 * Axon and the clients. A cause that points back into the chain ends it.
 */
public final class CauseChain {

  private CauseChain() {}

  /** {@code failure} and each of its causes, outermost first; empty for null. */
  public static Stream<Throwable> of(Throwable failure) {
    List<Throwable> chain = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      chain.add(t);
    }
    return chain.stream();
  }

  /** The outermost failure in the chain of {@code type}. */
  public static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
    return of(failure).filter(type::isInstance).map(type::cast).findFirst();
  }
}
