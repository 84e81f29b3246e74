package com.example.trading.platform.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PollingWorkerTest {

  /** Counts the rounds of each thread; never finds work. */
  static final class IdleWorker extends PollingWorker {
    final Map<String, AtomicInteger> rounds = new ConcurrentHashMap<>();
    private final Duration pause;

    IdleWorker(int threads, Duration pause) {
      super("idle", threads);
      this.pause = pause;
    }

    @Override
    protected boolean workOnce() {
      rounds
          .computeIfAbsent(Thread.currentThread().getName(), name -> new AtomicInteger())
          .incrementAndGet();
      return false;
    }

    @Override
    protected Duration idlePause() {
      return pause;
    }

    int roundsOf(String thread) {
      AtomicInteger count = rounds.get(thread);
      return count == null ? 0 : count.get();
    }

    int total() {
      return rounds.values().stream().mapToInt(AtomicInteger::get).sum();
    }
  }

  private IdleWorker worker;

  @AfterEach
  void stop() {
    worker.stop();
  }

  @Test
  void onlyTheFirstThreadPollsAnIdleQueueOnTheTimer() {
    worker = new IdleWorker(3, Duration.ofMillis(10));
    worker.start();

    await().atMost(Duration.ofSeconds(30)).until(() -> worker.roundsOf("idle-0") >= 30);

    // The others look for themselves only every tenth pause: a few rounds each, not thirty.
    int first = worker.roundsOf("idle-0");
    assertThat(worker.roundsOf("idle-1")).isBetween(1, first / 3);
    assertThat(worker.roundsOf("idle-2")).isBetween(1, first / 3);
  }

  @Test
  void eachWakeUpEndsOnePauseAtOnce() {
    worker = new IdleWorker(3, Duration.ofHours(1));
    worker.start();
    await().atMost(Duration.ofSeconds(30)).until(() -> worker.total() == 3);

    worker.wakeUp();
    await().atMost(Duration.ofSeconds(30)).until(() -> worker.total() == 4);
    worker.wakeUp();
    worker.wakeUp();
    await().atMost(Duration.ofSeconds(30)).until(() -> worker.total() == 6);
  }
}
