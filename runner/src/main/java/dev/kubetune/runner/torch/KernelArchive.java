package dev.kubetune.runner.torch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The TorchScript archive of {@link Kernels}, written in memory from the source text in
 * {@code kernels.torchscript} (a resource beside this class). An archive is a zip of the module's code
 * ({@code code/__torch__.py}, TorchScript's serialized source, compiled by libtorch when it loads), its
 * object ({@code data.pkl}: a pickled {@code __torch__.Kernels} with no parameters and one attribute,
 * {@code training}), an empty constants table and the format version. No Python is involved, at build
 * time or at run time, and libtorch compiles the code itself, so any operator of the bundled libtorch is
 * callable — including ones newer than any Python torch installed beside it.
 */
final class KernelArchive {

    /** Folder inside the zip; libtorch reads whatever single top folder there is. */
    private static final String ROOT = "kernels/";
    private static final String SOURCE = "kernels.torchscript";

    private KernelArchive() {
    }

    /** The archive's bytes. */
    static byte[] bytes() {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            stored(out, "data.pkl", moduleObject());
            stored(out, "code/__torch__.py", source());
            stored(out, "constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
            stored(out, "version", "3\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return zip.toByteArray();
    }

    /** The TorchScript source of the module (serialized form: dtypes are ints, every def annotated). */
    static byte[] source() {
        try (InputStream in = KernelArchive.class.getResourceAsStream(SOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + SOURCE + " is missing from the runner");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Pickle protocol 2 of {@code __torch__.Kernels()} with {@code training = False}: GLOBAL, EMPTY_TUPLE,
     * NEWOBJ, a one-entry state dict, BUILD, STOP.
     */
    private static byte[] moduleObject() {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(0x80);
        p.write(2);
        p.writeBytes("c__torch__\nKernels\n".getBytes(StandardCharsets.US_ASCII));
        p.write(')');
        p.write(0x81);
        p.write('}');
        byte[] key = "training".getBytes(StandardCharsets.US_ASCII);
        p.write('X');
        p.write(key.length);
        p.write(0);
        p.write(0);
        p.write(0);
        p.writeBytes(key);
        p.write(0x89);
        p.write('s');
        p.write('b');
        p.write('.');
        return p.toByteArray();
    }

    /** Entries stored uncompressed, as torch.jit.save writes them. */
    private static void stored(ZipOutputStream out, String name, byte[] data) throws IOException {
        ZipEntry entry = new ZipEntry(ROOT + name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(data.length);
        entry.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        entry.setCrc(crc.getValue());
        entry.setTime(0);
        out.putNextEntry(entry);
        out.write(data);
        out.closeEntry();
    }
}
