package dev.backpack.launcher;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A stand-in core WAR for launcher tests that must not depend on core-war's state: the files of
 * {@code src/test/resources/tiny-war} plus a jar in {@code WEB-INF/lib} (to be shared).
 */
final class TinyWar {

  private TinyWar() {}

  static Path build(Path file) throws IOException, URISyntaxException {
    Path root = Path.of(TinyWar.class.getResource("/tiny-war").toURI());
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file));
        Stream<Path> files = Files.walk(root)) {
      for (Path path : files.filter(Files::isRegularFile).sorted().toList()) {
        zip.putNextEntry(new ZipEntry(root.relativize(path).toString().replace('\\', '/')));
        Files.copy(path, zip);
        zip.closeEntry();
      }
      zip.putNextEntry(new ZipEntry("WEB-INF/lib/tiny.jar"));
      zip.write(emptyJar());
      zip.closeEntry();
    }
    return file;
  }

  private static byte[] emptyJar() throws IOException {
    var bytes = new java.io.ByteArrayOutputStream();
    try (ZipOutputStream jar = new ZipOutputStream(bytes)) {
      jar.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
      jar.write("Manifest-Version: 1.0\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      jar.closeEntry();
    }
    return bytes.toByteArray();
  }
}
