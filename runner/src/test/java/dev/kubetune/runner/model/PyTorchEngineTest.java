package dev.kubetune.runner.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class PyTorchEngineTest {

    @Test
    void libtorchLoadsFromTheBundledNativeJar() {
        Engine engine = Engine.getEngine("PyTorch");
        assertThat(engine.getVersion()).isEqualTo("2.5.1");
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThat(manager.arange(4f).mul(2).toFloatArray()).containsExactly(0f, 2f, 4f, 6f);
        }
    }
}
