package com.example.trading.platform.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A background job on one or more threads of its own, each doing one round of work at a time
 * ({@link #workOnce}), pausing when there was nothing more to do, and on a failure logging it (the
 * first time and then every 50th in a row) and backing off exponentially up to ten seconds before
 * its next round. {@link #wakeUp()} ends one thread's idle pause at once (or, when none is pausing,
 * the next pause before it begins), so work handed over in-process (after the commit that made it
 * visible) does not wait for the next poll; the pause remains the bound for work that arrives any
 * other way. Started and stopped with the application context; stopping interrupts a pause. With
 * several threads, {@link #workOnce} must be safe to run concurrently (each round claims its own
 * work), and only the first polls every {@link #idlePause()}: the others are there for work that
 * wakes them (each wake-up ends one pause) and look for themselves only every {@value
 * #HELPER_PAUSES} pauses, so an idle pool does not poll once per thread (the market gateway's eight
 * workers polled its queue 40 times a second with nothing in it).
 */
public abstract class PollingWorker implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(PollingWorker.class);
  private static final long MAX_BACKOFF_MS = 10_000;

  /** How many idle pauses a thread other than the first waits when nothing wakes it. */
  static final int HELPER_PAUSES = 10;

  private final String name;
  private final int threads;
  private final Object idle = new Object();

  /** Incremented by every wake-up, so a wake-up between a round and its pause is not lost. */
  private long wakeUps;

  private volatile boolean running;
  private final List<Thread> workers = new ArrayList<>();

  protected PollingWorker(String name) {
    this(name, 1);
  }

  protected PollingWorker(String name, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException(name + ": needs at least one thread, got " + threads);
    }
    this.name = name;
    this.threads = threads;
  }

  /**
   * Does one round of work.
   *
   * @return true when more work is waiting (the next round starts at once), false to pause for
   *     {@link #idlePause()} first (or until {@link #wakeUp()})
   */
  protected abstract boolean workOnce() throws InterruptedException;

  /** How long to wait when a round found nothing more to do. */
  protected abstract Duration idlePause();

  /** Ends the idle pause of one thread: new work is there. Cheap; safe from any thread. */
  public void wakeUp() {
    synchronized (idle) {
      wakeUps++;
      idle.notify();
    }
  }

  @Override
  public synchronized void start() {
    running = true;
    for (int i = 0; i < threads; i++) {
      int pauses = i == 0 ? 1 : HELPER_PAUSES;
      Thread worker = new Thread(() -> run(pauses), threads == 1 ? name : name + "-" + i);
      workers.add(worker);
      worker.start();
    }
  }

  @Override
  public synchronized void stop() {
    running = false;
    workers.forEach(Thread::interrupt);
    for (Thread worker : workers) {
      try {
        worker.join(Duration.ofSeconds(15));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    workers.clear();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Works rounds until stopped, pausing {@code pauses} idle pauses when a round found nothing. */
  private void run(int pauses) {
    int failures = 0;
    while (running) {
      try {
        long seen = wakeUpsSoFar();
        boolean more = workOnce();
        failures = 0;
        if (!more) {
          pause(seen, idlePause().toMillis() * pauses);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        failures++;
        if (failures == 1 || failures % 50 == 0) {
          log.warn("{}: round failed ({} in a row); backing off", name, failures, e);
        }
        try {
          Thread.sleep(Math.min(200L << Math.min(failures, 6), MAX_BACKOFF_MS));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private long wakeUpsSoFar() {
    synchronized (idle) {
      return wakeUps;
    }
  }

  /** Waits up to {@code millis}, or less when woken up since {@code seen}. */
  private void pause(long seen, long millis) throws InterruptedException {
    long until = System.nanoTime() + millis * 1_000_000;
    synchronized (idle) {
      while (wakeUps == seen && running) {
        long left = (until - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          return;
        }
        idle.wait(left);
      }
    }
  }
}
