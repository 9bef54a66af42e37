package io.retailseg.config;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Every component's seed, derived from the run's one seed by the component's name: adding a component
 * (or drawing one more number in another) never shifts another component's numbers. A component's
 * seed is the first value of a {@link SplittableRandom} seeded with the run's seed mixed with the
 * FNV-1a hash of the name; the component splits it further (per tree, per restart) before any work
 * reaches a thread, as Tribuo's trainers do.
 *
 * <p>The names are part of the output contract (they are recorded in the model's provenance), so a
 * name, once released, keeps its meaning.
 */
public final class Seeds {
    /** The Isolation Forest's trees. */
    public static final String OUTLIERS = "outliers";
    /** k-means++ seeding and restarts (every k of the automatic search uses the same seed). */
    public static final String KMEANS = "kmeans";
    /** The rows the silhouette is estimated on above the sample size. */
    public static final String SILHOUETTE_SAMPLE = "silhouette-sample";
    /** {@code evaluate}'s bootstrap resamples. */
    public static final String BOOTSTRAP = "bootstrap";
    /** {@code evaluate}'s random recommender. */
    public static final String RANDOM_RECOMMENDER = "random-recommender";
    /** {@code evaluate}'s implicit-feedback ALS recommender: its starting product factors. */
    public static final String ALS = "als";

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final long root;
    private final Map<String, Long> drawn = Collections.synchronizedMap(new LinkedHashMap<>());

    private Seeds(long root) {
        this.root = root;
    }

    /** The seeds of a run whose one seed is {@code root}. */
    public static Seeds of(long root) {
        return new Seeds(root);
    }

    /** The run's one seed. */
    public long root() {
        return root;
    }

    /** The seed of the component {@code name}; the same name always gives the same seed. */
    public long seed(String name) {
        long seed = derive(root, name);
        drawn.put(name, seed);
        return seed;
    }

    /** The seeds handed out so far, by component name in alphabetical order (for provenance). */
    public Map<String, Long> drawn() {
        synchronized (drawn) {
            return Collections.unmodifiableMap(new TreeMap<>(drawn));
        }
    }

    static long derive(long root, String name) {
        long h = FNV_OFFSET;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= FNV_PRIME;
        }
        return new SplittableRandom(root ^ h).nextLong();
    }
}
