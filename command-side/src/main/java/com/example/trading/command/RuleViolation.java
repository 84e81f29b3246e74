package com.example.trading.command;

/**
 * Marks an exception as an aggregate refusing a command by its rules: deterministic, so retrying
 * the same command cannot succeed (unlike a lost concurrency race or an unreachable database).
 */
public interface RuleViolation {}
