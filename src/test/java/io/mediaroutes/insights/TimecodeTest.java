package io.mediaroutes.insights;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimecodeTest {

    @Test
    void formatsLikeVideoIndexer() {
        assertThat(Timecode.format(0)).isEqualTo("0:00:00");
        assertThat(Timecode.format(4.12)).isEqualTo("0:00:04.12");
        assertThat(Timecode.format(3725.5)).isEqualTo("1:02:05.50");
    }
}
