package io.retailseg.postgres;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rules that keep the database code honest. */
class PostgresArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.retailseg.postgres");
    }

    @Test
    void onlyPgConnectionsOpensConnections() {
        // so every connection gets its password from --password-file, PGPASSWORD or ~/.pgpass, and its errors
        // name the database without the password
        noClasses().that().doNotHaveSimpleName("PgConnections")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.postgresql.Driver")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.sql.DriverManager")
                .check(classes);
    }

    @Test
    void linesAreDecodedByCoresReaderNotASecondParser() {
        // COPY's rows go through io.retailseg.io.LineFeed: the file rules, not a copy of them
        noClasses().should().dependOnClassesThat().resideInAPackage("de.siegmar.fastcsv..").check(classes);
    }

    @Test
    void theModelAndRunFilesAreMappedByTheirCodecs() {
        // model.json only through ModelCodec, the summary only through RunJson's mapping
        noClasses().should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..").check(classes);
    }
}
