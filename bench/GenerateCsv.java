import io.retailseg.generate.GenerationStats;
import io.retailseg.generate.SyntheticRetailGenerator;
import java.nio.file.Path;

/**
 * Writes a generated file and prints its stats and throughput.
 * java -cp core/target/classes bench/GenerateCsv.java ROWS SEED OUT[.gz]
 */
public class GenerateCsv {
    public static void main(String[] args) {
        long rows = Long.parseLong(args[0]);
        long seed = Long.parseLong(args[1]);
        long start = System.nanoTime();
        GenerationStats stats = SyntheticRetailGenerator.write(rows, seed, Path.of(args[2]));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println(stats);
        System.out.printf("%.2f s, %.1f MB/s (uncompressed)%n", seconds, stats.bytes() / 1e6 / seconds);
    }
}
