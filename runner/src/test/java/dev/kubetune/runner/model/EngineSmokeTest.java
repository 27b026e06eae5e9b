package dev.kubetune.runner.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class EngineSmokeTest {
    @Test
    void loads() {
        Engine e = Engine.getEngine("PyTorch");
        System.out.println(e.getEngineName() + " " + e.getVersion());
        try (NDManager m = NDManager.newBaseManager()) {
            System.out.println(m.arange(5f).mul(2));
        }
    }
}
