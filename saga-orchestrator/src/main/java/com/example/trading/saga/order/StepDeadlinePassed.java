package com.example.trading.saga.order;

/**
 * A step's deadline came due: scheduled by the order's saga when it entered the step (or re-armed
 * it for a retry), appended to the orchestrator's store when due. It names the step and retry that
 * armed it, so one arriving after the saga moved on (or re-armed) is stale and changes nothing.
 */
public record StepDeadlinePassed(String orderId, SagaStep step, int retry) {}
