package dev.kubetune.runner.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One test per DJL call that aborts the JVM on bfloat16 (each would end this test process, exit 134,
 * if the guard let the array through): the guard either takes a working route or throws a Java
 * exception.
 */
class DtypeGuardTest {

    private NDManager manager;
    private NDArray bf16;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
        bf16 = DtypeGuard.fromFloats(manager, new float[] {1f, -2f, 0.5f, 3f}, new Shape(2, 2), DataType.BFLOAT16);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void namesTheDtypeDjlReadsAsUnknown() {
        assertThat(bf16.getDataType()).isEqualTo(DataType.UNKNOWN);
        assertThat(DtypeGuard.dtype(bf16)).isEqualTo(DataType.BFLOAT16);
        assertThat(DtypeGuard.opaque(bf16)).isTrue();
        assertThat(DtypeGuard.dtype(manager.create(1f))).isEqualTo(DataType.FLOAT32);
    }

    @Test
    void toTypeBfloat16GoesThroughTorchScript() {
        NDArray x = manager.create(new float[] {1.00390625f, 1.01171875f});
        assertThat(floats(DtypeGuard.cast(x, DataType.BFLOAT16))).containsExactly(1f, 1.015625f);
        assertThat(DtypeGuard.cast(x, DataType.FLOAT32)).isSameAs(x);
        assertThat(DtypeGuard.cast(bf16, DataType.FLOAT16).toFloatArray()).containsExactly(1f, -2f, 0.5f, 3f);
    }

    @Test
    void toTypeOfAnUnnamedDtypeThrows() {
        NDArray x = manager.create(1f);
        assertThatThrownBy(() -> DtypeGuard.cast(x, DataType.UNKNOWN)).isInstanceOf(UnsupportedDtypeException.class);
        assertThatThrownBy(() -> DtypeGuard.cast(x, DataType.INT16)).isInstanceOf(UnsupportedDtypeException.class);
    }

    @Test
    void zerosOfBfloat16AreMadeAsFloat16BitsAndViewed() {
        NDArray z = DtypeGuard.zeros(manager, new Shape(3), DataType.BFLOAT16);
        assertThat(DtypeGuard.dtype(z)).isEqualTo(DataType.BFLOAT16);
        assertThat(floats(z)).containsExactly(0f, 0f, 0f);
        assertThatThrownBy(() -> DtypeGuard.zeros(manager, new Shape(3), DataType.UINT16))
                .isInstanceOf(UnsupportedDtypeException.class);
    }

    @Test
    void createFromStoredBfloat16BytesCopiesThem() {
        ByteBuffer bytes = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
        bytes.put(0, (byte) 0xc0).put(1, (byte) 0x3f).put(2, (byte) 0x00).put(3, (byte) 0xc0);
        NDArray x = DtypeGuard.fromBytes(manager, bytes, new Shape(2), DataType.BFLOAT16);
        bytes.put(1, (byte) 0); // the array owns a copy
        assertThat(floats(x)).containsExactly(1.5f, -2f);
        assertThatThrownBy(() -> DtypeGuard.fromBytes(manager, bytes, new Shape(2), DataType.UNKNOWN))
                .isInstanceOf(UnsupportedDtypeException.class);
    }

    @Test
    void softmaxOfBfloat16Throws() {
        assertThatThrownBy(() -> DtypeGuard.softmax(bf16, -1)).isInstanceOf(UnsupportedDtypeException.class)
                .hasMessageContaining("softmax");
        assertThat(DtypeGuard.softmax(DtypeGuard.cast(bf16, DataType.FLOAT32), -1).sum().getFloat()).isEqualTo(2f);
    }

    @Test
    void logSoftmaxOfBfloat16Throws() {
        assertThatThrownBy(() -> DtypeGuard.logSoftmax(bf16, -1)).isInstanceOf(UnsupportedDtypeException.class);
    }

    @Test
    void zerosLikeAndOnesLikeOfBfloat16Throw() {
        assertThatThrownBy(() -> DtypeGuard.zerosLike(bf16)).isInstanceOf(UnsupportedDtypeException.class);
        assertThatThrownBy(() -> DtypeGuard.onesLike(bf16)).isInstanceOf(UnsupportedDtypeException.class);
        assertThat(DtypeGuard.onesLike(manager.create(new float[] {5f})).toFloatArray()).containsExactly(1f);
    }

    @Test
    void toDeviceCarriesBfloat16AsFloat16Bits() {
        NDArray moved = DtypeGuard.toDevice(DtypeGuard.cast(bf16, DataType.BFLOAT16), Device.cpu());
        assertThat(floats(moved)).containsExactly(1f, -2f, 0.5f, 3f);
        NDArray f = manager.create(new float[] {1f});
        assertThat(DtypeGuard.toDevice(f, Device.cpu()).toFloatArray()).containsExactly(1f);
    }

    @Test
    void castIsRecordedByAutograd() {
        NDArray w = manager.create(new float[] {1f, 2f});
        w.setRequiresGradient(true);
        try (var collector = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
            NDArray y = DtypeGuard.cast(DtypeGuard.cast(w, DataType.BFLOAT16).mul(bf16.get("0, :")), DataType.FLOAT32).sum();
            collector.backward(y);
        }
        assertThat(w.getGradient().toFloatArray()).containsExactly(1f, -2f);
    }

    private static float[] floats(NDArray x) {
        return DtypeGuard.cast(x, DataType.FLOAT32).toFloatArray();
    }
}
