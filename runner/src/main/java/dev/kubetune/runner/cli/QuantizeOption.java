package dev.kubetune.runner.cli;

import dev.kubetune.api.spec.QuantizationSpec;
import picocli.CommandLine;

/** {@code --quantize 8}, {@code --quantize 4} or {@code --quantize 4:128}: model.quantization from the command line. */
final class QuantizeOption implements CommandLine.ITypeConverter<QuantizationSpec> {

    @Override
    public QuantizationSpec convert(String value) {
        String[] parts = value.split(":", -1);
        QuantizationSpec spec = new QuantizationSpec();
        try {
            spec.setBits(Integer.parseInt(parts[0]));
            if (parts.length == 2) {
                spec.setGroupSize(Integer.parseInt(parts[1]));
            } else if (parts.length > 2) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not 8, 4 or 4:GROUP");
        }
        return spec;
    }
}
