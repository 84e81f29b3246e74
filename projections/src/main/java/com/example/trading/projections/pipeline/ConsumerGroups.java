package com.example.trading.projections.pipeline;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The consumer group a view's live projection reads in ({@code <group-prefix>.<view>}): the live
 * projection joins it, a rebuild reads its committed offsets as targets, and {@code /ops/views}
 * reports its lag.
 */
@Component
public class ConsumerGroups {

  private final String prefix;

  public ConsumerGroups(@Value("${trading.projections.group-prefix:projection}") String prefix) {
    this.prefix = prefix;
  }

  public String of(View<?> view) {
    return prefix + "." + view.name();
  }
}
