package com.example.trading.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;

/**
 * Runs one operation from {@code clients} threads in a closed loop for a warm-up and then a
 * measured period, and reports operations per second and latency percentiles of the measured
 * period. Each client does one operation at a time (no coordinated-omission correction: this is
 * throughput under saturation, not latency at a fixed rate).
 */
final class Load {

  /** One operation; {@code client} and {@code sequence} make every call unique. */
  interface Operation {
    void run(int client, long sequence) throws Exception;
  }

  /**
   * The server answered on purpose that it will not do the operation now (e.g. 503 with
   * Retry-After).
   */
  static final class Refused extends Exception {
    Refused(String why) {
      super(why, null, false, false);
    }
  }

  record Result(
      String name,
      int clients,
      long operations,
      long refusals,
      long failures,
      double seconds,
      double p50Millis,
      double p99Millis) {
    double perSecond() {
      return operations / seconds;
    }

    @Override
    public String toString() {
      return "%-44s %6d clients %10.0f ops/s   p50 %7.2f ms   p99 %7.2f ms   (%d ops, %d refused, %d failed, %.1f s)"
          .formatted(
              name,
              clients,
              perSecond(),
              p50Millis,
              p99Millis,
              operations,
              refusals,
              failures,
              seconds);
    }
  }

  private Load() {}

  static Result run(
      String name, int clients, Duration warmUp, Duration measured, Operation operation)
      throws InterruptedException {
    Recorder latencies = new Recorder(3);
    AtomicLong operations = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    AtomicLong refusals = new AtomicLong();
    long start = System.nanoTime();
    long measureFrom = start + warmUp.toNanos();
    long end = measureFrom + measured.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int client = c;
      Thread thread =
          new Thread(
              () -> {
                long sequence = 0;
                while (true) {
                  long before = System.nanoTime();
                  if (before >= end) {
                    return;
                  }
                  AtomicLong outcome = operations;
                  try {
                    operation.run(client, sequence++);
                  } catch (Refused e) {
                    outcome = refusals;
                  } catch (Exception e) {
                    outcome = failures;
                  }
                  long after = System.nanoTime();
                  if (before >= measureFrom && after <= end) {
                    outcome.incrementAndGet();
                    if (outcome == operations) {
                      latencies.recordValue(after - before);
                    }
                  }
                }
              },
              name + "-" + c);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    var histogram = latencies.getIntervalHistogram();
    return new Result(
        name,
        clients,
        operations.get(),
        refusals.get(),
        failures.get(),
        measured.toNanos() / 1e9,
        histogram.getValueAtPercentile(50) / 1e6,
        histogram.getValueAtPercentile(99) / 1e6);
  }
}
