package io.retailseg.cli;

import io.retailseg.pipeline.RunEngine;
import java.util.ServiceLoader;

/** The engines other than the local one, found on the class path at run time (the cli does not depend on them). */
final class Engines {
    private Engines() {
    }

    /**
     * The engine named {@code name}.
     *
     * @throws UsageException when no engine has that name and none could (only {@code spark} exists)
     * @throws EnvironmentException when the engine's module is not on the class path
     */
    static RunEngine find(String name) {
        for (RunEngine e : ServiceLoader.load(RunEngine.class)) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        if (!name.equals("spark")) {
            throw new UsageException("--engine: expected local or spark, found " + io.retailseg.Echo.quote(name));
        }
        throw new EnvironmentException("--engine spark: the spark module is not on the class path; run through"
                + " ./retailseg (it builds the module and fetches Spark's jars on first use) or spark-submit the job"
                + " jar spark/target/retailseg-spark.jar");
    }
}
