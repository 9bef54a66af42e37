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
        String partitionsBefore = conf.get(SparkEngine.SHUFFLE_PARTITIONS);
        String chosenBefore = conf.get(SparkEngine.ENGINE_SHUFFLE_PARTITIONS);
        try {
            // the engine chose 8, then someone set 4 (as this module's test session does): a choice, kept
            conf.set(SparkEngine.ENGINE_SHUFFLE_PARTITIONS, "8");
            conf.set(SparkEngine.SHUFFLE_PARTITIONS, "4");
            SparkEngine.sizeShuffles(TestSpark.session(), 100_000_000);
            assertThat(conf.get(SparkEngine.SHUFFLE_PARTITIONS)).isEqualTo("4");

            conf.set(SparkEngine.SHUFFLE_PARTITIONS, "8"); // as the engine left it
            SparkEngine.sizeShuffles(TestSpark.session(), 100_000_000);
            assertThat(conf.get(SparkEngine.SHUFFLE_PARTITIONS)).isEqualTo("67");
            SparkEngine.sizeShuffles(TestSpark.session(), 1_000_000); // the next run in the same session
            assertThat(conf.get(SparkEngine.SHUFFLE_PARTITIONS)).isEqualTo("8");
        } finally {
            conf.set(SparkEngine.SHUFFLE_PARTITIONS, partitionsBefore);
            conf.set(SparkEngine.ENGINE_SHUFFLE_PARTITIONS, chosenBefore);
        }
    }
}
