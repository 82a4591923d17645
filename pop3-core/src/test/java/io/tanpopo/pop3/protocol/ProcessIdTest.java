package io.tanpopo.pop3.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessIdTest {

    @Test
    void current_isTheIdProcessHandleGives() {
        assertThat(ProcessId.current()).isEqualTo(ProcessHandle.current().pid());
    }
}
