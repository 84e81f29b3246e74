package com.example.trading.platform.worker;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A background job on its own thread that does one round of work at a time ({@link #workOnce}),
 * pauses when there was nothing more to do, and on a failure logs it (the first time and then
 * every 50th in a row) and backs off exponentially up to ten seconds before the next round.
 * Started and stopped with the application context; stopping interrupts a pause.
 */
public abstract class PollingWorker implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(PollingWorker.class);
  private static final long MAX_BACKOFF_MS = 10_000;

  private final String name;
  private volatile boolean running;
  private volatile Thread worker;

  protected PollingWorker(String name) {
    this.name = name;
  }

  /**
   * Does one round of work.
   *
   * @return true when more work is waiting (the next round starts at once), false to pause for
   *     {@link #idlePause()} first
   */
  protected abstract boolean workOnce() throws InterruptedException;

  /** How long to wait when a round found nothing more to do. */
  protected abstract Duration idlePause();

  @Override
  public void start() {
    running = true;
    worker = new Thread(this::run, name);
    worker.start();
  }

  @Override
  public void stop() {
    running = false;
    Thread current = worker;
    if (current != null) {
      current.interrupt();
      try {
        current.join(Duration.ofSeconds(15));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void run() {
    int failures = 0;
    while (running) {
      try {
        boolean more = workOnce();
        failures = 0;
        if (!more) {
          Thread.sleep(idlePause().toMillis());
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
}
