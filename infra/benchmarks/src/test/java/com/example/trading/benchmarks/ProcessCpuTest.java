package com.example.trading.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessCpuTest {

  @Test
  void aStatLineGivesThePidItsParentAndTheTicksOfTheProcessAndItsFinishedChildren() {
    String line =
        "4242 (postgres: trading saga 127.0.0.1(5) idle) S 13094 13094 13094 0 -1 4194560 1 0 0 0"
            + " 120 30 7 3 20 0 1 0 100 1000 10 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 1";

    ProcessCpu.Stat stat = ProcessCpu.Stat.parse(line);

    assertThat(stat).isEqualTo(new ProcessCpu.Stat(4242, 13094, 120 + 30 + 7 + 3));
  }

  @Test
  void perOrderIsEachProcesssCpuBetweenTheSamplesOverTheOrders() {
    Map<String, Double> before = new LinkedHashMap<>(Map.of("command-side", 10.0));
    before.put("postgres", 5.0);
    Map<String, Double> after = new LinkedHashMap<>(Map.of("command-side", 30.0));
    after.put("postgres", 15.0);
    after.put("started-during-the-run", 3.0);

    assertThat(ProcessCpu.perOrder(before, after, 1_000))
        .isEqualTo("command-side 20.0  postgres 10.0  total 30.0");
    assertThat(ProcessCpu.perOrder(Map.of(), Map.of(), 1_000)).isEmpty();
  }

  @Test
  void theRunningTestJvmIsSampledFromProc() {
    long self = ProcessHandle.current().pid();
    java.nio.file.Path pidFile;
    try {
      pidFile = java.nio.file.Files.createTempFile("self", ".pid");
      java.nio.file.Files.writeString(pidFile, Long.toString(self));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    ProcessCpu cpu = new ProcessCpu(Map.of("self", pidFile));

    double first = cpu.sample().get("self");
    long spin = System.nanoTime() + 300_000_000L;
    long sum = 0;
    while (System.nanoTime() < spin) {
      sum += System.nanoTime() % 7;
    }
    double second = cpu.sample().get("self");

    assertThat(sum).isPositive();
    assertThat(second).as("CPU seconds after spinning 0.3 s").isGreaterThan(first);
  }

  @Test
  void aFinishedChildsCpuCountsAsThisJvmsOnceWaitedFor() throws Exception {
    double before = ProcessCpu.selfAndFinishedChildren();
    // A child that spins (builtins only, no processes of its own) until its own /proc entry says
    // it has used 30 ticks (0.3 s) of user CPU.
    Process child =
        new ProcessBuilder(
                "bash",
                "-c",
                "while read -r -a stat < /proc/$$/stat; [ \"${stat[13]}\" -lt 30 ]; do :; done")
            .start();

    assertThat(child.waitFor()).isZero();
    assertThat(ProcessCpu.selfAndFinishedChildren() - before).isGreaterThanOrEqualTo(0.3);
  }
}
