package com.example.trading.teststack;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The architecture rule every service checks in its own build: its code depends on no other
 * service, only on itself, the {@code event-schemas} contract and the {@code platform} plumbing.
 * (The Maven enforcer separately refuses any dependency on a service's artifact.)
 */
public final class ServiceBoundaries {

  public static final String ROOT = "com.example.trading";
  public static final String SCHEMAS = ROOT + ".schemas..";
  public static final String PLATFORM = ROOT + ".platform..";

  private ServiceBoundaries() {
  }

  /** The production classes of one service, e.g. {@code com.example.trading.command}. */
  public static JavaClasses productionClassesOf(String servicePackage) {
    return new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
        .importPackages(servicePackage);
  }

  public static ArchRule dependsOnlyOnItselfSchemasAndPlatform(String servicePackage) {
    return noClasses().that().resideInAPackage(servicePackage + "..")
        .should().dependOnClassesThat(resideInAPackage(ROOT + "..")
            .and(not(resideInAnyPackage(servicePackage + "..", SCHEMAS, PLATFORM))))
        .because("services are autonomous and talk only through event-schemas messages");
  }
}
