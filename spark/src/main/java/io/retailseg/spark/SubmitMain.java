package io.retailseg.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The job jar's main for {@code spark-submit --class io.retailseg.spark.SubmitMain retailseg-spark.jar run
 * --input ... --out ...}: the command line with {@code --engine spark} added to {@code run}, so the run
 * joins spark-submit's session and master.
 */
public final class SubmitMain {
    private SubmitMain() {
    }

    public static void main(String[] args) {
        List<String> a = new ArrayList<>(Arrays.asList(args));
        boolean engineGiven = a.stream().anyMatch(s -> s.equals("--engine") || s.startsWith("--engine="));
        if (!a.isEmpty() && a.get(0).equals("run") && !engineGiven) {
            a.add(1, "--engine");
            a.add(2, "spark");
        }
        io.retailseg.cli.Main.main(a.toArray(new String[0]));
    }
}
