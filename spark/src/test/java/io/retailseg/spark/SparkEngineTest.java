package io.retailseg.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.sql.RuntimeConfig;
import org.junit.jupiter.api.Test;

class SparkEngineTest {
    @Test
    void aLocalMasterKeepsEightShufflePartitionsUpTo12MillionLinesThenOnePer1Point5Million() {
        assertThat(SparkEngine.localShufflePartitions(0)).isEqualTo(8);
        assertThat(SparkEngine.localShufflePartitions(12_000_000)).isEqualTo(8);
        assertThat(SparkEngine.localShufflePartitions(12_000_001)).isEqualTo(9);
        assertThat(SparkEngine.localShufflePartitions(100_000_000)).isEqualTo(67);
        assertThat(SparkEngine.localShufflePartitions(10_000_000_000L)).isEqualTo(1024);
    }

    @Test
    void theLinesSizeTheShufflesOnlyWhileTheEngineStillHoldsTheSettingItChose() {
        RuntimeConfig conf = TestSpark.session().conf();
        String before = conf.get(SparkEngine.SHUFFLE_PARTITIONS);
        try {
            // the test session sets 4 itself, over the engine's 8: a user's choice, kept
            assertThat(conf.get(SparkEngine.ENGINE_SHUFFLE_PARTITIONS)).isEqualTo("8");
            SparkEngine.sizeShuffles(TestSpark.session(), 100_000_000);
            assertThat(conf.get(SparkEngine.SHUFFLE_PARTITIONS)).isEqualTo(before).isEqualTo("4");

            conf.set(SparkEngine.SHUFFLE_PARTITIONS, "8"); // as the engine left it
            SparkEngine.sizeShuffles(TestSpark.session(), 100_000_000);
            assertThat(conf.get(SparkEngine.SHUFFLE_PARTITIONS)).isEqualTo("67");
            SparkEngine.sizeShuffles(TestSpark.session(), 1_000_000); // the next run in the same session
            assertThat(conf.get(SparkEngine.SHUFFLE_PARTITIONS)).isEqualTo("8");
        } finally {
            conf.set(SparkEngine.SHUFFLE_PARTITIONS, before);
            conf.set(SparkEngine.ENGINE_SHUFFLE_PARTITIONS, "8");
        }
    }
}
