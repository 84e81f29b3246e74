package com.example.trading.platform.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class CauseChainTest {

  @Test
  void walksFromTheFailureToItsDeepestCause() {
    SQLException root = new SQLException("duplicate", "23505");
    IllegalStateException failure =
        new IllegalStateException("wrapped", new UncheckedIOException(new IOException("io", root)));

    assertThat(CauseChain.of(failure)).hasSize(4).first().isSameAs(failure);
    assertThat(CauseChain.find(failure, SQLException.class)).containsSame(root);
    assertThat(CauseChain.find(failure, IOException.class))
        .get()
        .extracting(Throwable::getMessage)
        .isEqualTo("io");
    assertThat(CauseChain.find(failure, ArithmeticException.class)).isEmpty();
    assertThat(CauseChain.of(null)).isEmpty();
  }

  @Test
  void stopsWhereACauseLoopsBackIntoTheChain() {
    RuntimeException outer = new RuntimeException("outer");
    RuntimeException inner = new RuntimeException("inner", outer);
    outer.initCause(inner);

    assertThat(CauseChain.of(outer)).containsExactly(outer, inner);
  }
}
