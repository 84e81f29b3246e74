package com.example.trading.teststack;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Instant;
import java.util.UUID;

/**
 * The architecture rules the services check in their own builds (STYLE.md says them in words):
 *
 * <ul>
 *   <li>a service's code depends on no other service, only on itself, the {@code event-schemas}
 *       contract and the {@code platform} plumbing (the Maven enforcer separately refuses any
 *       dependency on a service's artifact);
 *   <li>aggregates and sagas decide: they do no I/O and know no transport or store, and read no
 *       clock or randomness of their own (it is passed in);
 *   <li>controllers reach no store or broker directly: adapters (a view's queries class, a
 *       repository, a gateway) do;
 *   <li>only {@code platform} touches Kafka's client library and spring-kafka: a service consumes
 *       through its {@code ConsumerLoop}, sends through its {@code MessageSender} and asks the
 *       cluster through its {@code KafkaCluster}, and handles {@code ReceivedMessage}s, so how
 *       offsets are committed, failures retried and dead letters written is decided in one place.
 * </ul>
 */
public final class ServiceBoundaries {

  public static final String ROOT = "com.example.trading";
  public static final String SCHEMAS = ROOT + ".schemas..";
  public static final String PLATFORM = ROOT + ".platform..";

  private ServiceBoundaries() {}

  /** The production classes of one service, e.g. {@code com.example.trading.command}. */
  public static JavaClasses productionClassesOf(String servicePackage) {
    return new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
        .importPackages(servicePackage);
  }

  /**
   * Packages of I/O, transports and stores: what adapters use, and aggregates, sagas and
   * controllers do not.
   */
  private static final String[] INFRASTRUCTURE = {
    "org.springframework.web..",
    "org.springframework.http..",
    "org.springframework.jdbc..",
    "org.apache.kafka..",
    "co.elastic..",
    "java.io..",
    "java.net..",
    "java.nio..",
    "java.sql..",
    "javax.sql.."
  };

  /** Aggregates and sagas decide: no I/O, transport, store, clock or randomness of their own. */
  public static ArchRule aggregatesAndSagasDoNoIo() {
    return noClasses()
        .that()
        .areAnnotatedWith("org.axonframework.spring.stereotype.Aggregate")
        .or()
        .areAnnotatedWith("org.axonframework.spring.stereotype.Saga")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(INFRASTRUCTURE)
        .orShould()
        .callMethod(Instant.class, "now")
        .orShould()
        .callMethod(System.class, "currentTimeMillis")
        .orShould()
        .callMethod(UUID.class, "randomUUID")
        .orShould()
        .callMethod(Math.class, "random")
        .because(
            "an aggregate's or saga's handlers decide from what they are given (STYLE.md): I/O, the clock "
                + "and randomness are passed in, so fixtures replay them exactly")
        .allowEmptyShould(true);
  }

  /**
   * Controllers call adapters; they build no Elasticsearch query, SQL or Kafka record themselves.
   */
  public static ArchRule controllersReachNoStoreDirectly() {
    return noClasses()
        .that()
        .areAnnotatedWith("org.springframework.web.bind.annotation.RestController")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework.jdbc..",
            "org.apache.kafka..",
            "co.elastic..",
            "java.sql..",
            "javax.sql..")
        .because(
            "only adapters touch Kafka, JDBC and Elasticsearch (STYLE.md); a view's queries live in its "
                + "queries class")
        .allowEmptyShould(true);
  }

  /** Kafka's client library and spring-kafka are platform's: services use its types instead. */
  public static ArchRule onlyPlatformTouchesKafkaClients() {
    return noClasses()
        .that()
        .resideOutsideOfPackage(PLATFORM)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..")
        .because(
            "only platform touches the Kafka clients (issue 14): services consume with ConsumerLoop, send "
                + "with MessageSender and read ReceivedMessages, so commits, retries and dead letters "
                + "follow one policy")
        .allowEmptyShould(true);
  }

  public static ArchRule dependsOnlyOnItselfSchemasAndPlatform(String servicePackage) {
    return noClasses()
        .that()
        .resideInAPackage(servicePackage + "..")
        .should()
        .dependOnClassesThat(
            resideInAPackage(ROOT + "..")
                .and(not(resideInAnyPackage(servicePackage + "..", SCHEMAS, PLATFORM))))
        .because("services are autonomous and talk only through event-schemas messages");
  }
}
