package com.example.trading.schemas.codec;

import com.example.trading.schemas.AccountEvent;
import com.example.trading.schemas.FeeEvent;
import com.example.trading.schemas.HoldingEvent;
import com.example.trading.schemas.OrderEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The Java class names under which Axon's event stores hold the contract's events. A store records
 * an event's class name; the event families moved from a package of their own ({@code
 * schemas.order}, ...) to the contract's root package when {@code TradingEvent} was sealed (on the
 * class path a sealed type's subtypes must share its package), so an event stored before the move
 * carries its former name. Readers of a store resolve both names; nothing stored is rewritten.
 */
public final class StoredClassNames {

  private static final Map<Class<?>, String> FORMER_PACKAGES =
      Map.of(
          OrderEvent.class, "com.example.trading.schemas.order",
          HoldingEvent.class, "com.example.trading.schemas.holding",
          FeeEvent.class, "com.example.trading.schemas.fee",
          AccountEvent.class, "com.example.trading.schemas.account");

  /** What each stored name denotes, looked up once: every event read from a store asks. */
  private static final Map<String, Optional<Class<?>>> RESOLVED = new ConcurrentHashMap<>();

  private StoredClassNames() {}

  /**
   * The class a stored name denotes, under its current or its former name; empty when it names no
   * class here.
   */
  public static Optional<Class<?>> classOf(String storedName) {
    return RESOLVED.computeIfAbsent(storedName, StoredClassNames::resolve);
  }

  private static Optional<Class<?>> resolve(String storedName) {
    Optional<Class<?>> current = load(storedName);
    if (current.isPresent()) {
      return current;
    }
    for (Map.Entry<Class<?>, String> family : FORMER_PACKAGES.entrySet()) {
      String formerPrefix = family.getValue() + ".";
      if (!storedName.startsWith(formerPrefix)) {
        continue;
      }
      String nested = storedName.substring(formerPrefix.length());
      String outer = nested.contains("$") ? nested.substring(0, nested.indexOf('$')) : nested;
      if (outer.equals(family.getKey().getSimpleName())) {
        return load(family.getKey().getPackageName() + "." + nested);
      }
    }
    return Optional.empty();
  }

  /** Every name events of these classes may be stored under, each class's current name first. */
  public static List<String> namesOf(Class<?>... types) {
    return Stream.of(types).flatMap(type -> namesOf(type).stream()).toList();
  }

  /** Every name an event of this class may be stored under, its current name first. */
  public static List<String> namesOf(Class<?> type) {
    Class<?> outermost = type;
    while (outermost.getEnclosingClass() != null) {
      outermost = outermost.getEnclosingClass();
    }
    String formerPackage = FORMER_PACKAGES.get(outermost);
    if (formerPackage == null) {
      return List.of(type.getName());
    }
    String nested = type.getName().substring(outermost.getPackageName().length() + 1);
    return List.of(type.getName(), formerPackage + "." + nested);
  }

  private static Optional<Class<?>> load(String name) {
    try {
      return Optional.of(Class.forName(name, false, StoredClassNames.class.getClassLoader()));
    } catch (ClassNotFoundException e) {
      return Optional.empty();
    }
  }
}
