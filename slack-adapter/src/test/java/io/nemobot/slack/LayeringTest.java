package io.nemobot.slack;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The adapter stays thin, like Discord's: it talks to the core only through the chat ports (words,
 * commands, the text splitter included) and the settings, so no wording or rule of its own creeps in.
 */
class LayeringTest {
    @Test
    void theAdapterUsesOnlyTheCoresPortsAndSettings() {
        JavaClasses adapter = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.nemobot.slack");
        noClasses().should().dependOnClassesThat(resideInAPackage("io.nemobot..")
                .and(resideOutsideOfPackages("io.nemobot.chat..", "io.nemobot.config..", "io.nemobot.slack..")))
                .check(adapter);
    }
}
