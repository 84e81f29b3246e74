package com.example.trading.saga.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CaughtUpDeadlineTaskTest {

  /** A processor whose position the test moves; the store's head is fixed at 10. */
  static final class FakeProgress extends SagaProcessorProgress {
    final AtomicLong processed = new AtomicLong();

    FakeProgress() {
      super(null, null, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }

    @Override
    public long head() {
      return 10;
    }

    @Override
    public long processed() {
      return processed.get();
    }
  }

  private final List<String> delivered = new ArrayList<>();
  private final OneTimeTask<String> deadlines = Tasks.oneTime("AxonDeadline", String.class)
      .execute((instance, context) -> delivered.add(instance.getId()));

  @Test
  void aDeadlineWaitsUntilTheProcessorHasHandledWhatWasStoredWhenItCameDue() throws Exception {
    FakeProgress progress = new FakeProgress();
    progress.processed.set(7);
    var task = new CaughtUpDeadlineTask<>(deadlines, progress, Duration.ofMinutes(1));
    CountDownLatch done = new CountDownLatch(1);
    Thread scheduler = new Thread(() -> {
      task.execute(new TaskInstance<>("AxonDeadline", "d-1", "data"), (ExecutionContext) null);
      done.countDown();
    });
    scheduler.start();

    assertThat(done.await(200, TimeUnit.MILLISECONDS)).isFalse();
    assertThat(delivered).isEmpty();
    progress.processed.set(10);
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(delivered).containsExactly("d-1");
  }

  @Test
  void aStuckProcessorGetsTheDeadlineAnywayAfterTheMaximumWait() {
    FakeProgress progress = new FakeProgress();
    progress.processed.set(3);
    var task = new CaughtUpDeadlineTask<>(deadlines, progress, Duration.ZERO);

    task.execute(new TaskInstance<>("AxonDeadline", "d-2", "data"), (ExecutionContext) null);

    assertThat(delivered).containsExactly("d-2");
  }

  @Test
  void keepsTheNameAndFailureHandlingOfAxonsTask() {
    var task = new CaughtUpDeadlineTask<>(deadlines, new FakeProgress(), Duration.ZERO);

    assertThat(task.getName()).isEqualTo("AxonDeadline");
    assertThat(task.getFailureHandler()).isSameAs(deadlines.getFailureHandler());
    assertThat(task.getDataClass()).isEqualTo(String.class);
  }
}
