package dev.kubetune.runner.quant;

/** A linear weight dequantized to float32: {@code values} row-major [rows = out features, columns = in features]. */
public record DequantizedWeight(int rows, int columns, float[] values) {

    public DequantizedWeight {
        if ((long) rows * columns != values.length) {
            throw new IllegalArgumentException(rows + " x " + columns + " weight with " + values.length + " values");
        }
    }
}
