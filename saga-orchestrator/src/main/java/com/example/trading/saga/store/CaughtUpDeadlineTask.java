package com.example.trading.saga.store;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Axon's deadline task, delivered only once the saga processor has handled every event stored
 * when the deadline came due. A step deadline measures a downstream party's silence: when the
 * answer is already in the orchestrator's store but still queued in front of the sagas, the saga
 * sees the answer first and the deadline arrives stale (ignored). Without this, a burst that queues
 * answers for longer than a step's deadline would time orders out for our own slowness.
 *
 * <p>The wait happens before Axon's unit of work begins (no transaction or connection is held) and
 * is bounded by {@code maxWait}: a processor that is stuck (a poison event) must not hold every
 * deadline back for ever, so after that the deadline is delivered anyway, with a warning.
 */
final class CaughtUpDeadlineTask<T> implements Task<T> {

  private static final Logger log = LoggerFactory.getLogger(CaughtUpDeadlineTask.class);

  private final Task<T> deadlines;
  private final SagaProcessorProgress progress;
  private final Duration maxWait;

  CaughtUpDeadlineTask(Task<T> deadlines, SagaProcessorProgress progress, Duration maxWait) {
    this.deadlines = deadlines;
    this.progress = progress;
    this.maxWait = maxWait;
  }

  @Override
  public CompletionHandler<T> execute(TaskInstance<T> instance, ExecutionContext context) {
    try {
      if (!progress.awaitCaughtUp(maxWait)) {
        log.warn("deadline {} delivered although the saga processor is still {} events behind after {}",
            instance.getId(), progress.backlog(), maxWait);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the saga processor; the deadline runs again", e);
    }
    return deadlines.execute(instance, context);
  }

  @Override
  public String getName() {
    return deadlines.getName();
  }

  @Override
  public Class<T> getDataClass() {
    return deadlines.getDataClass();
  }

  @Override
  public TaskInstance<T> instance(String id) {
    return deadlines.instance(id);
  }

  @Override
  public TaskInstance<T> instance(String id, T data) {
    return deadlines.instance(id, data);
  }

  @Override
  public TaskInstance.Builder<T> instanceBuilder(String id) {
    return deadlines.instanceBuilder(id);
  }

  @Override
  public SchedulableInstance<T> schedulableInstance(String id) {
    return deadlines.schedulableInstance(id);
  }

  @Override
  public SchedulableInstance<T> schedulableInstance(String id, T data) {
    return deadlines.schedulableInstance(id, data);
  }

  @Override
  public FailureHandler<T> getFailureHandler() {
    return deadlines.getFailureHandler();
  }

  @Override
  public DeadExecutionHandler<T> getDeadExecutionHandler() {
    return deadlines.getDeadExecutionHandler();
  }

  @Override
  public int getDefaultPriority() {
    return deadlines.getDefaultPriority();
  }
}
