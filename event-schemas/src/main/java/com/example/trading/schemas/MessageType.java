package com.example.trading.schemas;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The stable name and current revision of a message, independent of its Java class name. The name
 * travels as the {@code type} header and the revision as {@code revision}; a reader that meets an
 * older revision upcasts it first.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface MessageType {

  /** The type name, e.g. {@code HoldingReserved}; never reused for another shape. */
  String name();

  /** The current revision; starts at 1 and only grows. */
  int revision() default 1;
}
