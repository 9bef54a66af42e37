package io.retailseg;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of docs/architecture.md, enforced: data flows one way, stages know nothing of the
 * orchestrator or of publishing, and only ingest reads and only publish/model write files.
 */
class ArchitectureTest {
    private static final String[] STAGES = {"io.retailseg.clean..", "io.retailseg.features..", "io.retailseg.ml..",
        "io.retailseg.recommend..", "io.retailseg.domain..", "io.retailseg.config..", "io.retailseg.evaluate..",
        "io.retailseg.score..", "io.retailseg.explore..", "io.retailseg.clv.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.retailseg");
    }

    @Test
    void stagesDoNotReachIntoTheOrchestratorOrPublishing() {
        noClasses().that().resideInAnyPackage(STAGES)
                .should().dependOnClassesThat().resideInAnyPackage("io.retailseg.pipeline..", "io.retailseg.publish..",
                        "io.retailseg.io..", "io.retailseg.generate..")
                .check(classes);
    }

    @Test
    void stagesNeitherReadNorWriteFiles() {
        noClasses().that().resideInAnyPackage(STAGES)
                .should().dependOnClassesThat().haveFullyQualifiedName("java.nio.file.Files")
                .check(classes);
        noClasses().that().resideInAnyPackage(STAGES)
                .should().dependOnClassesThat().haveFullyQualifiedName("java.io.FileInputStream")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileOutputStream")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileReader")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileWriter")
                .check(classes);
    }

    @Test
    void theDomainDependsOnNothingElseOfTheProject() {
        noClasses().that().resideInAPackage("io.retailseg.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.retailseg.clean..", "io.retailseg.features..",
                        "io.retailseg.ml..", "io.retailseg.recommend..", "io.retailseg.model..")
                .check(classes);
    }

    /**
     * The chain scaler, PCA, nearest centroid exists once: in the model ({@code model.Projection} and
     * {@code model.Segmenter}). No other class transforms with a scaler or a PCA or looks for the nearest
     * centroid itself.
     */
    @Test
    void onlyTheModelComposesScalerPcaAndCentroids() {
        noClasses().that().resideOutsideOfPackages("io.retailseg.model..", "io.retailseg.ml..")
                .should().callMethod(io.retailseg.ml.StandardScaler.class, "transform", double[].class)
                .orShould().callMethod(io.retailseg.ml.StandardScaler.class, "transform", double[][].class)
                .orShould().callMethod(io.retailseg.ml.Pca.class, "transform", double[].class)
                .orShould().callMethod(io.retailseg.ml.Pca.class, "transform", double[][].class)
                .orShould().callMethod(io.retailseg.ml.KMeans.class, "nearest", double[][].class, double[].class)
                .check(classes);
    }

    /** {@code model.json} is read and written by its codec only; nothing else maps the model's parts. */
    @Test
    void onlyTheCodecBuildsAModelFromItsParts() {
        noClasses().that().resideOutsideOfPackages("io.retailseg.model..", "io.retailseg.pipeline..")
                .should().callConstructor(io.retailseg.model.SegmentationModel.class,
                        io.retailseg.model.ModelProvenance.class, io.retailseg.config.Compat.class,
                        java.time.LocalDate.class, io.retailseg.model.OutlierDetector.class,
                        io.retailseg.model.Segmenter.class, java.util.List.class, java.util.List.class, int.class)
                .check(classes);
    }

    /**
     * The run folder's files are written and read through one mapping: JSON only through
     * {@code runfolder.RunJson}, CSV only through {@code runfolder.RunCsv} (FastCSV's reader also reads the
     * transaction input in {@code io}; {@code publish.ScoreWriter} writes {@code score}'s own CSV, not a
     * run-folder file).
     */
    @Test
    void onlyTheRunFolderCodecMapsRunFolderFiles() {
        noClasses().that().resideOutsideOfPackage("io.retailseg.runfolder..")
                .should().dependOnClassesThat().areAssignableTo(com.fasterxml.jackson.databind.ObjectMapper.class)
                .check(classes);
        noClasses().that().resideOutsideOfPackages("io.retailseg.runfolder..", "io.retailseg.io..")
                .should().dependOnClassesThat().resideInAPackage("de.siegmar.fastcsv.reader..")
                .check(classes);
        noClasses().that().resideOutsideOfPackage("io.retailseg.runfolder..")
                .and().doNotHaveFullyQualifiedName("io.retailseg.publish.ScoreWriter")
                .should().dependOnClassesThat().resideInAPackage("de.siegmar.fastcsv.writer..")
                .check(classes);
    }

    @Test
    void theCoreLibraryHasNoCommandLineDependency() {
        noClasses().should().dependOnClassesThat().resideInAPackage("picocli..").check(classes);
    }

    @Test
    void theCoreLibraryHasNoServerDependency() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..",
                "io.retailseg.server..").check(classes);
    }

    @Test
    void theCoreLibraryHasNoDatabaseDependency() {
        // JDBC and the PostgreSQL driver live in the postgres module, which depends on core, never the reverse
        noClasses().should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.postgresql..",
                "io.retailseg.postgres..").check(classes);
    }
}
