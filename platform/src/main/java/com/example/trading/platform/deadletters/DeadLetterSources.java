package com.example.trading.platform.deadletters;

import java.util.List;

/**
 * The dead-letter sources a service declares (one bean per service); with one, {@code
 * /ops/dead-letters} is served ({@link DeadLettersAutoConfiguration}).
 */
@FunctionalInterface
public interface DeadLetterSources {

  List<DeadLetterSource> sources();
}
